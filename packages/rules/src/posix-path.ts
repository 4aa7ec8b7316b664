/** `a/b/c.yaml` → `a/b`; `c.yaml` → ``. */
export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

/** Joins and normalises `/`-separated paths (`.` and `..` resolved, leading `..` kept). */
export function joinPath(...parts: string[]): string {
  const absolute = parts.find((p) => p !== '')?.startsWith('/') ?? false;
  const out: string[] = [];
  for (const segment of parts.join('/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (segment !== '..' || !absolute) out.push(segment);
  }
  return (absolute ? '/' : '') + out.join('/');
}
