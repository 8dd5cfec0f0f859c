/**
 * A synthetic OpenAPI 3.1 spec of any number of operations, for the generation benchmark.
 * Deterministic: the same (operations, seed) gives the same bytes on every machine.
 *
 * Shapes follow real REST APIs: resources grouped under several tags, each with list / create /
 * get / update / delete operations; nested `$ref` models (a resource refers to shared models and
 * to the resource before it), enums, path and query parameters (some shared through
 * `components/parameters`), JSON request bodies, and 200/201/204, 4xx and `default` responses.
 *
 *   tsx scripts/bench/synthetic-spec.ts --operations 1000 [--seed 7] --out .tmp/bench/spec-1000.yaml
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";

type Json = Record<string, any>;

/** mulberry32: a tiny seeded PRNG, so the spec does not depend on Math.random. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = (
  "account alert archive asset audit badge batch bucket build cache campaign card cart certificate channel " +
  "check cluster comment contact container coupon credential dashboard dataset deployment device discount " +
  "document domain event export feature file folder gateway group hook image incident invoice issue job key " +
  "label layer license link listing log mailbox member message metric model monitor network node note notebook " +
  "order package page payment permission pipeline plan policy pool post price product profile project queue " +
  "quota receipt record region release report repository request review role rule run schedule secret segment " +
  "server service session shipment snapshot source space stage subscription survey table task team template " +
  "tenant ticket token topic transfer trigger upload user variable vendor version volume warehouse webhook " +
  "workflow zone"
).split(" ");

const ADJECTIVES = "active archived billing custom default external global internal managed private public shared".split(" ");

const TAG_NAMES = "admin billing catalog compute identity messaging monitoring orders storage teams".split(" ");

const FIELD_WORDS = "title label summary owner region color size weight score priority notes source target channel".split(" ");

const STATUSES = ["active", "pending", "suspended", "archived", "deleted"];

function pascal(word: string): string {
  return word.replace(/(^|[-_ ])([a-z0-9])/g, (_, _sep, c: string) => c.toUpperCase());
}

/** Resource number i: a unique, readable name (`invoice`, `sharedInvoice`, `invoice3`, ...). */
function resourceName(i: number): string {
  const noun = NOUNS[i % NOUNS.length]!;
  const round = Math.floor(i / NOUNS.length);
  if (round === 0) return noun;
  if (round <= ADJECTIVES.length) return `${ADJECTIVES[round - 1]}${pascal(noun)}`;
  return `${noun}${round}`;
}

