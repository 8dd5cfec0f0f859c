/**
 * Load: 1,000 concurrent calls through the generated client against a local server all succeed,
 * and nothing is left open afterwards (no socket, no timer): a child process that runs the load
 * must exit by itself, and in this process the count of sockets and timers returns to where it was.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { OrganizationApi } from "../../generated/client/src/index.js";
import { sendJson, startServer } from "./support.js";

const here = path.dirname(fileURLToPath(import.meta.url));
/**
 * Once it has printed its summary, the child must exit within this: well below the client's 60 s
 * attempt timeout, so that a leaked timer cannot run out before it. Counted from the summary, not
 * from the start: the 1,000 calls alone can take longer than this on a loaded machine.
 */
const EXIT_AFTER_SUMMARY_MS = 30_000;
/** A hang guard for the whole child, below vitest's test timeout. */
const CHILD_DEADLINE_MS = 170_000;

function runChild(): Promise<{ code: number | null; exitedByItself: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "load-child.ts")], {
      cwd: path.join(here, "..", ".."),
      env: { ...process.env, LOAD_CALLS: "1000" },
    });
    let stdout = "";
    let stderr = "";
    let killed = false;
    const kill = () => {
      killed = true;
      child.kill("SIGKILL");
    };
    const deadlines = [setTimeout(kill, CHILD_DEADLINE_MS)];
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (deadlines.length === 1 && stdout.includes("\n")) deadlines.push(setTimeout(kill, EXIT_AFTER_SUMMARY_MS));
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => {
      deadlines.forEach(clearTimeout);
      resolve({ code, exitedByItself: !killed, stdout, stderr });
    });
  });
}

/** Sockets and timers: what would keep a process alive. */
function openHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "TCPServerWrap" || r === "Timeout").length;
}

describe("load", () => {
  it("1,000 concurrent calls succeed in a child process that then exits by itself", async () => {
    const result = await runChild();
    expect(result.stderr).toBe("");
    expect(result.exitedByItself).toBe(true);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ calls: 1000, succeeded: 1000, wrong: 0, failed: [] });
    expect(summary.served).toBeGreaterThanOrEqual(1000);
  });

  it("1,000 concurrent calls in this process leave no socket or timer open once the server is closed", async () => {
    const before = openHandles();
    const server = await startServer((_req, res, seen) => sendJson(res, 200, { name: decodeURIComponent(seen.url.split("/").pop()!) }));
    const api = new OrganizationApi({ baseUrl: server.url });
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => api.getCredential("my-org", `c${i}`)));
    expect(results.every((r, i) => r.name === `c${i}`)).toBe(true);
    await server.close();
    // Closed client sockets are released on a later turn of the event loop.
    for (let turn = 0; turn < 200 && openHandles() > before; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(openHandles()).toBeLessThanOrEqual(before);
  });
});
