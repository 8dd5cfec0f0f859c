/**
 * Runs many specs through the generator's command line in one process (one start-up for all),
 * for the fuzz suite: `node --import tsx test/fuzz/runner.ts <cases.json>`. Prints one JSON line
 * when a case starts and one with its outcome, so that the parent can tell which case hung or
 * crashed the process if it does.
 */
import { readFileSync } from "node:fs";
import { prestartTypes } from "../../scripts/client/types-worker.js";
import { dispatch } from "../../scripts/commands/dispatch.js";

export interface FuzzCase {
  id: string;
  spec: string;
  out: string;
}

export interface FuzzOutcome {
  id: string;
  status: number;
  stdout: string;
  stderr: string;
  ms: number;
}

const cases = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as FuzzCase[];
let current = "";
// A promise nobody awaited that fails is a bug of the run it belongs to: reported, not a crash.
process.on("unhandledRejection", (reason) => {
  process.stdout.write(`${JSON.stringify({ id: current, unhandled: (reason as Error)?.stack ?? String(reason) })}\n`);
});

prestartTypes();
for (const { id, spec, out } of cases) {
  current = id;
  process.stdout.write(`${JSON.stringify({ start: id })}\n`);
  let stdout = "";
  let stderr = "";
  const started = performance.now();
  let status: number;
  try {
    status = await dispatch(["generate", "-q", "--spec", spec, "--out", out], {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      env: {},
    });
  } catch (error) {
    status = -1;
    stderr += `thrown out of the command: ${(error as Error)?.stack ?? String(error)}`;
  }
  const outcome: FuzzOutcome = { id, status, stdout, stderr, ms: Math.round(performance.now() - started) };
  // The next run's types thread loads TypeScript while this process reports and the next spec loads, as cli.ts does.
  prestartTypes();
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}
