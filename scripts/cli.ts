/**
 * Entry point of `make generate` (the command itself is in generate-command.ts). It starts the
 * thread that prints the types before it loads the pipeline: loading Redocly, Handlebars and the
 * rest takes about 0.3 s, and the thread loads TypeScript meanwhile, on the other core.
 */
import { prestartTypes } from "./render-types.js";

const args = process.argv.slice(2);
if (!args.includes("-h") && !args.includes("--help")) prestartTypes();
const { runCli } = await import("./generate-command.js");
process.exitCode = await runCli(args);
