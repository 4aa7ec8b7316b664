/**
 * The summary line for partial sequences (sample events) a stream gave up because `--max-pending`
 * was reached: results they would have completed are missing, so the line says which option
 * raises the cap. `rule` names the rule for `eql run`.
 */
export function cappedPartialsLine(capped: number, limit: number, rule?: { readonly name: string; readonly ruleId: string }): string {
  const what = `${capped} partial sequence${capped === 1 ? '' : 's'} dropped`;
  const whose = rule ? `${rule.name} (${rule.ruleId}): ` : '';
  return `${whose}${what}: more than ${limit} held at once; sequences they would have completed are missing. Raise --max-pending.`;
}
