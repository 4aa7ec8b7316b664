/** Exit codes of the CLI contract. */
export const ExitCode = {
  /** Ran (check: all valid; test: all passed). */
  Ok: 0,
  /** Invalid query or rule, bad input that stopped the run, failing tests. */
  Failed: 1,
  /** Usage: unknown option, unreadable file, empty pack, missing component. */
  Usage: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the user can fix that is reported as one line (`eql: message`) and an exit code,
 * never a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.Usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
