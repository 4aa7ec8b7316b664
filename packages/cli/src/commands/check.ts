import { Command, Option } from 'commander';
import { CliError, ExitCode, type ExitCodeValue } from '../cli-error.js';
import { colorEnabled, palette } from '../output/color.js';
import type { LocatedDiagnostic } from '../output/located-diagnostic.js';
import { diagnosticJson, renderDiagnostic } from '../output/render-diagnostic.js';
import { toSarif } from '../output/sarif.js';
import { engine } from '../ports/engine-port.js';
import { createQueryChecker } from '../ports/query-checker.js';
import { checkRuleFiles, type CheckedFile } from '../ports/rules-port.js';
import { CLI_VERSION } from '../version.js';

type CheckFormat = 'text' | 'json' | 'sarif';

interface RawCheckOptions {
  expression?: string;
  format: CheckFormat;
  timestampField?: string;
  eventCategoryField?: string;
}

const EXAMPLES = `
Examples:
  $ eql check rules/
  $ eql check -e 'process where process.name == "cmd.exe"'
  $ eql check rules/ --format sarif > eql.sarif
`;

/** Validates one query: the parser's checks, then what only compiling finds. */
function checkQuery(query: string, checker: ReturnType<typeof createQueryChecker>): CheckedFile {
  const { diagnostics } = checker(query);
  return { file: '<query>', diagnostics: diagnostics.map((diagnostic) => ({ file: '<query>', source: query, diagnostic })) };
}

function isInvalid(file: CheckedFile): boolean {
  return file.diagnostics.some((d) => d.diagnostic.severity === 'error');
}

function print(files: readonly CheckedFile[], format: CheckFormat): void {
  const valid = files.filter((f) => !isInvalid(f)).length;
  const invalid = files.length - valid;
  const all: LocatedDiagnostic[] = files.flatMap((f) => [...f.diagnostics]);
  if (format === 'sarif') {
    process.stdout.write(`${JSON.stringify(toSarif(all, CLI_VERSION), null, 2)}\n`);
    return;
  }
  if (format === 'json') {
    const results = files.map((f) => ({ file: f.file, valid: !isInvalid(f), diagnostics: f.diagnostics.map(diagnosticJson) }));
    process.stdout.write(`${JSON.stringify({ valid, invalid, results }, null, 2)}\n`);
    return;
  }
  const p = palette(colorEnabled(process.stderr));
  for (const d of all) process.stderr.write(`${renderDiagnostic(d, p)}\n`);
  const summary = `${valid} valid, ${invalid} invalid`;
  process.stderr.write(`${invalid > 0 ? p.red(summary) : p.green(summary)}\n`);
}

/** Checks rule files and folders, or one query; returns the exit code. */
export function runCheck(paths: readonly string[], raw: RawCheckOptions): ExitCodeValue {
  if (raw.expression !== undefined && paths.length > 0) throw new CliError('give either rule paths or -e QUERY, not both');
  if (raw.expression === undefined && paths.length === 0) throw new CliError('nothing to check: give rule files or folders, or -e QUERY');
  const checker = createQueryChecker(engine, {
    ...(raw.timestampField === undefined ? {} : { timestampField: raw.timestampField }),
    ...(raw.eventCategoryField === undefined ? {} : { eventCategoryField: raw.eventCategoryField }),
  });
  const files = raw.expression !== undefined ? [checkQuery(raw.expression, checker)] : checkRuleFiles(paths, checker);
  print(files, raw.format);
  return files.some(isInvalid) ? ExitCode.Failed : ExitCode.Ok;
}

/** `eql check PATH... | -e QUERY`. */
export function checkCommand(setExit: (code: ExitCodeValue) => void): Command {
  return new Command('check')
    .description('validate rule files (.toml, .yaml, .yml; folders recursively) or one query')
    .argument('[paths...]', 'rule files or folders')
    .option('-e, --expression <query>', 'check this query instead of rule files')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--timestamp-field <name>', 'timestamp field for -e')
    .option('--event-category-field <name>', 'event category field for -e')
    .addHelpText('after', EXAMPLES)
    .action((paths: string[], raw: RawCheckOptions) => setExit(runCheck(paths, raw)));
}
