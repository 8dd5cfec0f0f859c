/**
 * Every parameter style against Prism: the client generated from the `parameter-styles` fixture
 * sends each operation to a real Prism mock of the same spec, which deserializes query, path and
 * header parameters per their style and validates them against their schemas (enums, integers,
 * required properties). Any violation fails. Each style also has a negative control: the same
 * values with another style's delimiter, sent by hand, must be flagged, so a passing call means
 * Prism really read the style.
 *
 * What Prism 5.14.2 (prism-http 5.12) cannot check is pinned by a test of its own below, so a
 * Prism that learns it shows up here: a comma in a path value crashes it (uri-template-lite splits
 * the value into an array, the deserializer calls `.split` on it); it splits spaceDelimited values
 * on the text "%20" after decoding; it reads form parameters without a written `explode` as not
 * exploded; it validates neither cookies nor parameters declared with `content`. Those are proven
 * against the decoding node:http server of test/runtime/parameter-styles.test.ts instead.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/options.js";
import { runCli } from "../support/run.js";
import { PrismViolationError, startPrism, violationCheckingFetch, type PrismServer } from "../support/prism.js";
import { minimalSpec, writeSpec } from "../support/spec.js";
import { tempDir } from "../support/temp.js";

const SPEC_PATH = path.join(REPO_ROOT, "test", "fixtures", "specs", "parameter-styles", "openapi.yaml");

let prism: PrismServer;
let client: any;

beforeAll(async () => {
  const out = path.join(tempDir("parameter-styles-prism"), "out");
  const [run, server] = await Promise.all([runCli(["-q", "--spec", SPEC_PATH, "--out", out]), startPrism(SPEC_PATH)]);
  prism = server;
  expect(run.status, run.stderr).toBe(0);
  client = await import(path.join(out, "client", "src", "index.ts"));
});

afterAll(async () => {
  await prism?.stop();
});

const api = (className: string) => new client[className]({ baseUrl: prism.url, maxRetries: 0, fetch: violationCheckingFetch() });

/** Prism's verdict on a request sent by hand: the violations it reports, [] when it has none. */
async function verdict(url: string, headers: Record<string, string> = {}): Promise<string[]> {
  try {
    const response = await violationCheckingFetch()(`${prism.url}${url}`, { headers });
    expect(response.status).toBe(200);
    return [];
  } catch (error) {
    if (!(error instanceof PrismViolationError)) throw error;
    return error.violations.split("\n").filter((line) => line.startsWith("- "));
  }
}

const colors = ["blue", "black", "brown"];
const rgb = { R: 100, G: 200, B: 150 };
const seen = { ok: true };

describe("what the client sends passes Prism's validation, style by style", () => {
  it("path: a label array exploded, matrix array and object exploded, a primitive in label and matrix", async () => {
    await expect(api("PathsApi").pathLabelExploded("blue", colors)).resolves.toEqual(seen);
    await expect(api("PathsApi").pathMatrixExploded("brown", colors, rgb)).resolves.toEqual(seen);
  });

  it("query: form exploded and not, pipeDelimited, deepObject, allowReserved", async () => {
    await expect(api("QueriesApi").queryForm("blue", colors, colors, rgb)).resolves.toEqual(seen);
    await expect(api("QueriesApi").queryForm("blue", ["black"], ["brown"], { R: 1 })).resolves.toEqual(seen);
    await expect(api("QueriesApi").queryDelimited(colors)).resolves.toEqual(seen);
    await expect(api("QueriesApi").queryDelimited(colors, { words: ["math", "is", "fun"] })).resolves.toEqual(seen);
    await expect(api("QueriesApi").queryDeepObject({ color: "black", min: 1, max: 10 })).resolves.toEqual(seen);
    await expect(api("QueriesApi").queryReserved("/colors/blue?page=2")).resolves.toEqual(seen);
  });

  it("headers: simple, exploded and not, arrays and objects", async () => {
    await expect(api("HeadersApi").headerParams("blue", colors, rgb, rgb)).resolves.toEqual(seen);
  });

  it("content and cookies go through (Prism checks neither: see the limitations)", async () => {
    await expect(api("PathsApi").pathContent({ color: "blue", min: 1 })).resolves.toEqual(seen);
    await expect(api("QueriesApi").queryContent({ lat: 52.37, long: 4.89 })).resolves.toEqual(seen);
    await expect(api("CookiesApi").cookieParams("abc 123", { colors, prefs: { color: "blue" } })).resolves.toEqual(seen);
  });
});

