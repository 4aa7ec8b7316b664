#!/usr/bin/env node
// NDJSON events on stdin -> every rule pack under rules/ (or the folder given) -> alerts on stdout.
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createRunner, formatRuleDiagnostic } from '@eqlkit/rules';
import { createAlertTransform, loadPackDir } from '@eqlkit/rules/node';

const root = process.argv[2] ?? fileURLToPath(new URL('../../rules', import.meta.url));
const packs = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => loadPackDir(`${root}/${d.name}`));
const errors = packs.flatMap((p) => p.diagnostics).filter((d) => d.severity === 'error');
if (errors.length > 0) throw new Error(errors.map(formatRuleDiagnostic).join('\n'));
const rules = new Map(); // a rule_id in two packs (rules/okta and its YAML twin) runs once
for (const { rule } of packs.flatMap((p) => p.rules)) if (!rules.has(rule.ruleId)) rules.set(rule.ruleId, rule);
const runner = createRunner([...rules.values()], { indexConstants: packs.flatMap((p) => p.manifest?.constants ?? []) });

let n = 0;
try {
  await pipeline(
    createInterface({ input: process.stdin, crlfDelay: Infinity }),
    async function* parse(lines) {
      for await (const line of lines) {
        try {
          n++;
          if (line.trim() !== '') yield JSON.parse(line);
        } catch (error) {
          console.error(`stdin:${n}: ${error.message}`); // a malformed line is reported and skipped
        }
      }
    },
    createAlertTransform(runner, { onError: (error) => console.error(error.message) }),
    async function* print(alerts) {
      for await (const alert of alerts) yield `${JSON.stringify(alert)}\n`;
    },
    process.stdout,
  );
} catch (error) {
  if (error.code !== 'EPIPE') throw error; // the reader went away (`| head`): a normal end
}
