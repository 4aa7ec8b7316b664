#!/usr/bin/env node
import { CommanderError } from 'commander';
import { CliError, ExitCode, type ExitCodeValue } from './cli-error.js';
import { createProgram } from './program.js';

// `eql query ... | head` closes stdout early: that is a normal way to stop, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.Ok);
  throw error;
});

let exitCode: ExitCodeValue = ExitCode.Ok;
try {
  await createProgram((code) => {
    exitCode = code;
  }).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and --version end with code 0; everything else commander rejects is usage.
    exitCode = error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  } else if (error instanceof CliError) {
    process.stderr.write(`eql: ${error.message}\n`);
    exitCode = error.exitCode;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`eql: internal error: ${message}\n`);
    if (process.env.EQL_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    exitCode = ExitCode.Usage;
  }
}
process.exitCode = exitCode;
