// Runs the whole vitest suite and ends with the `N passed, M failed` line that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const results = new URL('../.vitest-results.json', import.meta.url);
rmSync(results, { force: true });
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const run = spawnSync(process.execPath, [vitest, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
if (!existsSync(results)) {
  console.log('0 passed, 1 failed (vitest produced no report)');
  process.exit(1);
}
const report = JSON.parse(readFileSync(results, 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ''));
const ok = run.status === 0 && report.numFailedTests === 0 && report.numTotalTests > 0;
process.exit(ok ? 0 : 1);
