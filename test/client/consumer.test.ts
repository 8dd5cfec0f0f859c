/**
 * The client as users meet it: build, `npm pack`, install the tarball into a throwaway project
 * outside the repo, compile an ESM and a CommonJS consumer with strict tsc, run both against Prism.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import { startPrism, type PrismServer } from "../support/prism.js";
import { installClient, packClient } from "../support/pack.js";
import { run } from "../support/run.js";

const TSC = path.join(REPO_ROOT, "node_modules", ".bin", "tsc");
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "generated", "client", "package.json"), "utf8")) as {
  name: string;
  version: string;
};

let tarball: string;
let tarballFiles: string[];
let consumer: string;
let prism: PrismServer;

const ESM_CONSUMER = `
import { ApiError, OrganizationApi, type AccessCredential, type AccessCredentialsData } from "${pkg.name}";
import { createClient, getCredential, listCredentials } from "${pkg.name}/fn";

const baseUrl = process.argv[2];
const api = new OrganizationApi({ baseUrl, apiKey: "consumer-key", maxRetries: 0 });
const page: AccessCredentialsData = await api.listCredentials("my-org", { provider: "AWS", page: 1, perPage: 10 });
const first: AccessCredential | undefined = page.credentials?.[0];
await api.addCredential("my-org", { name: "s3", credential: { aws: { access_key_id: "id", secret_access_key: "secret" } } });
try {
  await api.getCredential("my-org", "s3", { headers: { Prefer: "code=502" } });
  throw new Error("502 did not throw");
} catch (error) {
  // The guard types the body by getCredential's error responses (the packed .d.ts carries it).
  if (!ApiError.is(error, "getCredential") || error.status !== 502) throw error;
  const code: number | undefined = error.body?.code;
  void code;
}
const { status } = await api.getCredential("my-org", "s3").withResponse();
if (status !== 200) throw new Error(\`withResponse status \${status}\`);
// The per-operation functions: same types, same runtime; an API class's core works as their client.
const client = createClient({ baseUrl, apiKey: "consumer-key", maxRetries: 0 });
const viaFunction: AccessCredential = await getCredential(client, "my-org", "s3");
const listed: AccessCredentialsData = await listCredentials(api.core, "my-org", { perPage: 5 });
try {
  await getCredential(client, "my-org", "s3", { headers: { Prefer: "code=502" } });
  throw new Error("502 did not throw from the function");
} catch (error) {
  if (!ApiError.is(error, "getCredential") || error.status !== 502) throw error;
}
console.log(\`esm ok: \${page.credentials?.length} credentials, first \${first?.name}; fn ok: \${viaFunction.name}, \${listed.credentials?.length}\`);
`;

const CJS_CONSUMER = `
import { OrganizationApi, ApiError } from "${pkg.name}";
import type { AccessCredential } from "${pkg.name}";
import { createClient, deleteCredential } from "${pkg.name}/fn";

async function main(): Promise<void> {
  const api = new OrganizationApi({ baseUrl: process.argv[2], username: "alice", password: "pw", maxRetries: 0 });
  const credential: AccessCredential = await api.getCredential("my-org", "s3-prod");
  await api.deleteCredential("my-org", "s3-prod");
  await deleteCredential(createClient({ baseUrl: process.argv[2], apiKey: "k", maxRetries: 0 }), "my-org", "s3-prod");
  try {
    await api.getCredential("my-org", "s3-prod", { headers: { Prefer: "code=502" } });
  } catch (error) {
    if (!ApiError.is(error, "getCredential")) throw error;
    const message: string | undefined = error.body?.message;
    void message;
  }
  console.log(\`cjs ok: \${credential.name} \${typeof ApiError}\`);
}
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;

const DECLARE_PROCESS = `declare const process: { argv: string[]; exitCode?: number };\n`;

beforeAll(async () => {
  prism = await startPrism(path.join(REPO_ROOT, "spec", "openapi.yaml"));
  ({ tarball, files: tarballFiles } = packClient());
  consumer = installClient(tarball);
  mkdirSync(path.join(consumer, "src"));
  writeFileSync(path.join(consumer, "src", "esm.mts"), DECLARE_PROCESS + ESM_CONSUMER);
  writeFileSync(path.join(consumer, "src", "cjs.cts"), DECLARE_PROCESS + CJS_CONSUMER);
  writeFileSync(
    path.join(consumer, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noUncheckedIndexedAccess: true,
          types: [],
          lib: ["ES2022", "DOM"],
          outDir: "out",
          skipLibCheck: false,
        },
        include: ["src"],
      },
      null,
      2,
    ),
  );
}, 180_000);

afterAll(async () => {
  await prism?.stop();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe("the npm package", () => {
  it("contains only what a user needs: built JS, types, source maps, package.json, README and docs", () => {
    expect(tarballFiles).toContain("package.json");
    expect(tarballFiles).toContain("README.md");
    expect(tarballFiles).toContain("docs/README.md");
    for (const file of [
      "dist/esm/index.js",
      "dist/esm/index.d.ts",
      "dist/esm/index.js.map",
      "dist/cjs/index.js",
      "dist/cjs/index.d.ts",
      "dist/cjs/package.json",
    ]) {
      expect(tarballFiles).toContain(file);
    }
    expect(tarballFiles.filter((f) => f.startsWith("src/") || f.startsWith("tsconfig") || f.includes("node_modules"))).toEqual([]);
  });

  it("has a README whose links all point at files in the package", () => {
    const readme = readFileSync(path.join(consumer, "node_modules", pkg.name, "README.md"), "utf8");
    const targets = [...readme.matchAll(/\]\((docs\/[^)#\s]+)/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(3);
    for (const target of targets) expect(tarballFiles, target).toContain(target);
  });

  it("needs no runtime dependency (openapi-fetch an optional peer, for raw calls), and declares engines", () => {
    const installed = path.join(consumer, "node_modules", pkg.name);
    const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.peerDependenciesMeta["openapi-fetch"]).toEqual({ optional: true });
    // No shipped file imports it: an app that never makes raw calls never installs it.
    const shipped = tarballFiles.filter((file) => file.endsWith(".js") || file.endsWith(".d.ts"));
    expect(shipped.length).toBeGreaterThan(10);
    for (const file of shipped) expect(readFileSync(path.join(installed, file), "utf8"), file).not.toMatch(/["']openapi-fetch["']/);
    expect(manifest.engines.node).toBeTruthy();
    expect(manifest.exports["."].import.types).toBe("./dist/esm/index.d.ts");
    expect(manifest.exports["."].require.default).toBe("./dist/cjs/index.js");
    expect(manifest.exports["./fn"].import.default).toBe("./dist/esm/fn.js");
    expect(manifest.exports["./fn"].require.default).toBe("./dist/cjs/fn.js");
  });

  it("compiles an ESM and a CommonJS consumer with strict tsc", () => {
    const compiled = run(TSC, ["-p", "tsconfig.json", "--pretty", "false"], { cwd: consumer });
    expect(compiled.output).toBe("");
    expect(compiled.status).toBe(0);
  });

  it("compiles for TypeScript's older module resolution (node10: no exports map), the functions included", () => {
    mkdirSync(path.join(consumer, "legacy"), { recursive: true });
    writeFileSync(
      path.join(consumer, "legacy", "main.ts"),
      `import { OrganizationApi } from "${pkg.name}";\nimport { createClient, getCredential } from "${pkg.name}/fn";\n` +
        `export const calls = [new OrganizationApi().getCredential("ns", "n"), getCredential(createClient(), "ns", "n")];\n` +
        `export const wrong = getCredential(createClient(), "ns", 42);\n`,
    );
    const options = {
      target: "ES2022",
      module: "CommonJS",
      moduleResolution: "node10",
      ignoreDeprecations: "5.0",
      strict: true,
      noEmit: true,
      types: [],
      lib: ["ES2022", "DOM"],
    };
    writeFileSync(path.join(consumer, "legacy", "tsconfig.json"), JSON.stringify({ compilerOptions: options, files: ["main.ts"] }));
    const compiled = run(TSC, ["-p", "legacy/tsconfig.json", "--pretty", "false"], { cwd: consumer });
    // The only error is the planted one: both entry points and their types resolved.
    expect(compiled.output.trim().split("\n")).toEqual([expect.stringMatching(/^legacy\/main\.ts\(4,\d+\): error TS2345/)]);
  });

  it("runs the ESM consumer against Prism", () => {
    const result = run(process.execPath, [path.join(consumer, "out", "esm.mjs"), prism.url], { cwd: consumer });
    expect(result.output).toMatch(/esm ok: 2 credentials, first \S+; fn ok: \S+, 2/);
    expect(result.status).toBe(0);
  });

  it("runs the CommonJS consumer against Prism", () => {
    const result = run(process.execPath, [path.join(consumer, "out", "cjs.cjs"), prism.url], { cwd: consumer });
    expect(result.output).toMatch(/cjs ok: \S+ function/);
    expect(result.status).toBe(0);
  });

  it("rejects wrong types in a consumer (types really come from the package)", () => {
    writeFileSync(
      path.join(consumer, "src", "wrong.mts"),
      `import { OrganizationApi } from "${pkg.name}";\nimport { createClient, getCredential } from "${pkg.name}/fn";\n` +
        `await new OrganizationApi().listCredentials("ns", { page: "one" });\nawait getCredential(createClient(), "ns", 42);\n`,
    );
    try {
      const compiled = run(TSC, ["-p", "tsconfig.json", "--pretty", "false", "--noEmit"], { cwd: consumer });
      expect(compiled.status).not.toBe(0);
      expect(compiled.output).toMatch(/wrong\.mts\(3,\d+\): error TS2322/);
      // A number where the function's path parameter is a string.
      expect(compiled.output).toMatch(/wrong\.mts\(4,\d+\): error TS2345/);
    } finally {
      rmSync(path.join(consumer, "src", "wrong.mts"));
    }
  });
});
