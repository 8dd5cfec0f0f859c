/**
 * The command-line kit every command is built with: one `Io`, one flag parser, one set of exit
 * codes and one mapping from an error to its exit code and message. Commands depend on this file,
 * never on each other; `scripts/cli.ts` dispatches to them.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { SpecError, formatIssue } from "../issues.js";
import { ConfigError, LIMIT_FLAGS, type SpecLimits } from "../options.js";

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

/** The flags of the spec's limits (`--max-spec-bytes`, ..., `--allow-remote-refs`), for every command that reads a spec. */
export const LIMIT_FLAG_SPECS: FlagSpec = {
  ...Object.fromEntries(Object.values(LIMIT_FLAGS).map((limit) => [limit.flag, { type: "string" as const }])),
  "allow-remote-refs": { type: "boolean" },
};

/** The help lines of those flags, with their defaults. */
export const LIMITS_HELP = [
  "Limits (no spec makes the generator work unbounded; an error names the limit it reached):",
  ...Object.values(LIMIT_FLAGS).map((limit) => `      --${`${limit.flag} <n>`.padEnd(22)} ${limit.what} (default ${limit.default})`),
  `      --${"allow-remote-refs".padEnd(22)} fetch $refs to http(s) URLs (default: refused, nothing fetched)`,
].join("\n");

/** The limits given on the command line (only those given: the rest keep their defaults). */
export function limitsFrom(values: ArgValues): Partial<SpecLimits> {
  const limits: Partial<SpecLimits> = {};
  for (const [key, limit] of Object.entries(LIMIT_FLAGS) as [keyof typeof LIMIT_FLAGS, (typeof LIMIT_FLAGS)[keyof typeof LIMIT_FLAGS]][]) {
    if (stringFlag(values, limit.flag) !== undefined) limits[key] = numberFlag(values, limit.flag, limit.default, 1);
  }
  if (values["allow-remote-refs"] === true) limits.allowRemoteRefs = true;
  return limits;
}
