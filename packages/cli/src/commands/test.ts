import { Command } from 'commander';
import { CliError, type ExitCodeValue } from '../cli-error.js';

/** `eql test [PATH...]`. */
export function testCommand(setExit: (code: ExitCodeValue) => void): Command {
  return new Command('test')
    .description('run rule tests')
    .argument('[paths...]', 'rule folders or test files (default: rules/)')
    .action(async (paths: string[]) => {
      void paths;
      void setExit;
      throw new CliError('eql test is not available in this build (@eqlkit/rules does not run rule tests yet)');
    });
}
