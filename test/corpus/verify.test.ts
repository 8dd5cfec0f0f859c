/**
 * `verify` on the real-world corpus, bounded for `make test`: every corpus spec with at most
 * VERIFY_MAX_OPERATIONS operations (by the last `make verify-corpus`, README "Contract tests"),
 * verified in full against Prism's mock, two at a time. Each must have 0 violations, and its skips
 * must be the reviewed ones of test/corpus/verify-skips.json (reason → count; a new or lost skip
 * is a visible change: `CORPUS_WRITE=1` rewrites the file, for review). `make verify-corpus` runs
 * every spec, the large ones too.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import { npmSpec } from "../../scripts/bench/npm-spec.js";
import { corpusEntries, skipReasons } from "../../scripts/bench/verify-corpus.js";
import { VERIFY_DEFAULTS, verifySpec, type VerifyReport } from "../../scripts/verify/verify.js";

/** Specs with at most this many operations are verified here (the others by `make verify-corpus`). */
const VERIFY_MAX_OPERATIONS = 30;
/** Those specs, by their operation counts in `make verify-corpus` (README's table). */
const SAMPLE = [
  "adyen-marketpay-webhooks",
  "webhooks-31",
  "callbacks",
  "file-uploads",
  "polymorphism",
  "schema-circular",
  "security-multiple",
  "server-path-level",
  "server-variables",
  "schema-types-31",
  "discriminators",
  "petstore-31",
  "xkcd",
  "info-only",
  "split-speccy",
  "split-api-spec-converter",
  "split-redocly-refs",
  "split-redocly-resolve",
  "petstore-swagger2",
  "ibm-language-translator",
  "scalar-galaxy",
  "train-travel",
  "openai",
];
const SKIPS_FILE = path.join(REPO_ROOT, "test", "corpus", "verify-skips.json");
const WRITE = process.env.CORPUS_WRITE === "1";

const entries = corpusEntries().filter((e) => SAMPLE.includes(e.id));
const reports = new Map<string, VerifyReport | Error>();

beforeAll(async () => {
  // Two at a time: each run is a Prism process and a generated client, on a 2-core machine.
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const entry = entries[next++]!;
      try {
        const report = await verifySpec({
          specPath: npmSpec(entry),
          unsafe: false,
          concurrency: 4,
          seed: VERIFY_DEFAULTS.seed,
          callTimeoutMs: VERIFY_DEFAULTS.callTimeoutMs,
          startTimeoutMs: VERIFY_DEFAULTS.startTimeoutMs,
          env: {},
        });
        reports.set(entry.id, report);
      } catch (error) {
        reports.set(entry.id, error as Error);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  if (WRITE) {
    const skips = Object.fromEntries(
      entries.map((e) => {
        const report = reports.get(e.id);
        return [e.id, report instanceof Error || !report ? {} : sortedReasons(skipReasons(report))];
      }),
    );
    writeFileSync(SKIPS_FILE, `${JSON.stringify(skips, null, 2)}\n`);
  }
}, 1_200_000);

function sortedReasons(reasons: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(reasons).sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe("verify on the corpus's specs of at most 30 operations: 0 violations, the reviewed skips", () => {
  it("samples every corpus spec it names, each known to the manifest", () => {
    expect(entries.map((e) => e.id).sort()).toEqual([...SAMPLE].sort());
    expect(existsSync(SKIPS_FILE), `${SKIPS_FILE}: no reviewed list (CORPUS_WRITE=1 writes it)`).toBe(true);
  });

  it.each(SAMPLE)("%s", (id) => {
    const report = reports.get(id);
    if (report instanceof Error) throw report;
    expect(report, `${id}: not verified`).toBeDefined();
    expect(report!.counts.operations).toBeLessThanOrEqual(VERIFY_MAX_OPERATIONS);
    const violations = report!.operations.flatMap((o) =>
      o.calls.filter((c) => c.verdict === "violation").map((c) => `${o.className}.${o.methodName} ${c.kind}: ${c.message}`),
    );
    expect(violations).toEqual([]);
    const reviewed = (JSON.parse(readFileSync(SKIPS_FILE, "utf8")) as Record<string, Record<string, number>>)[id];
    expect(sortedReasons(skipReasons(report!))).toEqual(reviewed);
  });
});
