/** Flag parsing shared by every command (generate, watch, diff): same rules, same exit codes. */
import { parseArgs, type ParseArgsConfig } from "node:util";

export type ArgValues = Record<string, string | boolean | undefined>;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Parses `argv` strictly (no positionals, no unknown flags). `--help` prints `help` and yields
 * exit 0; a usage error prints the message and `help` and yields `usageExit`.
 */
export function parseCommandLine(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  help: string,
  io: Io,
  usageExit: number,
): { values: ArgValues } | { exit: number } {
  let values: ArgValues;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${help}`);
    return { exit: usageExit };
  }
  if (values.help) {
    io.stdout(help);
    return { exit: 0 };
  }
  return { values };
}
