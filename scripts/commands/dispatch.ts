/**
 * Which command runs: `cli.ts [command] [options]`, `generate` when the first argument is an
 * option. Each command is loaded only when chosen (`generate` must not wait for the others).
 */
import { EXIT, type Command, type Io } from "./command-line.js";

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  generate: { summary: "the client package and its docs from the spec (the default)", load: () => import("./generate.js") },
  watch: { summary: "generate again whenever the spec or a template changes", load: () => import("./watch.js") },
  lint: { summary: "the generator's checks of the spec, warnings included (--strict: they fail)", load: () => import("./lint.js") },
  diff: { summary: "what a spec change does to the client's API, and the semver bump", load: () => import("./diff.js") },
  verify: { summary: "call every operation through the client against Prism (or a server through it)", load: () => import("./verify.js") },
  compile: { summary: "compile the generated package into dist/ (ESM, CJS, .d.ts)", load: () => import("./compile.js") },
  site: { summary: "build the static docs site", load: () => import("./site.js") },
  serve: { summary: "preview the built site on 127.0.0.1", load: () => import("./serve.js") },
};

export const USAGE = `Usage: cli.ts [command] [options]     (\`cli.ts <command> --help\` for its options)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join("\n")}
  help       this list
`;

/** The command the arguments name, and the arguments it gets. */
export function chooseCommand(args: readonly string[]): { name: string; rest: string[] } {
  const first = args[0];
  return first !== undefined && !first.startsWith("-") ? { name: first, rest: args.slice(1) } : { name: "generate", rest: [...args] };
}

export async function dispatch(args: readonly string[], io: Io): Promise<number> {
  const { name, rest } = chooseCommand(args);
  if (name === "help") {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr(`unknown command "${name}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  return (await entry.load()).run(rest, io);
}
