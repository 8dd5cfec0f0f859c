/**
 * scripts/spec-diff.ts: each fixture pair under test/fixtures/spec-diff/<case>/{old,new}.yaml
 * against the changes it must report (kind, breaking or not) and the semver bump.
 */
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { buildIr } from "../../scripts/ir/build.js";
import { loadSpec } from "../../scripts/load/load.js";
import { diffSpecs, formatDiff, nextVersion, semverBump, type Bump, type SpecChange, type SpecSide } from "../../scripts/diff/diff.js";

const DIR = "test/fixtures/spec-diff";

async function side(file: string): Promise<SpecSide> {
  const spec = await loadSpec(file);
  return { ir: buildIr(spec), document: spec.document };
}

async function diffCase(name: string) {
  return diffSpecs(await side(`${DIR}/${name}/old.yaml`), await side(`${DIR}/${name}/new.yaml`));
}

/** `kind` for a breaking change, `kind (bump)` for the others; in report order. */
const summarize = (changes: SpecChange[]) => changes.map((c) => (c.breaking ? c.kind : `${c.kind} (${c.bump})`));

const CASES: { given: string; want: string[]; bump: Bump }[] = [
  { given: "no-change", want: [], bump: "none" },
  { given: "docs-only", want: ["docs-changed (patch)"], bump: "patch" },
  { given: "operation-added", want: ["operation-added (minor)"], bump: "minor" },
  { given: "operation-removed", want: ["operation-removed"], bump: "major" },
  { given: "method-renamed", want: ["method-renamed"], bump: "major" },
  { given: "optional-parameter-added", want: ["optional-parameter-added (minor)"], bump: "minor" },
  { given: "required-parameter-added", want: ["required-parameter-added"], bump: "major" },
  { given: "parameter-removed", want: ["parameter-removed"], bump: "major" },
  { given: "parameter-renamed", want: ["parameter-renamed"], bump: "major" },
  { given: "path-parameter-renamed", want: ["parameter-renamed (patch)", "parameter-renamed (patch)"], bump: "patch" },
  { given: "parameter-now-required", want: ["parameter-now-required"], bump: "major" },
  { given: "parameter-now-optional", want: ["parameter-now-optional"], bump: "major" },
  { given: "request-required-property-added", want: ["required-property-added"], bump: "major" },
  { given: "request-optional-property-added", want: ["optional-property-added (minor)"], bump: "minor" },
  { given: "request-type-narrowed", want: ["type-narrowed"], bump: "major" },
  { given: "request-type-widened", want: ["nullable-added (minor)"], bump: "minor" },
  { given: "request-enum-value-removed", want: ["enum-value-removed"], bump: "major" },
  { given: "request-enum-value-added", want: ["enum-value-added (minor)"], bump: "minor" },
  { given: "response-enum-value-added", want: ["enum-value-added"], bump: "major" },
  { given: "response-type-changed", want: ["type-changed"], bump: "major" },
  { given: "response-property-removed", want: ["property-removed"], bump: "major" },
  { given: "response-property-added", want: ["optional-property-added (minor)"], bump: "minor" },
  { given: "response-property-now-optional", want: ["property-now-optional"], bump: "major" },
  { given: "response-nullable-added", want: ["nullable-added"], bump: "major" },
  { given: "response-body-removed", want: ["response-body-removed"], bump: "major" },
  { given: "model-removed", want: ["model-removed"], bump: "major" },
  { given: "iterator-removed", want: ["iterator-removed", "iterator-removed"], bump: "major" },
  { given: "tag-renamed", want: ["class-removed", "class-added (minor)"], bump: "major" },
  { given: "auth-removed", want: ["config-option-removed"], bump: "major" },
  { given: "several-changes", want: ["parameter-removed", "operation-added (minor)"], bump: "major" },
];

describe("diffSpecs on the fixture pairs", () => {
  it("has a row for every fixture pair", () => {
    expect(CASES.map((c) => c.given).sort()).toEqual(
      readdirSync(DIR, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(),
    );
  });

  it.each(CASES)("$given → $bump", async ({ given, want, bump }) => {
    const diff = await diffCase(given);
    expect(summarize(diff.changes)).toEqual(want);
    expect(diff.bump).toBe(bump);
    // Breaking is exactly a major bump; every change says what it is about.
    for (const change of diff.changes) {
      expect(change.breaking).toBe(change.bump === "major");
      expect(change.subject).not.toBe("");
      expect(change.message).not.toBe("");
    }
  });

  it("names the method, the parameter and the option in its messages", async () => {
    const [renamed] = (await diffCase("parameter-renamed")).changes;
    expect(renamed).toMatchObject({
      subject: "PetsApi.listPets",
      message: 'query parameter "limit" renamed to "max": the option `limit` is now `max`',
    });
    const [method] = (await diffCase("method-renamed")).changes;
    expect(method).toMatchObject({ subject: "PetsApi.fetchPet", pointer: "#/paths/~1pets~1{petId}/get/operationId" });
    expect(method!.message).toContain('operationId "getPet" → "fetchPet"');
  });

  it("is symmetric where it should be: removing what was added is breaking", async () => {
    const added = await side(`${DIR}/operation-added/new.yaml`);
    const before = await side(`${DIR}/operation-added/old.yaml`);
    expect(summarize(diffSpecs(added, before).changes)).toEqual(["operation-removed"]);
  });

  it("prints one line per change and the bump", async () => {
    const text = formatDiff(await diffCase("several-changes"), "old.yaml", "new.yaml");
    expect(text).toBe(
      [
        "Client API changes from old.yaml to new.yaml:",
        '  BREAKING  PetsApi.listPets: query parameter "limit" removed  [parameter-removed]',
        "  minor     PetsApi.updatePet: method added (PUT /pets/{petId})  [operation-added]",
        "1 breaking, 1 non-breaking; semver: major (client version 1.0.0 → 2.0.0)",
        "",
      ].join("\n"),
    );
  });
});

describe("semver", () => {
  it.each([
    { given: [], want: "none" },
    { given: ["patch"], want: "patch" },
    { given: ["patch", "minor"], want: "minor" },
    { given: ["minor", "major", "patch"], want: "major" },
  ] as { given: SpecChange["bump"][]; want: Bump }[])("semverBump($given) = $want", ({ given, want }) => {
    expect(semverBump(given.map((bump) => ({ kind: "x", bump, breaking: bump === "major", subject: "s", message: "m" })))).toBe(want);
  });

  it.each([
    { given: ["1.4.2", "major"], want: "2.0.0" },
    { given: ["1.4.2", "minor"], want: "1.5.0" },
    { given: ["1.4.2", "patch"], want: "1.4.3" },
    { given: ["1.4.2", "none"], want: "1.4.2" },
    // Before 1.0.0 the minor is the breaking digit (semver §4).
    { given: ["0.3.1", "major"], want: "0.4.0" },
    { given: ["0.3.1", "minor"], want: "0.3.2" },
    { given: ["2024-01", "major"], want: "2024-01" },
  ] as { given: [string, Bump]; want: string }[])("nextVersion($given) = $want", ({ given, want }) => {
    expect(nextVersion(...given)).toBe(want);
  });
});