function plural(name: string): string {
  return /(s|x|ch|sh)$/.test(name) ? `${name}es` : /[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`;
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

function sharedComponents(): { schemas: Json; parameters: Json; responses: Json } {
  return {
    schemas: {
      Problem: {
        type: "object",
        description: "An error, as RFC 9457 problem details.",
        required: ["type", "title", "status"],
        properties: {
          type: { type: "string", format: "uri", description: "What kind of problem this is." },
          title: { type: "string" },
          status: { type: "integer", minimum: 100, maximum: 599 },
          detail: { type: "string" },
          errors: { type: "array", items: ref("schemas", "FieldError") },
        },
      },
      FieldError: {
        type: "object",
        required: ["field", "message"],
        properties: { field: { type: "string" }, message: { type: "string" } },
      },
      Pagination: {
        type: "object",
        required: ["page", "perPage", "total"],
        properties: {
          page: { type: "integer", minimum: 1 },
          perPage: { type: "integer", minimum: 1, maximum: 100 },
          total: { type: "integer", minimum: 0 },
        },
      },
      AuditInfo: {
        type: "object",
        readOnly: true,
        properties: {
          createdAt: { type: "string", format: "date-time" },
          updatedAt: { type: "string", format: "date-time" },
          createdBy: { type: "string" },
        },
      },
      Address: {
        type: "object",
        properties: {
          line1: { type: "string" },
          line2: { type: ["string", "null"] },
          city: { type: "string" },
          country: { type: "string", minLength: 2, maxLength: 2, description: "ISO 3166-1 alpha-2 code." },
        },
      },
      Status: { type: "string", enum: STATUSES, description: "Lifecycle state." },
    },
    parameters: {
      workspaceId: {
        name: "workspaceId",
        in: "path",
        required: true,
        description: "The workspace.",
        schema: { type: "string", pattern: "^[a-z0-9-]+$" },
      },
      page: { name: "page", in: "query", description: "Page number, from 1.", schema: { type: "integer", minimum: 1, default: 1 } },
      perPage: {
        name: "per_page",
        in: "query",
        description: "Items per page.",
        schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
      },
    },
    responses: {
      BadRequest: {
        description: "The request is not valid.",
        content: { "application/problem+json": { schema: ref("schemas", "Problem") } },
      },
      NotFound: { description: "No such resource.", content: { "application/problem+json": { schema: ref("schemas", "Problem") } } },
      Error: { description: "Any other error.", content: { "application/problem+json": { schema: ref("schemas", "Problem") } } },
    },
  };
}

/** The models of one resource: the resource, its create and update bodies, its page. */
function resourceSchemas(name: string, previous: string | undefined, random: () => number): Json {
  const Model = pascal(name);
  const kind = `${Model}Kind`;
  const fields: Json = {};
  const fieldCount = 2 + Math.floor(random() * 5);
  for (let f = 0; f < fieldCount; f++) {
    const word = FIELD_WORDS[Math.floor(random() * FIELD_WORDS.length)]!;
    const roll = random();
    fields[word] =
      roll < 0.4
        ? { type: "string", maxLength: 200, description: `The ${name}'s ${word}.` }
        : roll < 0.6
          ? { type: "integer", minimum: 0 }
          : roll < 0.75
            ? { type: "boolean", default: false }
            : roll < 0.9
              ? { type: "array", items: { type: "string" }, maxItems: 50 }
              : { type: ["number", "null"] };
  }
  const kinds = ["standard", "premium", "trial", "legacy"].slice(0, 2 + Math.floor(random() * 3));
  const properties: Json = {
    id: { type: "string", readOnly: true, description: `Identifier of the ${name}.` },
    name: { type: "string", minLength: 1, maxLength: 100 },
    kind: ref("schemas", kind),
    status: ref("schemas", "Status"),
    ...fields,
    labels: { type: "object", additionalProperties: { type: "string" } },
    audit: ref("schemas", "AuditInfo"),
  };
  if (random() < 0.4) properties.address = ref("schemas", "Address");
  if (previous) properties[`${previous}Ids`] = { type: "array", items: { type: "string" } };
  if (previous && random() < 0.5) properties[previous] = ref("schemas", pascal(previous));
  const writable = Object.keys(fields);
  return {
    [kind]: { type: "string", enum: kinds, description: `Kind of ${name}.` },
    [Model]: { type: "object", description: `A ${name}.`, required: ["id", "name", "kind", "status"], properties },
    [`${Model}Create`]: {
      type: "object",
      required: ["name", "kind"],
      properties: {
        name: { type: "string", minLength: 1, maxLength: 100 },
        kind: ref("schemas", kind),
        ...Object.fromEntries(writable.map((w) => [w, fields[w]])),
      },
    },
    [`${Model}Update`]: {
      type: "object",
      minProperties: 1,
      properties: {
        name: { type: "string", minLength: 1, maxLength: 100 },
        status: ref("schemas", "Status"),
        ...Object.fromEntries(writable.map((w) => [w, fields[w]])),
      },
    },
    [`${Model}Page`]: {
      type: "object",
      required: ["items", "pagination"],
      properties: { items: { type: "array", items: ref("schemas", Model) }, pagination: ref("schemas", "Pagination") },
    },
  };
}

const json = (schema: Json) => ({ "application/json": { schema } });
const errors = (withNotFound: boolean) => ({
  "400": ref("responses", "BadRequest"),
  ...(withNotFound ? { "404": ref("responses", "NotFound") } : {}),
  default: ref("responses", "Error"),
});

