/** The version printed by `eql --version` and written into SARIF logs. */
export const CLI_VERSION = '0.1.0';
