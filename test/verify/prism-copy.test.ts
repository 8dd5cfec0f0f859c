import { afterAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { refTokens, valueAt } from "../../scripts/json-pointer.js";
import { startPrism, violationCheckingFetch } from "../../scripts/verify/prism.js";
import { prismCopy, unfoldedSize } from "../../scripts/verify/prism-copy.js";

/**
 * `Level0` … `Level<levels>`: each level refers to the next one twice, so the unfolding doubles per
 * level (Stripe's expandable fields make the same shape); `TreeNode` is recursive.
 */
function sharedLevelsSpec(levels: number): Record<string, any> {
  const schemas: Record<string, unknown> = {
    TreeNode: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string" }, children: { type: "array", maxItems: 1, items: { $ref: "#/components/schemas/TreeNode" } } },
    },
  };
  for (let level = 0; level < levels; level++)
    schemas[`Level${level}`] = {
      type: "object",
      required: ["id"],
      properties: {
        id: { type: "string" },
        first: { $ref: `#/components/schemas/Level${level + 1}` },
        second: { $ref: `#/components/schemas/Level${level + 1}` },
      },
    };
  schemas[`Level${levels}`] = { type: "object", required: ["id"], properties: { id: { type: "string" } } };
  const json = (ref: string) => ({ content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
  return {
    openapi: "3.0.3",
    info: { title: "shared levels", version: "1.0.0" },
    paths: {
      "/levels/{level_id}": {
        parameters: [{ $ref: "#/components/parameters/LevelId" }],
        get: { operationId: "getLevel", responses: { "200": { description: "a level", ...json("Level0") } } },
      },
      "/trees/{tree_id}": {
        get: {
          operationId: "getTree",
          parameters: [{ name: "tree_id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "a tree", ...json("TreeNode") } },
        },
      },
    },
    components: {
      schemas,
      parameters: { LevelId: { name: "level_id", in: "path", required: true, schema: { type: "string" } } },
      securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } },
    },
  };
}

describe("unfoldedSize", () => {
  it("counts each target once per reference, and a reference back into the path once", () => {
    // A level is its reference and 7 nodes of its own, then the next level twice: 8 (2^(n+1) - 1) for n levels below it.
    const spec = sharedLevelsSpec(10);
    const level = (n: number) => unfoldedSize(spec, { $ref: `#/components/schemas/Level${n}` });
    expect(level(10)).toBe(8);
    expect(level(9)).toBe(8 + 2 * 8);
    expect(level(0)).toBe(8 * (2 ** 11 - 1));
    // The recursive schema alone: written once, its reference to itself one node.
    // (the reference 1, TreeNode's 10 nodes, its reference to itself 1)
    expect(unfoldedSize(sharedLevelsSpec(0), { $ref: "#/components/schemas/TreeNode" })).toBe(12);
  });

  it("stops counting past the limit", () => {
    expect(unfoldedSize(sharedLevelsSpec(30), undefined, 1_000)).toBe(1_001);
  });
});

describe("prismCopy", () => {
  it("hands a document within the budget to Prism as it is", () => {
    const spec = sharedLevelsSpec(3);
    const copy = prismCopy(spec);
    expect(copy.document).toBe(spec);
    expect(copy.cuts).toEqual([]);
  });

  it("over the budget, inlines every operation, cuts deep schema references of the large ones, and keeps cycles", () => {
    const spec = sharedLevelsSpec(20); // ~10^7 nodes unfolded
    const copy = prismCopy(spec, 20_000);
    expect(copy.unfoldedNodes).toBe(20_001);
    // Only the operation over its share is cut, at the deepest level that fits (2^depth copies of the last level).
    expect(copy.cuts).toHaveLength(1);
    const [cut] = copy.cuts;
    expect(cut).toMatchObject({ method: "GET", path: "/levels/{level_id}" });
    expect(cut!.depth).toBeGreaterThanOrEqual(8);
    expect(cut!.depth).toBeLessThan(14);
    expect(cut!.nodes).toBeLessThanOrEqual(10_000);

    const text = JSON.stringify(copy.document);
    expect(text).not.toContain("#/components/");
    expect(copy.document.components).toEqual({ securitySchemes: spec.components.securitySchemes });
    // Path-level parameters are inlined too.
    expect(copy.document.paths["/levels/{level_id}"].parameters[0]).toMatchObject({ name: "level_id", in: "path" });

    // Followed to the cut's depth, then any value of the target's type.
    let level = copy.document.paths["/levels/{level_id}"].get.responses["200"].content["application/json"].schema;
    for (let depth = 1; depth < cut!.depth; depth++) {
      expect(level.required).toEqual(["id"]);
      level = level.properties.second;
    }
    expect(level.properties.first).toEqual({ type: "object" });

    // The recursive schema is written once, its self-reference a local pointer to where it was written.
    const tree = copy.document.paths["/trees/{tree_id}"].get.responses["200"].content["application/json"].schema;
    const back = tree.properties.children.items.$ref as string;
    expect(back.startsWith("#/paths/")).toBe(true);
    expect(valueAt(copy.document, refTokens(back))).toBe(tree);
  });
});

describe("Prism loads the cut copy", () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("answers both operations with bodies that fit their schemas (no violation)", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "prism-copy-"));
    const copy = prismCopy(sharedLevelsSpec(20), 20_000);
    expect(copy.cuts).toHaveLength(1);
    const file = path.join(dir, "copy.json");
    await writeFile(file, JSON.stringify(copy.document));
    const prism = await startPrism(file, { dynamic: true, seed: 1, quiet: true });
    try {
      const checked = violationCheckingFetch();
      const headers = { "X-Key": "k" };
      const level = await checked(`${prism.url}/levels/l1`, { headers });
      expect(level.status).toBe(200);
      expect(await level.json()).toHaveProperty("id");
      const tree = await checked(`${prism.url}/trees/t1`, { headers });
      expect(tree.status).toBe(200);
      expect(await tree.json()).toHaveProperty("name");
    } finally {
      await prism.stop();
    }
  }, 120_000);
});
