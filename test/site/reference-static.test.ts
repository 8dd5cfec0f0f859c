/**
 * The static reference's HTML (reference-static.ts): what a reader sees of each operation before any
 * script runs, spec text made safe, schemas unfolded within bounds, the same bytes every build.
 */
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../scripts/load/load.js";
import { staticReference, typeHtml } from "../../scripts/site/reference-static.js";

const document: OpenApiDocument = {
  openapi: "3.0.3",
  info: { title: "Pets", version: "2.1", description: "A **pet** store <script>window.x=1</script>" },
  servers: [{ url: "https://api.example.com/v1", description: "Production, `v1`" }, { url: "http://localhost:4010" }],
  tags: [{ name: "pets", description: "Everything about pets" }],
  paths: {
    "/pets/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }],
      get: {
        tags: ["pets"],
        operationId: "getPet",
        summary: "Get a pet",
        description: 'Returns one pet. <img src="x" onerror="alert(1)"> [run](javascript:alert(1))',
        parameters: [{ name: "fields", in: "query", schema: { type: "array", items: { type: "string" } }, description: "Fields to return" }],
        responses: {
          "200": { description: "The pet", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
      put: {
        tags: ["pets"],
        summary: "Replace a pet",
        deprecated: true,
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
        responses: { "204": { description: "Replaced" } },
      },
    },
    "/health": { get: { summary: "Health", responses: { "200": { description: "ok" } } } },
  },
  components: {
    parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "integer", format: "int64" } } },
    responses: { NotFound: { description: "No such pet" } },
    schemas: {
      Pet: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string", description: "The pet's *name*" },
          kind: { type: "string", enum: ["cat", "dog"], default: "cat" },
          parent: { $ref: "#/components/schemas/Pet" },
          tags: { type: "array", items: { $ref: "#/components/schemas/Tag" } },
        },
      },
      Tag: { allOf: [{ type: "object", properties: { label: { type: "string" } } }, { properties: { colour: { type: "string" } } }] },
    },
  },
};

describe("the static reference", () => {
  const { nav, main, operations } = staticReference(document);

  it("shows each operation: method, path, summary, parameters (the path's too), body and responses", () => {
    expect(operations).toBe(3);
    expect(main).toContain('<section class="operation" id="GET/pets/{id}"');
    expect(main).toContain('<span class="method method-get">GET</span> <code>/pets/{id}</code>');
    expect(main).toContain(">Get a pet</h3>");
    expect(main).toMatch(/<code>id<\/code> <span class="required">required<\/span><\/td><td>path<\/td><td><span class="type">integer \(int64\)<\/span>/);
    expect(main).toContain('<td><code>fields</code></td><td>query</td><td><span class="type">array of string</span></td><td><p>Fields to return</p>');
    expect(main).toContain('Request body <span class="required">required</span>');
    expect(main).toContain('<span class="status status-4">404</span> No such pet');
    expect(main).toContain('Replace a pet <span class="badge">deprecated</span>');
    // Operations without a tag are under "default"; the sidebar links to each operation.
    expect(main).toContain('id="tag/default"');
    expect(nav).toContain('<a href="#GET/pets/{id}"><span class="method method-get" aria-hidden="true">GET</span> Get a pet</a>');
    expect(nav).toContain('<a href="#GET/health">');
  });

  it("lists the servers, the first as the default, their markdown rendered", () => {
    expect(main).toContain('<li><code>https://api.example.com/v1</code> <span class="badge">default</span> Production, <code>v1</code></li>');
    expect(main).toContain("<li><code>http://localhost:4010</code></li>");
  });

  it("unfolds schemas: required fields, types, enum and default, allOf merged, a recursive reference cut", () => {
    expect(main).toContain('<code class="name">name</code> <span class="type">string</span> <span class="required">required</span><div class="description"><p>The pet\'s <em>name</em></p>');
    expect(main).toContain("one of <code>&quot;cat&quot;</code>, <code>&quot;dog&quot;</code> · default <code>&quot;cat&quot;</code>");
    expect(main).toContain('<code class="name">tags</code> <span class="type">array of Tag</span>');
    expect(main).toContain('<code class="name">colour</code>');
    expect(main).toContain("Pet (recursive: see above)");
  });

  it("renders spec markdown safely: no script, no handler, no javascript: link", () => {
    expect(main).toContain("A <strong>pet</strong> store");
    expect(main).not.toMatch(/<script|onerror|href="javascript:/i);
    expect(main).toContain("Returns one pet.");
  });

  it("keeps large schemas within a row budget per operation", () => {
    const properties = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`field${i}`, { type: "string" }]));
    const big: OpenApiDocument = {
      openapi: "3.0.3",
      info: { title: "Big", version: "1" },
      paths: { "/big": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties } } } } } } } },
    };
    const html = staticReference(big).main;
    expect(html.match(/<code class="name">/g)!.length).toBeLessThan(200);
    expect(html).toMatch(/… \d+ more field\(s\) not shown/);
  });

  it("lets a narrow column wrap a type name between its words, never inside one, and keeps it escaped", () => {
    expect(typeHtml("array of AccessCredentialType")).toBe("array of Access<wbr>Credential<wbr>Type");
    expect(typeHtml("cloud_provider_v2")).toBe("cloud_<wbr>provider_<wbr>v2");
    expect(typeHtml("HTTPError")).toBe("HTTPError");
    expect(typeHtml('Map<"x"><img src=x onerror=alert(1)>')).toBe("Map&lt;&quot;x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    const named = staticReference({
      ...document,
      paths: { "/x": { get: { parameters: [{ name: "kind", in: "query", schema: { $ref: "#/components/schemas/AccessCredentialType" } }], responses: {} } } },
      components: { schemas: { AccessCredentialType: { type: "string", enum: ["a"] } } },
    });
    expect(named.main).toContain('<td>query</td><td><span class="type">Access<wbr>Credential<wbr>Type</span></td>');
  });

  it("is the same HTML every time", () => {
    expect(staticReference(document)).toEqual({ nav, main, operations });
  });
});
