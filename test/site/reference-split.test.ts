/**
 * The API reference of a very large spec, one document per tag (reference-split.ts), and the
 * reference's static pages, one per tag, that list each other.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../scripts/load/load.js";
import { writeReference } from "../../scripts/site/reference.js";
import { operationCount, REFERENCE_SPLIT_OPERATIONS, splitByTag } from "../../scripts/site/reference-split.js";
import { tempDir } from "../support/temp.js";

const schema = (ref: string) => ({ content: { "application/json": { schema: { $ref: ref } } } });

const document: OpenApiDocument = {
  openapi: "3.0.3",
  info: { title: "Split", version: "1" },
  tags: [{ name: "zoo" }, { name: "Apps & Things" }],
  security: [{ key: [] }],
  paths: {
    "/pets/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }],
      get: { tags: ["zoo"], operationId: "getPet", responses: { "200": { description: "ok", ...schema("#/components/schemas/Pet") } } },
      delete: { tags: ["Apps & Things"], operationId: "deletePet", responses: { "204": { description: "gone" } } },
    },
    "/apps": { get: { operationId: "listApps", responses: { "200": { description: "ok", ...schema("#/components/schemas/a~1b") } } } },
  },
  components: {
    parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "string" } } },
    schemas: {
      Pet: { type: "object", properties: { owner: { $ref: "#/components/schemas/Owner" } } },
      Owner: { type: "object" },
      "a/b": { type: "string" },
      Unused: { type: "string" },
    },
    securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } },
  },
};

describe("splitByTag", () => {
  const parts = splitByTag(document);

  it("makes one document per tag in the spec's tag order, untagged operations under default, with URL-safe slugs", () => {
    expect(parts.map((p) => [p.tag, p.slug, p.operations])).toEqual([
      ["zoo", "zoo", 1],
      ["Apps & Things", "apps-things", 1],
      ["default", "default", 1],
    ]);
    expect(parts.reduce((n, p) => n + p.operations, 0)).toBe(operationCount(document));
  });

  it("keeps a tag's operations, the path's own parameters, and only the components they reach (transitively)", () => {
    const zoo = parts[0]!.document;
    expect(Object.keys(zoo.paths["/pets/{id}"])).toEqual(["parameters", "get"]);
    expect(zoo.paths["/apps"]).toBeUndefined();
    expect(Object.keys(zoo.components.schemas).sort()).toEqual(["Owner", "Pet"]);
    expect(Object.keys(zoo.components.parameters)).toEqual(["Id"]);
    // Security schemes are named, not referenced: every document keeps them, and the spec's security.
    expect(zoo.components.securitySchemes).toEqual(document.components.securitySchemes);
    expect(zoo.security).toEqual(document.security);
    expect(zoo.tags).toEqual([{ name: "zoo" }]);
    // A name with "/" is referred to as "a~1b".
    expect(Object.keys(parts[2]!.document.components.schemas)).toEqual(["a/b"]);
  });
});

describe("splitByTag, refs and names off the common path", () => {
  it("keeps the component a $ref points inside of, and numbers tags whose slugs clash", () => {
    const parts = splitByTag({
      openapi: "3.0.3",
      info: { title: "Deep", version: "1" },
      tags: [{ name: "A b" }, { name: "a-b" }, { name: "a b!" }],
      paths: {
        "/one": { get: { tags: ["A b"], responses: { "200": { description: "ok", ...schema("#/components/schemas/Pet/properties/owner") } } } },
        "/two": { get: { tags: ["a-b"], responses: { "200": { description: "ok", ...schema("#/components/schemas/My%20Thing") } } } },
        "/three": { get: { tags: ["a b!"], responses: { "204": { description: "none" } } } },
      },
      components: { schemas: { Pet: { type: "object", properties: { owner: { $ref: "#/components/schemas/Owner" } } }, Owner: { type: "object" }, "My Thing": { type: "string" } } },
    });
    expect(parts.map((p) => p.slug)).toEqual(["a-b", "a-b-2", "a-b-3"]);
    // The whole of Pet (what the $ref points into) and what Pet reaches; a percent-encoded name too.
    expect(Object.keys(parts[0]!.document.components.schemas).sort()).toEqual(["Owner", "Pet"]);
    expect(Object.keys(parts[1]!.document.components.schemas)).toEqual(["My Thing"]);
  });
});

describe("splitByTag with webhooks", () => {
  const hooked: OpenApiDocument = {
    ...document,
    "x-webhooks": { "pet-born": { post: { tags: ["zoo"], requestBody: schema("#/components/schemas/Owner"), responses: { "200": { description: "ok" } } } } },
  };
  const parts = splitByTag(hooked);

  it("keeps the webhooks out of the tags' documents and gives them one of their own, with the components they reach", () => {
    expect(parts.map((p) => [p.tag, p.slug, p.operations])).toEqual([
      ["zoo", "zoo", 1],
      ["Apps & Things", "apps-things", 1],
      ["default", "default", 1],
      ["Webhooks", "webhooks", 1],
    ]);
    for (const part of parts.slice(0, 3)) expect(part.document["x-webhooks"]).toBeUndefined();
    const webhooks = parts[3]!.document;
    expect(webhooks["x-webhooks"]).toEqual(hooked["x-webhooks"]);
    expect(webhooks.paths).toEqual({});
    expect(Object.keys(webhooks.components.schemas)).toEqual(["Owner"]);
    expect(webhooks.components.securitySchemes).toEqual(document.components.securitySchemes);
    expect(webhooks.info).toEqual(document.info);
  });
});

describe("writeReference", () => {
  it(`above ${REFERENCE_SPLIT_OPERATIONS} operations, writes one document per tag and a page that loads the first tag's`, () => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i <= REFERENCE_SPLIT_OPERATIONS; i++) paths[`/p${i}`] = { get: { tags: [i % 2 ? "odd" : "even"], responses: { "200": { description: "ok" } } } };
    const big = { openapi: "3.0.3", info: { title: "Big", version: "1" }, paths };
    const dir = tempDir("reference-split");
    const bundle = path.join(dir, "scalar.js");
    writeFileSync(bundle, "/* stand-in for Scalar's bundle: this test reads the page, it does not run it */");
    mkdirSync(path.join(dir, "site"));
    writeReference(path.join(dir, "site"), big, "Big", bundle);
    const reference = path.join(dir, "site", "reference");
    expect(readdirSync(path.join(reference, "tags")).sort()).toEqual(["even.json", "odd.json"]);
    expect(JSON.parse(readFileSync(path.join(reference, "openapi.json"), "utf8"))).toEqual(big);
    const html = readFileSync(path.join(reference, "index.html"), "utf8");
    // A page per tag, the first one's at reference/, each with its own operations and its own document for the console.
    expect(readdirSync(reference).sort()).toEqual(["index.html", "odd", "openapi.json", "scalar.standalone.js", "tags"]);
    expect(html).toContain('"document":"./tags/even.json"');
    expect(html).toContain('id="GET/p0"');
    expect(html).not.toContain('id="GET/p1"');
    expect(html).toContain('<li><a href="./odd/">odd (150)</a></li>');
    const odd = readFileSync(path.join(reference, "odd", "index.html"), "utf8");
    expect(odd).toContain('"document":"../tags/odd.json"');
    expect(odd).toContain('"scalar":"../scalar.standalone.js"');
    expect(odd).toContain('<a href="../../">← Back to the docs</a>');
    expect(odd).toContain('<li><a href="../">even (151)</a></li><li><a href="../odd/" aria-current="page">odd (150)</a></li>');
    expect(odd).toContain('id="GET/p1"');
    expect(odd).not.toContain('id="GET/p0"');
  });

  it("keeps a tag's name from ending the page's script or adding markup to its list", () => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i <= REFERENCE_SPLIT_OPERATIONS; i++) paths[`/p${i}`] = { get: { tags: ["</script><img src=x onerror=alert(1)>"], responses: { "200": { description: "ok" } } } };
    const dir = tempDir("reference-hostile-tag");
    const bundle = path.join(dir, "scalar.js");
    writeFileSync(bundle, "/* stand-in */");
    writeReference(dir, { openapi: "3.0.3", info: { title: "T", version: "1" }, paths }, "T", bundle);
    const html = readFileSync(path.join(dir, "reference", "index.html"), "utf8");
    expect(html).not.toContain("<img");
    // The page's own four scripts (theme, contents, settings, console), none ended early.
    expect(html.match(/<\/script>/g)).toHaveLength(4);
    expect(html).toContain("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; (301)");
  });

  it("up to that many, one document", () => {
    const dir = tempDir("reference-one");
    const bundle = path.join(dir, "scalar.js");
    writeFileSync(bundle, "/* stand-in */");
    writeReference(dir, document, "Split", bundle);
    const html = readFileSync(path.join(dir, "reference", "index.html"), "utf8");
    expect(html).toContain('"document":"./openapi.json"');
    expect(readdirSync(path.join(dir, "reference")).sort()).toEqual(["index.html", "openapi.json", "scalar.standalone.js"]);
  });
});
