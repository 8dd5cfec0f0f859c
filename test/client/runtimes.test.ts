/**
 * Every runtime the package claims: the packed tarball, installed into a project outside the
 * repo, runs on Node.js 20 (the one running the tests), 22 and 24, Bun and Deno (each from its
 * pinned npm package, see test/support/runtimes.ts), as ESM and as CommonJS where the runtime
 * has both, and in Chromium through a bundler (esbuild). Each calls a Prism mock of the spec
 * with the API classes and with the per-operation functions (`<pkg>/fn`): a GET with path and
 * query parameters, a JSON POST, and a 502 that must reject with a typed `ApiError`.
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import { launchChromium } from "../support/browser.js";
import { installClient, packClient } from "../support/pack.js";
import { startPrism, type PrismServer } from "../support/prism.js";
import { RUNTIME_PINS, RUNTIMES_DIR, runtimeBinary, type RuntimePin } from "../support/runtimes.js";

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "generated", "client", "package.json"), "utf8")) as { name: string };

/**
 * The same program as ESM and as CommonJS (only the imports differ). It prints one JSON line:
 * what it got, and which runtime it ran on.
 */
const program = (mode: "esm" | "cjs") => `
${
  mode === "esm"
    ? `import { ApiError, OrganizationApi } from "${pkg.name}";\nimport { createClient, getCredential } from "${pkg.name}/fn";`
    : `const { ApiError, OrganizationApi } = require("${pkg.name}");\nconst { createClient, getCredential } = require("${pkg.name}/fn");`
}
const baseUrl = globalThis.Deno ? Deno.env.get("BASE_URL") : process.env.BASE_URL;
const runtime = globalThis.Deno ? "deno " + Deno.version.deno : globalThis.Bun ? "bun " + Bun.version : "node " + process.version;
async function main() {
  const api = new OrganizationApi({ baseUrl, apiKey: "runtime-key", maxRetries: 0 });
  const page = await api.listCredentials("my-org", { provider: "AWS", page: 1, perPage: 10 });
  await api.addCredential("my-org", { name: "s3", credential: { aws: { access_key_id: "id", secret_access_key: "secret" } } });
  const client = createClient({ baseUrl, apiKey: "runtime-key", maxRetries: 0 });
  const credential = await getCredential(client, "my-org", "s3");
  let failure = "no error";
  try {
    await getCredential(client, "my-org", "s3", { headers: { Prefer: "code=502" } });
  } catch (error) {
    failure = ApiError.is(error, "getCredential") ? "ApiError " + error.status : String(error);
  }
  console.log(JSON.stringify({ runtime, mode: "${mode}", listed: page.credentials.length, name: typeof credential.name, failure }));
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/** What every run must print, besides its runtime. */
const EXPECTED = { listed: 2, name: "string", failure: "ApiError 502" };

interface Runtime {
  name: string;
  /** The version the program must report (proof that it ran there). */
  version: RegExp;
  command: (script: string) => string[];
  modes: ("esm" | "cjs")[];
}

let prism: PrismServer;
let consumer: string;
let runtimes: Runtime[];

function runIn(argv: string[], env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: consumer, env: { ...process.env, ...env, NO_COLOR: "1" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output }));
  });
}

const versionOf = (pin: RuntimePin) => pin.spec.slice(pin.spec.lastIndexOf("@") + 1).replace(/\./g, "\\.");

beforeAll(async () => {
  prism = await startPrism(path.join(REPO_ROOT, "spec", "openapi.yaml"));
  consumer = installClient(packClient().tarball, "client-runtimes-");
  writeFileSync(path.join(consumer, "esm.mjs"), program("esm"));
  writeFileSync(path.join(consumer, "cjs.cjs"), program("cjs"));
  const binary = Object.fromEntries(RUNTIME_PINS.map((pin) => [pin.name, { path: runtimeBinary(pin), version: versionOf(pin) }]));
  const node = (name: string, bin: string, version: string): Runtime => ({
    name,
    version: new RegExp(`^node v${version}$`),
    command: (script) => [bin, script],
    modes: ["esm", "cjs"],
  });
  runtimes = [
    node("Node.js 20", process.execPath, "20\\.\\d+\\.\\d+"),
    node("Node.js 22", binary.node22!.path, binary.node22!.version),
    node("Node.js 24", binary.node24!.path, binary.node24!.version),
    { name: "Bun", version: new RegExp(`^bun ${binary.bun!.version}$`), command: (s) => [binary.bun!.path, s], modes: ["esm", "cjs"] },
    {
      name: "Deno",
      version: new RegExp(`^deno ${binary.deno!.version}$`),
      // npm's node_modules as installed (no registry access), only the mock's host on the network.
      command: (s) => [binary.deno!.path, "run", "--cached-only", "--node-modules-dir=manual", "--allow-net=127.0.0.1", "--allow-env", s],
      modes: ["esm", "cjs"],
    },
  ];
}, 600_000);

afterAll(async () => {
  await prism?.stop();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe("the packed client on every runtime it claims", () => {
  const cases = ["Node.js 20", "Node.js 22", "Node.js 24", "Bun", "Deno"].flatMap((name) =>
    (["esm", "cjs"] as const).map((mode) => ({ name, mode })),
  );
  it.each(cases)("$name, $mode: classes and functions call Prism, a 502 is a typed ApiError", async ({ name, mode }) => {
    const runtime = runtimes.find((r) => r.name === name)!;
    const script = mode === "esm" ? "esm.mjs" : "cjs.cjs";
    const result = await runIn(runtime.command(script), {
      BASE_URL: prism.url,
      DENO_DIR: path.join(RUNTIMES_DIR, "deno-dir"),
      DENO_NO_UPDATE_CHECK: "1",
    });
    expect(result.status, result.output).toBe(0);
    const line = result.output.trim().split("\n").at(-1)!;
    const printed = JSON.parse(line) as Record<string, unknown>;
    expect(printed.runtime).toMatch(runtime.version);
    expect(printed).toMatchObject({ mode, ...EXPECTED });
  });
});

describe("the packed client in a browser", () => {
  let browser: Browser | undefined;
  let page: http.Server | undefined;
  afterAll(async () => {
    await browser?.close();
    page?.close();
  });

  it("bundled by esbuild for the browser, calls Prism from Chromium (cross-origin)", async () => {
    // The ESM program without `process`: the page passes the mock's URL.
    const app = program("esm")
      .replace(/const baseUrl = .*\n/, `const baseUrl = ${JSON.stringify(prism.url)};\n`)
      .replace(/const runtime = .*\n/, `const runtime = navigator.userAgent;\n`)
      .replace("console.log(JSON.stringify(", "report((")
      .replace(/main\(\)\.catch\([\s\S]*$/, "main().catch((error) => report({ error: String(error) }));\n");
    writeFileSync(
      path.join(consumer, "app.mjs"),
      `function report(result) { const out = document.getElementById("out"); out.textContent = JSON.stringify(result); out.dataset.done = "1"; }\n${app}`,
    );
    const bundled = await build({
      entryPoints: [path.join(consumer, "app.mjs")],
      bundle: true,
      minify: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      write: false,
      absWorkingDir: consumer,
      logLevel: "warning",
    });
    const script = bundled.outputFiles[0]!.text;
    expect(script).not.toContain(`from "${pkg.name}`);
    page = http.createServer((req, res) => {
      if (req.url === "/app.js") res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      else
        res
          .writeHead(200, { "content-type": "text/html" })
          .end(`<!doctype html><pre id="out"></pre><script type="module" src="/app.js"></script>`);
    });
    await new Promise<void>((resolve) => page!.listen(0, "127.0.0.1", resolve));
    browser = await launchChromium();
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${(page.address() as AddressInfo).port}/`);
    await tab.waitForSelector("#out[data-done]", { timeout: 60_000 });
    const printed = JSON.parse((await tab.textContent("#out")) ?? "{}") as Record<string, unknown>;
    expect(printed).toMatchObject({ mode: "esm", ...EXPECTED });
    expect(printed.runtime).toMatch(/Chrome\/\d+/);
  });
});
