/**
 * Matches index names against a rule's `index` patterns as Elasticsearch resolves them: `*`
 * wildcards, and `-pattern` entries that exclude what earlier entries included. A data stream's
 * backing index (`.ds-logs-okta.system-default-2024.01.05-000001`, what `_index` holds in search
 * hits) matches through its data stream name.
 */
export function indexMatcher(patterns: readonly string[]): (index: string) => boolean {
  const compiled = patterns.map((p) => {
    const exclude = p.startsWith('-');
    const body = exclude ? p.slice(1) : p;
    const source = body.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return { exclude, re: new RegExp(`^${source}$`) };
  });
  const matches = (name: string) => {
    let included = false;
    for (const { exclude, re } of compiled) if (re.test(name)) included = !exclude;
    return included;
  };
  return (index) => {
    if (matches(index)) return true;
    const stream = /^\.ds-(.+)-\d{4}\.\d{2}\.\d{2}-\d{6}$/.exec(index)?.[1];
    return stream !== undefined && matches(stream);
  };
}