/** The spec with exactly `operations` operations (five per resource, the last one cut short). */
export function syntheticSpec(operations: number, seed = 1): Json {
  if (!Number.isInteger(operations) || operations < 1) throw new RangeError(`operations must be a positive integer, not ${operations}`);
  const random = prng(seed);
  const components = sharedComponents();
  const paths: Json = {};
  const resources = Math.ceil(operations / 5);
  const tagCount = Math.min(TAG_NAMES.length, Math.max(2, Math.ceil(resources / 10)));
  let left = operations;
  for (let r = 0; r < resources; r++) {
    const name = resourceName(r);
    const previous = r > 0 ? resourceName(r - 1) : undefined;
    const Model = pascal(name);
    const tag = TAG_NAMES[r % tagCount]!;
    Object.assign(components.schemas, resourceSchemas(name, previous, random));
    const collection = `/workspaces/{workspaceId}/${kebab(plural(name))}`;
    const idParam = `${name}Id`;
    const item = `${collection}/{${idParam}}`;
    const itemParam = { name: idParam, in: "path", required: true, description: `Identifier of the ${name}.`, schema: { type: "string" } };
    const ops: [string, string, Json][] = [
      [
        collection,
        "get",
        {
          operationId: `list${pascal(plural(name))}`,
          summary: `List the ${plural(name)} of a workspace`,
          parameters: [
            ref("parameters", "page"),
            ref("parameters", "perPage"),
            { name: "status", in: "query", description: "Only those in this state.", schema: ref("schemas", "Status") },
            { name: "kind", in: "query", schema: { type: "array", items: ref("schemas", `${Model}Kind`) } },
            { name: "sort", in: "query", schema: { type: "string", enum: ["name", "-name", "createdAt", "-createdAt"], default: "name" } },
          ],
          responses: {
            "200": { description: `A page of ${plural(name)}.`, content: json(ref("schemas", `${Model}Page`)) },
            ...errors(false),
          },
        },
      ],
      [
        collection,
        "post",
        {
          operationId: `create${Model}`,
          summary: `Create a ${name}`,
          parameters: [{ name: "dry_run", in: "query", description: "Validate only.", schema: { type: "boolean", default: false } }],
          requestBody: { required: true, content: json(ref("schemas", `${Model}Create`)) },
          responses: { "201": { description: `The new ${name}.`, content: json(ref("schemas", Model)) }, ...errors(false) },
        },
      ],
      [
        item,
        "get",
        {
          operationId: `get${Model}`,
          summary: `Get a ${name}`,
          parameters: [{ name: "expand", in: "query", schema: { type: "array", items: { type: "string", enum: ["audit", "labels"] } } }],
          responses: { "200": { description: `The ${name}.`, content: json(ref("schemas", Model)) }, ...errors(true) },
        },
      ],
      [
        item,
        "patch",
        {
          operationId: `update${Model}`,
          summary: `Update a ${name}`,
          requestBody: { required: true, content: json(ref("schemas", `${Model}Update`)) },
          responses: { "200": { description: `The updated ${name}.`, content: json(ref("schemas", Model)) }, ...errors(true) },
        },
      ],
      [
        item,
        "delete",
        {
          operationId: `delete${Model}`,
          summary: `Delete a ${name}`,
          description: `Deletes the ${name}. Anything that refers to it keeps a dangling id.`,
          responses: { "204": { description: "Deleted." }, ...errors(true) },
        },
      ],
    ];
    for (const [at, method, operation] of ops) {
      if (left === 0) break;
      left--;
      paths[at] ??= { parameters: [ref("parameters", "workspaceId"), ...(at === item ? [itemParam] : [])] };
      paths[at][method] = { tags: [tag], ...operation };
    }
  }
  const usedTags = [...new Set(Object.values(paths).flatMap((p: Json) => Object.values(p).flatMap((o: Json) => o.tags ?? [])))].sort();
  return {
    openapi: "3.1.0",
    info: {
      title: `Synthetic API (${operations} operations)`,
      version: "1.0.0",
      description: `Made by scripts/bench/synthetic-spec.ts with seed ${seed}.`,
    },
    servers: [{ url: "https://api.example.com/v1" }],
    security: [{ ApiKeyAuth: [] }],
    tags: usedTags.map((name) => ({ name, description: `Operations of the ${name} area.` })),
    paths,
    components: {
      ...components,
      securitySchemes: { ApiKeyAuth: { type: "apiKey", in: "header", name: "X-API-Key" } },
    },
  };
}

/** Writes the spec as YAML (like spec/openapi.yaml); returns the path. */
export function writeSyntheticSpec(file: string, operations: number, seed = 1): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, stringify(syntheticSpec(operations, seed), { lineWidth: 0, aliasDuplicateObjects: false }));
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { operations: { type: "string" }, seed: { type: "string" }, out: { type: "string" } } });
  const operations = Number(values.operations ?? 100);
  const out = values.out ?? `.tmp/bench/synthetic-${operations}.yaml`;
  writeSyntheticSpec(out, operations, Number(values.seed ?? 1));
  process.stdout.write(`${out}\n`);
}
