import { Command } from 'commander';
import { CliError, type ExitCodeValue } from '../cli-error.js';
import { addEventOptions, type RawEventOptions } from './event-options.js';

interface RawRunOptions extends RawEventOptions {
  rules: string[];
}

/** `eql run --rules PATH... [FILE...]`. */
export function runCommand(setExit: (code: ExitCodeValue) => void): Command {
  const command = new Command('run')
    .description('run rule packs over events and print alerts as NDJSON')
    .requiredOption('--rules <paths...>', 'rule files or folders');
  addEventOptions(command);
  return command.argument('[files...]', 'event files; - or none reads stdin').action(async (files: string[], raw: RawRunOptions) => {
    void files;
    void raw;
    void setExit;
    throw new CliError('eql run is not available in this build (@eqlkit/rules does not provide a runner yet)');
  });
}