describe("negative controls: another style's serialization of the same values is flagged", () => {
  it.each<[string, string, Record<string, string>?]>([
    ["label exploded array with | instead of .", "/label-exploded/.blue/.blue|black|brown"],
    ["label primitive without its .", "/label-exploded/.purple/.blue.black.brown"],
    ["matrix exploded array joined by |", "/matrix-exploded/;color=blue/;colors=blue|black|brown/;R=100;G=200;B=150"],
    ["matrix exploded object without its integers", "/matrix-exploded/;color=blue/;colors=blue/;R=x;G=200;B=150"],
    ["form not exploded, joined by |", "/form?color=blue&colors=blue&colorsCsv=blue|black&rgbCsv=R,100,G,200,B,150"],
    ["form object not exploded, sent exploded", "/form?color=blue&colors=blue&colorsCsv=blue&R=100&G=200&B=150"],
    ["pipeDelimited joined by commas", "/delimited?piped=blue,black,brown"],
    ["deepObject: a bad value under filter[min] is read as such", "/deep?filter%5Bmin%5D=x"],
    [
      "header array joined by |",
      "/headers",
      { "X-Color": "blue", "X-Colors": "blue|black", "X-Rgb": "R,100,G,200,B,150", "X-Rgb-Exploded": "R=100,G=200,B=150" },
    ],
    [
      "header object sent exploded",
      "/headers",
      { "X-Color": "blue", "X-Colors": "blue", "X-Rgb": "R=100,G=200,B=150", "X-Rgb-Exploded": "R=100,G=200,B=150" },
    ],
  ])("%s", async (_, url, headers) => {
    expect(await verdict(url, headers)).not.toEqual([]);
  });

  it("and the same requests in the right style pass (the controls are not failing for another reason)", async () => {
    expect(await verdict("/label-exploded/.blue/.blue.black.brown")).toEqual([]);
    expect(await verdict("/matrix-exploded/;color=blue/;colors=blue;colors=black/;R=1;G=200;B=150")).toEqual([]);
    expect(await verdict("/form?color=blue&colors=blue&colorsCsv=blue,black&rgbCsv=R,100,G,200,B,150")).toEqual([]);
    expect(await verdict("/delimited?piped=blue%7Cblack%7Cbrown")).toEqual([]);
    expect(await verdict("/deep?filter%5Bcolor%5D=blue&filter%5Bmin%5D=1")).toEqual([]);
    expect(await verdict("/deep?filter=x&min=x")).toEqual([]);
    const headers = { "X-Color": "blue", "X-Colors": "blue,black", "X-Rgb": "R,100,G,200,B,150", "X-Rgb-Exploded": "R=100,G=200,B=150" };
    expect(await verdict("/headers", headers)).toEqual([]);
  });
});

describe("Prism 5.14.2's limitations (each pinned: a Prism that learns it fails here)", () => {
  it("form without a written explode is read as not exploded: an exploded object's members go unread", async () => {
    // rgb's members R, G and B must be integers; as `explode: false`, Prism looks for rgb=... only.
    expect(await verdict("/form?color=blue&colors=blue&colorsCsv=blue&rgbCsv=R,1&R=x&G=y")).toEqual([]);
    expect(await verdict("/form?color=blue&colors=blue&colorsCsv=blue&rgbCsv=R,x")).not.toEqual([]);
  });

  it("parameters declared with content are not validated: anything goes", async () => {
    expect(await verdict("/json?coordinates=not-json")).toEqual([]);
  });

  it("cookies are not validated: a required one may be missing", async () => {
    expect(await verdict("/cookies")).toEqual([]);
  });
});

describe("Prism 5.14.2's limitations with spaceDelimited and with lists and objects in paths (a Prism of their own: the last one crashes it)", () => {
  const rgb = { type: "object", properties: { R: { type: "integer" }, G: { type: "integer" } } };
  const colorList = { type: "array", items: { type: "string", enum: ["blue", "black"] } };
  const path = (name: string, schema: object, style: object) => ({
    get: {
      operationId: name,
      parameters: [{ name: "v", in: "path", required: true, ...style, schema }],
      responses: { "204": { description: "seen" } },
    },
  });
  let paths: PrismServer;
  beforeAll(async () => {
    paths = await startPrism(
      writeSpec(
        minimalSpec({
          paths: {
            "/label/{v}": path("labelled", rgb, { style: "label", explode: true }),
            "/simple/{v}": path("simple", colorList, {}),
            "/spaced": {
              get: {
                ...path("spaced", colorList, {}).get,
                parameters: [{ name: "v", in: "query", style: "spaceDelimited", schema: colorList }],
              },
            },
          },
        }),
      ),
    );
  });
  afterAll(async () => {
    await paths?.stop();
  });
  const violations = (url: string) =>
    violationCheckingFetch()(`${paths.url}${url}`).then(
      () => "",
      (error: PrismViolationError) => error.violations,
    );

  it("spaceDelimited: it splits the decoded value on the text %20, so a correct array is flagged", async () => {
    expect(await violations("/spaced?v=blue%20black")).toMatch(/query parameter v\.0 must be equal to one of the allowed values/);
    expect(await violations("/spaced?v=blue")).toBe("");
  });

  it("label exploded objects: it splits them on commas, so a correct one is flagged", async () => {
    // R becomes "100.G=200": not an integer.
    expect(await violations("/label/.R=100.G=200")).toMatch(/v\.R must be integer/);
    expect(await violations("/label/.R=100")).toBe("");
  });

  it("a comma in a path value crashes it (simple, label and matrix lists and objects)", async () => {
    expect(await violations("/simple/blue")).toBe("");
    const answer = await fetch(`${paths.url}/simple/blue,black`).then(
      () => "answered",
      () => "no answer",
    );
    expect(answer).toBe("no answer");
    await expect.poll(() => paths.logs(), { timeout: 10_000 }).toMatch(/TypeError: value\.split is not a function/);
  });
});
