// Expression throughput: compiled `where` conditions alone (no sequence or stream machinery)
// over pre-parsed Okta-shaped objects, as events per second and as a ratio to a baseline that
// reads one nested field of each object in the same run.
// Run: npx tsx bench/expressions.bench.ts [events]
import { parseExpression } from '../packages/parser/src/index.js';
import { compileCondition } from '../packages/engine/src/compile-expression.js';
import type { EqlEvent } from '../packages/engine/src/event.js';
import { generateOktaEvents } from '../scripts/generate/okta-events.js';

const count = Number(process.argv[2] ?? 200_000);
const events: EqlEvent[] = [...generateOktaEvents({ count, seed: 7 }).events()];

function measure(name: string, rounds: number, run: () => number): { name: string; perSecond: number; result: number } {
  let best = Number.POSITIVE_INFINITY;
  let result = 0;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    result = run();
    best = Math.min(best, performance.now() - start);
  }
  return { name, perSecond: (events.length / best) * 1000, result };
}

function predicate(text: string): () => number {
  const { ast, diagnostics } = parseExpression(text);
  if (!ast) throw new Error(JSON.stringify(diagnostics));
  const test = compileCondition(ast);
  return () => {
    let n = 0;
    for (let i = 0; i < events.length; i++) if (test(events[i]!)) n++;
    return n;
  };
}

const baseline = measure('baseline: read event.action of each object', 15, () => {
  let n = 0;
  for (let i = 0; i < events.length; i++) {
    const action = (events[i]!.event as { action?: string } | undefined)?.action;
    if (action !== undefined) n += action.length;
  }
  return n;
});

const cases: Array<[string, string]> = [
  ['seed stage: module == and action ==', 'event.module == "okta" and event.action == "user.mfa.okta_verify.deny_push"'],
  ['seed stage 3: module == and action ==', 'event.module == "okta" and event.action == "user.authentication.sso"'],
  ['in (5 strings)', 'event.action in ("a", "b", "user.authentication.sso", "c", "user.mfa.okta_verify.deny_push")'],
  [': wildcard', 'event.action : "user.mfa.*"'],
  ['in~ (2 strings)', 'event.action in~ ("USER.AUTHENTICATION.SSO", "x")'],
  ['regex', 'event.action regex "user\\\\.mfa\\\\..*push"'],
  ['script: length(action) > 20', 'length(event.action) > 20'],
  [
    '20 predicates (18 ors of action ==, merged)',
    `event.dataset == "okta.system" and event.outcome == "failure" and (${Array.from({ length: 17 }, (_, i) => `event.action == "app.action.${i}"`).join(' or ')} or event.action == "user.mfa.okta_verify.deny_push")`,
  ],
];

console.log(`expressions: ${events.length} Okta-shaped events, best of 15 passes`);
console.log(`${baseline.name}: ${(baseline.perSecond / 1e6).toFixed(2)} M events/s`);
for (const [name, text] of cases) {
  const r = measure(name, 15, predicate(text));
  console.log(`${name}: ${(r.perSecond / 1e6).toFixed(2)} M events/s, ${r.result} matches  (${(baseline.perSecond / r.perSecond).toFixed(1)}x the baseline's time)`);
}
