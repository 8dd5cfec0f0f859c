/**
 * Every parameter style end to end: the client generated from the `parameter-styles` fixture
 * sends to a real node:http server that decodes each request per the OpenAPI tables (§4.8.12.4
 * "Style Values" and "Style Examples", RFC 6570 §3.2), reading each parameter's style, explode
 * and schema from the spec itself. The decoder below is written from the spec, independently of
 * the runtime: it splits on the style's delimiters *before* percent-decoding, as a server must.
 * Every value sent must come back equal, the awkward ones included (delimiters, spaces, `%`,
 * non-ASCII text inside values).
 */
import { readFileSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../../scripts/options.js";
import { runCli } from "../support/run.js";
import { tempDir } from "../support/temp.js";
import { sendJson, startServer, type TestServer } from "./support.js";

const SPEC_PATH = path.join(REPO_ROOT, "test", "fixtures", "specs", "parameter-styles", "openapi.yaml");

// ---------------------------------------------------------------------------------------------
// The decoding server: OpenAPI's tables read backwards.

type Json = Record<string, any>;
const spec: Json = parse(readFileSync(SPEC_PATH, "utf8"));

function resolve(node: any): any {
  let current = node;
  while (current && typeof current.$ref === "string")
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((at: any, key: string) => at[key], spec);
  return current;
}

interface Operation {
  operationId: string;
  pattern: RegExp;
  names: string[];
  params: Json[];
}

const OPERATIONS: Operation[] = Object.entries<Json>(spec.paths).map(([template, item]) => {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return {
    operationId: item.get.operationId,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "([^/]*)")}$`),
    names,
    params: (item.get.parameters as Json[]).map(resolve),
  };
});

const decode = (raw: string) => decodeURIComponent(raw);

/** A scalar from its text, per its schema's type. */
function scalar(text: string, schema: Json | undefined): unknown {
  const type = resolve(schema)?.type;
  if (type === "integer" || type === "number") return Number(text);
  if (type === "boolean") return text === "true";
  return text;
}

function fromPairs(pairs: [string, string][], schema: Json): Json {
  const properties = resolve(schema).properties ?? {};
  return Object.fromEntries(pairs.map(([k, v]) => [k, scalar(v, properties[k])]));
}

/** `k1,v1,k2,v2` (already split) → pairs. */
const alternating = (parts: string[]): [string, string][] =>
  parts.flatMap((part, i) => (i % 2 === 0 ? [[part, parts[i + 1]!] as [string, string]] : []));
/** `k=v` items → pairs. */
const assignments = (parts: string[]): [string, string][] =>
  parts.map((part) => {
    const at = part.indexOf("=");
    return [part.slice(0, at), part.slice(at + 1)];
  });

/** A list or an object from delimited, still percent-encoded, text. */
function structured(raw: string[], schema: Json, explode: boolean, decodeEach: (s: string) => string): unknown {
  const resolved = resolve(schema);
  if (resolved.type === "array") return raw.map((item) => scalar(decodeEach(item), resolved.items));
  const pairs = explode ? assignments(raw) : alternating(raw);
  return fromPairs(
    pairs.map(([k, v]) => [decodeEach(k), decodeEach(v)]),
    resolved,
  );
}

function decodePath(param: Json, raw: string): unknown {
  if (param.content) return JSON.parse(decode(raw));
  const style = param.style ?? "simple";
  const explode = param.explode ?? false;
  const type = resolve(param.schema).type;
  if (style === "simple")
    return type === "array" || type === "object"
      ? structured(raw.split(","), param.schema, explode, decode)
      : scalar(decode(raw), param.schema);
  if (style === "label") {
    expect(raw.startsWith("."), `label value ${raw} starts with "."`).toBe(true);
    const rest = raw.slice(1);
    if (type !== "array" && type !== "object") return scalar(decode(rest), param.schema);
    return structured(rest.split(explode ? "." : ","), param.schema, explode, decode);
  }
  // matrix
  expect(raw.startsWith(";"), `matrix value ${raw} starts with ";"`).toBe(true);
  const parts = assignments(raw.slice(1).split(";"));
  if (type === "object" && explode)
    return fromPairs(
      parts.map(([k, v]) => [decode(k), decode(v)]),
      resolve(param.schema),
    );
  for (const [name] of parts) expect(name).toBe(param.name);
  if (type === "array" && explode) return parts.map(([, v]) => scalar(decode(v), resolve(param.schema).items));
  const value = parts[0]![1];
  return type === "array" || type === "object"
    ? structured(value.split(","), param.schema, false, decode)
    : scalar(decode(value), param.schema);
}

function decodeQuery(param: Json, pairs: [string, string][]): unknown {
  const named = pairs.filter(([k]) => decode(k) === param.name).map(([, v]) => v);
  if (param.content) return named.length ? JSON.parse(decode(named[0]!)) : undefined;
  const style = param.style ?? "form";
  const explode = param.explode ?? style === "form";
  const schema = resolve(param.schema);
  if (style === "deepObject") {
    const prefix = `${param.name}[`;
    const members = pairs
      .filter(([k]) => decode(k).startsWith(prefix))
      .map(([k, v]): [string, string] => [decode(k).slice(prefix.length, -1), decode(v)]);
    return members.length ? fromPairs(members, schema) : undefined;
  }
  if (schema.type === "object" && explode) {
    const properties = Object.keys(schema.properties);
    const members = pairs.filter(([k]) => properties.includes(decode(k))).map(([k, v]): [string, string] => [decode(k), decode(v)]);
    return members.length ? fromPairs(members, schema) : undefined;
  }
  if (named.length === 0) return undefined;
  if (schema.type === "array" && explode) return named.map((v) => scalar(decode(v), schema.items));
  const delimiter = { spaceDelimited: "%20", pipeDelimited: "%7C" }[style as string] ?? ",";
  return schema.type === "array" || schema.type === "object"
    ? structured(named[0]!.split(delimiter), schema, false, decode)
    : scalar(decode(named[0]!), schema);
}

function decodeHeader(param: Json, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  if (param.content) return JSON.parse(value);
  const schema = resolve(param.schema);
  return schema.type === "array" || schema.type === "object"
    ? structured(value.split(","), schema, param.explode ?? false, (s) => s)
    : scalar(value, schema);
}

function decodeCookie(param: Json, pairs: [string, string][]): unknown {
  const named = pairs.filter(([k]) => k === param.name).map(([, v]) => v);
  if (named.length === 0) return undefined;
  if (param.content) return JSON.parse(decode(named[0]!));
  const schema = resolve(param.schema);
  if (schema.type === "array") return param.explode === false ? structured(named[0]!.split(","), schema, false, decode) : named.map(decode);
  return scalar(decode(named[0]!), schema);
}

/** What a request carries, parameter by parameter, per the spec's tables. */
function decodeRequest(req: http.IncomingMessage): { operationId: string; params: Json } {
  const url = req.url ?? "";
  const at = url.includes("?") ? url.indexOf("?") : url.length;
  const [rawPath, rawQuery] = [url.slice(0, at), url.slice(at + 1)];
  const operation = OPERATIONS.find((o) => o.pattern.test(rawPath));
  if (!operation) throw new Error(`no operation for ${rawPath}`);
  const segments = operation.pattern.exec(rawPath)!.slice(1);
  const queryPairs = rawQuery ? assignments(rawQuery.split("&")) : [];
  const cookiePairs = String(req.headers.cookie ?? "")
    .split("; ")
    .filter(Boolean)
    .map((pair) => assignments([pair])[0]!);
  const params: Json = {};
  for (const param of operation.params) {
    const value =
      param.in === "path"
        ? decodePath(param, segments[operation.names.indexOf(param.name)]!)
        : param.in === "query"
          ? decodeQuery(param, queryPairs)
          : param.in === "header"
            ? decodeHeader(param, req.headers[param.name.toLowerCase()] as string | undefined)
            : decodeCookie(param, cookiePairs);
    if (value !== undefined) params[param.name] = value;
  }
  return { operationId: operation.operationId, params };
}

// ---------------------------------------------------------------------------------------------

let server: TestServer;
let client: any;

beforeAll(async () => {
  const out = path.join(tempDir("parameter-styles"), "out");
  const run = await runCli(["-q", "--spec", SPEC_PATH, "--out", out]);
  expect(run.status, run.stderr).toBe(0);
  client = await import(path.join(out, "client", "src", "index.ts"));
  server = await startServer((req, res) => {
    try {
      sendJson(res, 200, decodeRequest(req));
    } catch (error) {
      sendJson(res, 400, { error: String(error) });
    }
  });
});

afterAll(async () => {
  await server?.close();
});

const api = (className: string) => new client[className]({ baseUrl: server.url, maxRetries: 0 });
const lastUrl = () => server.requests.at(-1)!.url;

const colors = ["blue", "black", "brown"];
const rgb = { R: 100, G: 200, B: 150 };
/** Values with every delimiter of every style in them, and text that must be percent-encoded. */
const awkward = ["a,b", "c d", "e|f", "g;h=i", "j&k+l", "m/n?o#p", "q%r", "s[t]", "é😀"];
const awkwardObject = { "a,b": "c d", "e=f": "g;h", "i.j": "k/l", é: "%" };

describe("path parameters, through a server that decodes per the OpenAPI tables", () => {
  it("simple (the default): a, b, c; R,100,G,200; exploded R=100,G=200", async () => {
    const seen = await api("PathsApi").pathSimple("blue", colors, rgb, rgb);
    expect(lastUrl()).toBe("/simple/blue/blue,black,brown/R,100,G,200,B,150/R=100,G=200,B=150");
    expect(seen).toEqual({ operationId: "pathSimple", params: { color: "blue", colors, rgb, rgbExploded: rgb } });
  });

  it("label and label exploded", async () => {
    expect(await api("PathsApi").pathLabel(colors, rgb, rgb)).toEqual({
      operationId: "pathLabel",
      params: { colors, rgb, rgbExploded: rgb },
    });
    expect(lastUrl()).toBe("/label/.blue,black,brown/.R,100,G,200,B,150/.R=100.G=200.B=150");
    expect(await api("PathsApi").pathLabelExploded("blue", colors)).toEqual({
      operationId: "pathLabelExploded",
      params: { color: "blue", colors },
    });
    expect(lastUrl()).toBe("/label-exploded/.blue/.blue.black.brown");
  });

  it("matrix and matrix exploded", async () => {
    expect(await api("PathsApi").pathMatrix(colors, rgb)).toEqual({ operationId: "pathMatrix", params: { colors, rgb } });
    expect(lastUrl()).toBe("/matrix/;colors=blue,black,brown/;rgb=R,100,G,200,B,150");
    expect(await api("PathsApi").pathMatrixExploded("blue", colors, rgb)).toEqual({
      operationId: "pathMatrixExploded",
      params: { color: "blue", colors, rgb },
    });
    expect(lastUrl()).toBe("/matrix-exploded/;color=blue/;colors=blue;colors=black;colors=brown/;R=100;G=200;B=150");
  });

  it("JSON in a path segment", async () => {
    const filter = { color: "b/l,u;e", min: 1 };
    expect(await api("PathsApi").pathContent(filter)).toEqual({ operationId: "pathContent", params: { filter } });
  });

  it("awkward values come back as they were, in every path style", async () => {
    const paths = api("PathsApi");
    expect((await paths.pathSimple("c d", awkward, awkwardObject, awkwardObject)).params).toEqual({
      color: "c d",
      colors: awkward,
      rgb: awkwardObject,
      rgbExploded: awkwardObject,
    });
    expect((await paths.pathLabel([...awkward, "x.y"], awkwardObject, awkwardObject)).params).toEqual({
      colors: [...awkward, "x.y"],
      rgb: awkwardObject,
      rgbExploded: awkwardObject,
    });
    expect((await paths.pathLabelExploded("c.d", [...awkward, "x.y"])).params).toEqual({ color: "c.d", colors: [...awkward, "x.y"] });
    expect((await paths.pathMatrix(awkward, awkwardObject)).params).toEqual({ colors: awkward, rgb: awkwardObject });
    expect((await paths.pathMatrixExploded("g;h=i", awkward, awkwardObject)).params).toEqual({
      color: "g;h=i",
      colors: awkward,
      rgb: awkwardObject,
    });
  });
});

describe("query parameters, through the same server", () => {
  it("form: exploded (the default) and not, arrays and objects", async () => {
    const seen = await api("QueriesApi").queryForm("blue", colors, colors, rgb, { rgb });
    expect(lastUrl()).toBe(
      "/form?color=blue&colors=blue&colors=black&colors=brown&colorsCsv=blue,black,brown&R=100&G=200&B=150&rgbCsv=R,100,G,200,B,150",
    );
    expect(seen).toEqual({ operationId: "queryForm", params: { color: "blue", colors, colorsCsv: colors, rgb, rgbCsv: rgb } });
  });

  it("spaceDelimited and pipeDelimited", async () => {
    const words = ["math", "is", "fun"];
    const seen = await api("QueriesApi").queryDelimited(colors, { words });
    expect(lastUrl()).toBe("/delimited?words=math%20is%20fun&piped=blue%7Cblack%7Cbrown");
    expect(seen).toEqual({ operationId: "queryDelimited", params: { words, piped: colors } });
  });

  it("deepObject", async () => {
    const filter = { color: "blue", min: 1, max: 10 };
    expect(await api("QueriesApi").queryDeepObject(filter)).toEqual({ operationId: "queryDeepObject", params: { filter } });
    expect(lastUrl()).toBe("/deep?filter%5Bcolor%5D=blue&filter%5Bmin%5D=1&filter%5Bmax%5D=10");
  });

  it("allowReserved: / ? : sent as they are, & = + # still encoded", async () => {
    const next = "/colors/blue?page=2&sort=a+b#top:x";
    expect(await api("QueriesApi").queryReserved(next)).toEqual({ operationId: "queryReserved", params: { next } });
    expect(lastUrl()).toBe("/reserved?next=/colors/blue?page%3D2%26sort%3Da%2Bb%23top:x");
  });

  it("JSON in a query string", async () => {
    const coordinates = { lat: 52.37, long: 4.89 };
    expect(await api("QueriesApi").queryContent(coordinates)).toEqual({ operationId: "queryContent", params: { coordinates } });
    expect(lastUrl()).toBe("/json?coordinates=%7B%22lat%22%3A52.37%2C%22long%22%3A4.89%7D");
  });

  it("awkward values come back as they were, in every query style", async () => {
    const queries = api("QueriesApi");
    expect((await queries.queryForm("j&k+l", awkward, awkward, { G: 2 }, { rgb: { R: 1, B: 3 } })).params).toEqual({
      color: "j&k+l",
      colors: awkward,
      colorsCsv: awkward,
      rgb: { R: 1, B: 3 },
      rgbCsv: { G: 2 },
    });
    // A value cannot hold its style's delimiter (see below); everything else comes back.
    const piped = awkward.filter((v) => !v.includes("|"));
    const words = awkward.filter((v) => !v.includes(" "));
    expect((await queries.queryDelimited(piped, { words })).params).toEqual({ words, piped });
    expect((await queries.queryDeepObject({ color: "s[t] u", min: -1 })).params).toEqual({ filter: { color: "s[t] u", min: -1 } });
  });

  it("a value holding its style's delimiter is refused before anything is sent (Appendix E)", async () => {
    const before = server.requests.length;
    await expect(api("QueriesApi").queryDelimited(["e|f"])).rejects.toThrow(
      /query parameter "piped" has the value "e\|f", which holds the delimiter/,
    );
    await expect(api("QueriesApi").queryDelimited(colors, { words: ["c d"] })).rejects.toThrow(
      /query parameter "words" has the value "c d"/,
    );
    expect(server.requests.length).toBe(before);
  });

  it("optional parameters left out are not sent at all", async () => {
    await api("QueriesApi").queryForm("blue", colors, colors, rgb, { rgb: undefined });
    expect(lastUrl()).not.toMatch(/[?&](R|G|B)=/);
    await api("QueriesApi").queryDelimited(colors);
    expect(lastUrl()).toBe("/delimited?piped=blue%7Cblack%7Cbrown");
  });
});

describe("headers and cookies, through the same server", () => {
  it("headers in style simple, exploded or not, and one declared as JSON", async () => {
    const filter = { color: "blue", min: 1 };
    const seen = await api("HeadersApi").headerParams("blue", colors, rgb, rgb, { xFilter: filter });
    expect(server.requests.at(-1)!.headers).toMatchObject({
      "x-color": "blue",
      "x-colors": "blue,black,brown",
      "x-rgb": "R,100,G,200,B,150",
      "x-rgb-exploded": "R=100,G=200,B=150",
      "x-filter": '{"color":"blue","min":1}',
    });
    expect(seen).toEqual({
      operationId: "headerParams",
      params: { "X-Color": "blue", "X-Colors": colors, "X-Rgb": rgb, "X-Rgb-Exploded": rgb, "X-Filter": filter },
    });
  });

  it("a header value a header cannot carry is refused before anything is sent", async () => {
    const before = server.requests.length;
    await expect(api("HeadersApi").headerParams("blue\r\nX-Injected: 1", colors, rgb, rgb)).rejects.toThrow(
      /header parameter "X-Color" has a character an HTTP header cannot carry/,
    );
    expect(server.requests.length).toBe(before);
  });

  it("cookies: one Cookie header, values percent-encoded, an array not exploded, one declared as JSON", async () => {
    const prefs = { color: "blue", min: 2 };
    const seen = await api("CookiesApi").cookieParams("abc 123;x=y", { colors: awkward, prefs });
    expect(server.requests.at(-1)!.headers.cookie).toMatch(/^session=abc%20123%3Bx%3Dy; colors=a%2Cb,c%20d,.*; prefs=%7B/);
    expect(seen).toEqual({ operationId: "cookieParams", params: { session: "abc 123;x=y", colors: awkward, prefs } });
  });
});
