import { Command } from 'commander';
import { ExitCode, type ExitCodeValue } from './cli-error.js';
import { checkCommand } from './commands/check.js';
import { queryCommand } from './commands/query.js';
import { runCommand } from './commands/run.js';
import { testCommand } from './commands/test.js';
import { CLI_VERSION } from './version.js';

const EXAMPLES = `
Examples:
  $ eql run --rules rules/ examples/okta/events.ndjson
  $ eql query 'any where event.action == "user.authentication.sso"' examples/okta/events.ndjson
  $ eql check rules/
  $ eql test rules/
`;

/**
 * The `eql` command. `setExit` receives each command's exit code; commander's own errors
 * (unknown option, missing argument) are thrown, not exited, so the caller maps them to 2.
 */
export function createProgram(setExit: (code: ExitCodeValue) => void): Command {
  const program = new Command('eql')
    .description('run Elastic EQL queries and detection rules over event files')
    .version(CLI_VERSION)
    .showSuggestionAfterError()
    .addHelpText('after', EXAMPLES)
    .exitOverride();
  for (const command of [checkCommand(setExit), queryCommand(setExit), runCommand(setExit), testCommand(setExit)]) {
    program.addCommand(command.exitOverride());
  }
  program.action(() => {
    program.outputHelp({ error: true });
    setExit(ExitCode.Usage);
  });
  return program;
}
