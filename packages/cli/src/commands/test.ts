import { dirname } from 'node:path';
import { statSync } from 'node:fs';
import { Command } from 'commander';
import { runPackTests, type RuleDiagnostic, type RuleTestRun } from '@eqlkit/rules';
import { loadPackDir, readTextFile } from '@eqlkit/rules/node';
import { CliError, ExitCode, type ExitCodeValue } from '../cli-error.js';
import { colorEnabled, palette } from '../output/color.js';
import { printDiagnostics } from '../output/print-diagnostics.js';
import { engine } from '../ports/engine-port.js';
import { findPackRoots } from '../ports/pack-roots.js';
import { createQueryChecker } from '../ports/query-checker.js';
import { locate } from '../ports/rules-port.js';

const EXAMPLES = `
Examples:
  $ eql test
  $ eql test rules/okta
`;

/** The pack folders to test: each folder's packs; a file stands for the pack it sits in. */
function packRoots(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw new CliError(`cannot read ${path}: no such file or folder`);
    return findPackRoots(stat.isDirectory() ? path : dirname(path));
  });
}

/** Runs the rule tests of packs; returns the exit code. */
export function runTests(paths: readonly string[]): ExitCodeValue {
  const roots = [...new Set(packRoots(paths.length === 0 ? ['rules'] : paths))];
  const p = palette(colorEnabled(process.stdout));
  const runs: RuleTestRun[] = [];
  const problems: RuleDiagnostic[] = [];
  for (const root of roots) {
    const pack = loadPackDir(root, { checkQuery: createQueryChecker(engine) });
    // File names in a pack start with the folder as given, so they resolve from here.
    const result = runPackTests(pack, readTextFile);
    problems.push(...[...pack.diagnostics, ...result.diagnostics].filter((d) => d.severity === 'error'));
    runs.push(...result.runs);
  }
  if (runs.length === 0 && problems.length === 0) throw new CliError(`no rule tests (*.test.yaml) in ${paths.length === 0 ? 'rules' : paths.join(', ')}`);

  for (const run of runs) {
    for (const c of run.cases) {
      const mark = c.passed ? p.green('PASS') : p.red('FAIL');
      process.stdout.write(`${mark}  ${run.file} › ${c.name}\n`);
      for (const failure of c.failures) process.stdout.write(`        ${failure}\n`);
    }
  }
  printDiagnostics(locate(problems), false);
  const passed = runs.reduce((n, r) => n + r.passed, 0);
  // A test file that does not load counts as one failure: its cases did not run.
  const failed = runs.reduce((n, r) => n + r.failed, 0) + new Set(problems.map((d) => d.file)).size;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? ExitCode.Failed : ExitCode.Ok;
}

/** `eql test [PATH...]`. */
export function testCommand(setExit: (code: ExitCodeValue) => void): Command {
  return new Command('test')
    .description('run rule tests (*.test.yaml beside the rules); ends with "N passed, M failed"')
    .argument('[paths...]', 'pack folders or files in them (default: rules/)')
    .addHelpText('after', EXAMPLES)
    .action((paths: string[]) => setExit(runTests(paths)));
}
