/**
 * The front door, every make target's entry point: `cli.ts [command] [options]` (the commands are
 * in scripts/commands/, `cli.ts help` lists them). For `generate`, the default, it first starts
 * the thread that prints the types: loading Redocly, Handlebars and the rest of the pipeline takes
 * about 0.3 s, and the thread loads TypeScript meanwhile, on the other core. (Commands are loaded
 * only when chosen, so nothing heavy is imported before this.)
 */
import { prestartTypes } from "./client/types-worker.js";
import { processIo } from "./commands/command-line.js";
import { chooseCommand, dispatch } from "./commands/dispatch.js";

const args = process.argv.slice(2);
const { name, rest } = chooseCommand(args);
if (name === "generate" && !rest.includes("-h") && !rest.includes("--help")) prestartTypes();
process.exitCode = await dispatch(args, processIo);
