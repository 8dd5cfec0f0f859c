/**
 * The command-line kit every command is built with: one `Io`, one flag parser, one set of exit
 * codes and one mapping from an error to its exit code and message. Commands depend on this file,
 * never on each other; `scripts/cli.ts` dispatches to them.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { SpecError, formatIssue } from "../issues.js";
import { ConfigError } from "../options.js";

/**
 * Exit codes shared by every command (each command's `--help` says which it uses). `failed`: the
 * command ran, and what it checks failed (`--check` differences, breaking changes, tsc errors).
 */
export const EXIT = { ok: 0, failed: 1, invalidSpec: 2, usage: 3, internal: 4 } as const;

/** What a command reads and writes besides files: tests pass their own, the CLI the process's. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

/** The process's own stdout, stderr and environment. */
export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
};

/** A command as `scripts/cli.ts` runs it. */
export interface Command {
  /** Runs with the arguments after the command's name; resolves with the exit code. */
  run(argv: string[], io: Io): Promise<number>;
}

/** A mistake in how a command was called (or a setting it was given): exit 3, no stack. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export type ArgValues = Record<string, string | boolean | undefined>;
export type FlagSpec = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses `argv` strictly (no positionals, no unknown flags). `--help` prints `help` and yields
 * exit 0; a usage error prints the message and `help` and yields exit 3.
 */
export function parseCommandLine(argv: string[], flags: FlagSpec, help: string, io: Io): { values: ArgValues } | { exit: number } {
  let values: ArgValues;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { ...flags, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${help}`);
    return { exit: EXIT.usage };
  }
  if (values.help) {
    io.stdout(help);
    return { exit: EXIT.ok };
  }
  return { values };
}

/** A string flag's value; an empty string counts as not given. */
export function stringFlag(values: ArgValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A flag that is a whole number of at least `min`, or a usage error naming the flag. */
export function numberFlag(values: ArgValues, name: string, fallback: number, min = 0): number {
  const given = stringFlag(values, name);
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isFinite(value) || value < min) throw new UsageError(`--${name} must be a number of at least ${min}, not "${given}"`);
  return value;
}

/** Every problem, sorted, each with where it is and a hint; then the count and what happened. */
export function formatSpecError(error: SpecError, tail: string): string {
  return `${error.issues.map(formatIssue).join("\n")}\n${error.issues.length} problem(s); ${tail}\n`;
}

/**
 * The one mapping from an error to what the user sees and the exit code: the spec's problems
 * (exit 2), a usage error or an unusable setting (exit 3), anything else is a bug (exit 4, with the stack).
 * `tail` says what became of the output, e.g. "nothing was written.".
 */
export function reportError(error: unknown, io: Io, tail: string): number {
  if (error instanceof SpecError) {
    io.stderr(formatSpecError(error, tail));
    return EXIT.invalidSpec;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    io.stderr(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  io.stderr(`internal error: ${(error as Error)?.stack ?? String(error)}\n${tail}\n`);
  return EXIT.internal;
}
