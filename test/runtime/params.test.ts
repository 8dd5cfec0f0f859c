/**
 * The parameter serializer (templates/runtime/params.ts), given/want: every row of the OpenAPI
 * 3.1.1 "Style Examples" table (§4.8.12.4) as printed there, what the client sends for the
 * table's n/a cells, then percent-encoding, undefined values, headers, cookies and `content`.
 */
import { describe, expect, it } from "vitest";
import {
  cookieHeader,
  deepObjectStyle,
  formStyle,
  headerValues,
  InvalidRequestError,
  jsonContent,
  labelStyle,
  matrixStyle,
  pathString,
  pipeDelimitedStyle,
  queryString,
  serializeParam,
  simpleStyle,
  spaceDelimitedStyle,
  textContent,
  type ParamEncoding,
  type ParamLocation,
  type ParamStyle,
} from "../../templates/runtime/index.js";

/** The runtime's function of each style the spec's table names. */
const STYLES: Record<string, ParamStyle> = {
  matrix: matrixStyle,
  label: labelStyle,
  simple: simpleStyle,
  form: formStyle,
  spaceDelimited: spaceDelimitedStyle,
  pipeDelimited: pipeDelimitedStyle,
  deepObject: deepObjectStyle,
};

/** The table's values of the parameter `color`. */
const VALUES = {
  empty: "",
  string: "blue",
  array: ["blue", "black", "brown"],
  object: { R: 100, G: 200, B: 150 },
} as const;
type Column = keyof typeof VALUES;
const COLUMNS: Column[] = ["empty", "string", "array", "object"];

const NA = "n/a";
/**
 * OpenAPI 3.1.1 §4.8.12.4 "Style Examples", row by row: style, explode, then the empty string
 * (3.1.1 calls the column "undefined" but keeps 3.1.0's values for ""), string, array, object.
 * Query styles without their `?` prefix, as one parameter of a query string.
 */
const SPEC_TABLE: [string, boolean, string, string, string, string][] = [
  ["matrix", false, ";color", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"],
  ["matrix", true, ";color", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"],
  ["label", false, ".", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"],
  ["label", true, ".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"],
  ["simple", false, "", "blue", "blue,black,brown", "R,100,G,200,B,150"],
  ["simple", true, "", "blue", "blue,black,brown", "R=100,G=200,B=150"],
  ["form", false, "color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"],
  ["form", true, "color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"],
  ["spaceDelimited", false, NA, NA, "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"],
  ["spaceDelimited", true, NA, NA, NA, NA],
  ["pipeDelimited", false, NA, NA, "color=blue%7Cblack%7Cbrown", "color=R%7C100%7CG%7C200%7CB%7C150"],
  ["pipeDelimited", true, NA, NA, NA, NA],
  ["deepObject", false, NA, NA, NA, NA],
  ["deepObject", true, NA, NA, NA, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"],
];

/**
 * The table's n/a cells: what the client sends (scripts/ir/serialization.ts warns about each and
 * its docs say why). Delimited styles with explode, and every non-array/object value, go as form;
 * deepObject is always exploded, an array by index.
 */
const DECIDED: Record<string, string> = {
  "spaceDelimited false empty": "color=",
  "spaceDelimited false string": "color=blue",
  "spaceDelimited true empty": "color=",
  "spaceDelimited true string": "color=blue",
  "spaceDelimited true array": "color=blue&color=black&color=brown",
  "spaceDelimited true object": "R=100&G=200&B=150",
  "pipeDelimited false empty": "color=",
  "pipeDelimited false string": "color=blue",
  "pipeDelimited true empty": "color=",
  "pipeDelimited true string": "color=blue",
  "pipeDelimited true array": "color=blue&color=black&color=brown",
  "pipeDelimited true object": "R=100&G=200&B=150",
  "deepObject false empty": "color=",
  "deepObject false string": "color=blue",
  "deepObject false array": "color%5B0%5D=blue&color%5B1%5D=black&color%5B2%5D=brown",
  "deepObject false object": "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150",
  "deepObject true empty": "color=",
  "deepObject true string": "color=blue",
  "deepObject true array": "color%5B0%5D=blue&color%5B1%5D=black&color%5B2%5D=brown",
};

const locationOf = (style: string): ParamLocation => (["matrix", "label", "simple"].includes(style) ? "path" : "query");

describe("the Style Examples table of OpenAPI 3.1.1, every row", () => {
  const cells = SPEC_TABLE.flatMap(([style, explode, ...wants]) =>
    COLUMNS.map((column, i) => [`${style} explode=${explode} ${column}`, style, explode, column, wants[i]!] as const),
  );
  it.each(cells)("%s", (_, style, explode, column, specWant) => {
    const want = specWant === NA ? DECIDED[`${style} ${explode} ${column}`] : specWant;
    expect(want, "every n/a cell has a decision").toBeDefined();
    const location = locationOf(style);
    const send = () => serializeParam(location, "color", VALUES[column], { style: STYLES[style]!, explode });
    // A path value must be one non-empty segment other than . and ..: "" and "." are refused.
    if (location === "path" && (want === "" || want === "."))
      expect(send).toThrow(new InvalidRequestError(`path parameter "color" cannot be ${JSON.stringify(want)}`));
    else expect(send()).toBe(want);
  });

  it("simple as a header value gives the table's row, the empty string included", () => {
    for (const explode of [false, true]) {
      const row = SPEC_TABLE.find(([style, e]) => style === "simple" && e === explode)!;
      expect(COLUMNS.map((column) => serializeParam("header", "color", VALUES[column], { style: simpleStyle, explode }))).toEqual(
        row.slice(2),
      );
    }
  });

  it("the location's default applies without a table entry: query form exploded, path simple", () => {
    expect(serializeParam("query", "color", VALUES.array)).toBe("color=blue&color=black&color=brown");
    expect(serializeParam("query", "color", VALUES.object)).toBe("R=100&G=200&B=150");
    expect(serializeParam("path", "color", VALUES.array)).toBe("blue,black,brown");
    expect(serializeParam("path", "color", VALUES.object)).toBe("R,100,G,200,B,150");
    expect(serializeParam("header", "color", VALUES.array)).toBe("blue,black,brown");
  });
});

describe("percent-encoding (RFC 3986; OpenAPI Appendix E)", () => {
  const tricky = "a b+c&d=e/f?g#h[i]j!k'l(m)n*o,p;q:r@s$t%u~v_w.x-yé😀";
  it.each<[string, ParamLocation, ParamEncoding | undefined, string]>([
    [
      "query: everything but unreserved characters",
      "query",
      undefined,
      "q=a%20b%2Bc%26d%3De%2Ff%3Fg%23h%5Bi%5Dj%21k%27l%28m%29n%2Ao%2Cp%3Bq%3Ar%40s%24t%25u~v_w.x-y%C3%A9%F0%9F%98%80",
    ],
    [
      "query with allowReserved: reserved characters pass, but not # [ ] & = + (nor a lone %)",
      "query",
      { style: formStyle, explode: true, allowReserved: true },
      "q=a%20b%2Bc%26d%3De/f?g%23h%5Bi%5Dj!k'l(m)n*o,p;q:r@s$t%25u~v_w.x-y%C3%A9%F0%9F%98%80",
    ],
    [
      "path: one segment, / encoded",
      "path",
      undefined,
      "a%20b%2Bc%26d%3De%2Ff%3Fg%23h%5Bi%5Dj%21k%27l%28m%29n%2Ao%2Cp%3Bq%3Ar%40s%24t%25u~v_w.x-y%C3%A9%F0%9F%98%80",
    ],
  ])("%s", (_, location, encoding, want) => {
    expect(serializeParam(location, "q", tricky, encoding)).toBe(want);
  });

  it("allowReserved keeps percent-encoded triples as they are", () => {
    expect(serializeParam("query", "next", "/a%20b/100%", { style: formStyle, explode: true, allowReserved: true })).toBe(
      "next=/a%20b/100%25",
    );
  });

  it("delimiters inside values are encoded, so the delimiters stay unambiguous", () => {
    expect(serializeParam("query", "c", ["a,b", "c|d", "e f"], { style: formStyle, explode: false })).toBe("c=a%2Cb,c%7Cd,e%20f");
    expect(serializeParam("query", "c", ["a,b", "c|d"], { style: spaceDelimitedStyle, explode: false })).toBe("c=a%2Cb%20c%7Cd");
    expect(serializeParam("path", "c", ["a.b", "c"], { style: labelStyle, explode: false })).toBe(".a.b,c");
    // RFC 3986 leaves "." unencoded; in exploded label items it is the delimiter, so it goes as %2E.
    expect(serializeParam("path", "c", ["a.b", "c"], { style: labelStyle, explode: true })).toBe(".a%2Eb.c");
    expect(serializeParam("path", "c", { "a=b": "c;d" }, { style: matrixStyle, explode: true })).toBe(";a%3Db=c%3Bd");
  });

  it("names are encoded too", () => {
    expect(serializeParam("query", "sort by[]", "x")).toBe("sort%20by%5B%5D=x");
    expect(serializeParam("query", "f", { "a b": 1 }, { style: deepObjectStyle, explode: true })).toBe("f%5Ba%20b%5D=1");
    expect(serializeParam("query", "f", ["a b"], { style: pipeDelimitedStyle, explode: false })).toBe("f=a%20b");
  });
});

describe("values that are not sent, and values that cannot be", () => {
  it.each<[string, ParamLocation, unknown, ParamEncoding | undefined, string | undefined]>([
    ["undefined query value: not sent", "query", undefined, undefined, undefined],
    ["null query value: not sent", "query", null, undefined, undefined],
    ["empty array: not sent", "query", [], undefined, undefined],
    ["empty array, not exploded: not sent", "query", [], { style: formStyle, explode: false }, undefined],
    ["object without defined members: not sent", "query", { a: undefined, b: null }, undefined, undefined],
    ["undefined items and members are skipped", "query", ["a", null, undefined, "b"], { style: formStyle, explode: false }, "v=a,b"],
    ["undefined members are skipped", "query", { a: 1, b: undefined }, { style: formStyle, explode: false }, "v=a,1"],
    ["booleans and bigints as text", "query", [true, 10n], { style: formStyle, explode: false }, "v=true,10"],
    ["a Date as ISO 8601", "query", new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), undefined, "v=2024-01-02T03%3A04%3A05.000Z"],
    ["nested values in a form array: JSON text", "query", [{ a: 1 }], { style: formStyle, explode: false }, "v=%7B%22a%22%3A1%7D"],
    [
      "nested values in deepObject: by key and index",
      "query",
      { a: { b: 1 }, list: ["x", "y"] },
      { style: deepObjectStyle, explode: true },
      "v%5Ba%5D%5Bb%5D=1&v%5Blist%5D%5B0%5D=x&v%5Blist%5D%5B1%5D=y",
    ],
    ["undefined header: not sent", "header", undefined, undefined, undefined],
    ["empty header array: not sent", "header", [], undefined, undefined],
    ["undefined cookie: not sent", "cookie", null, undefined, undefined],
  ])("%s", (_, location, value, encoding, want) => {
    expect(serializeParam(location, "v", value, encoding)).toBe(want);
  });

  it.each<[string, ParamLocation, unknown, ParamEncoding | undefined, string]>([
    ["a missing path value", "path", undefined, undefined, 'path parameter "v" cannot be undefined'],
    ["a null path value", "path", null, undefined, 'path parameter "v" cannot be null'],
    ["an empty path value", "path", "", undefined, 'path parameter "v" cannot be ""'],
    ["an empty path array", "path", [], undefined, 'path parameter "v" cannot be ""'],
    ["a path value .", "path", ".", undefined, 'path parameter "v" cannot be "."'],
    ["a path value ..", "path", "..", undefined, 'path parameter "v" cannot be ".."'],
    ["a path array that joins to ..", "path", [".."], undefined, 'path parameter "v" cannot be ".."'],
    ["a label value that becomes ..", "path", ".", { style: labelStyle, explode: false }, 'path parameter "v" cannot be ".."'],
    ["NaN", "query", Number.NaN, undefined, 'query parameter "v" cannot be NaN'],
    ["Infinity in an array", "path", [1, Infinity], undefined, 'path parameter "v" cannot be Infinity'],
    ["an invalid Date", "query", new Date(Number.NaN), undefined, 'query parameter "v" cannot be an invalid Date'],
    ["a lone surrogate", "query", "a\uD800", undefined, 'query parameter "v" cannot be text with a lone surrogate'],
    ["a lone surrogate in a path", "path", "\uDFFF", undefined, 'path parameter "v" cannot be text with a lone surrogate'],
    [
      "a header with a line break",
      "header",
      "a\r\nX-Injected: 1",
      undefined,
      'header parameter "v" has a character an HTTP header cannot carry (only visible ASCII, spaces and tabs); encode the value first',
    ],
    [
      "a header with non-ASCII text",
      "header",
      ["café"],
      undefined,
      'header parameter "v" has a character an HTTP header cannot carry (only visible ASCII, spaces and tabs); encode the value first',
    ],
    ["a function", "query", () => 1, undefined, 'query parameter "v" cannot be a function'],
    [
      "a pipeDelimited value with a |",
      "query",
      ["a|b", "c"],
      { style: pipeDelimitedStyle, explode: false },
      'query parameter "v" has the value "a|b", which holds the delimiter of style pipeDelimited (%7C): the server could not tell the values apart',
    ],
    [
      "a spaceDelimited object value with a space",
      "query",
      { k: "a b" },
      { style: spaceDelimitedStyle, explode: false },
      'query parameter "v" has the value "a b", which holds the delimiter of style spaceDelimited (%20): the server could not tell the values apart',
    ],
    [
      "a deepObject key with a bracket",
      "query",
      { "a[0]": 1 },
      { style: deepObjectStyle, explode: true },
      'query parameter "v" has the key "a[0]", whose brackets deepObject could not tell from its own',
    ],
  ])("refuses %s", (_, location, value, encoding, message) => {
    expect(() => serializeParam(location, "v", value, encoding)).toThrow(new InvalidRequestError(message));
  });

  it("keeps what a path segment may be: numbers, booleans, bigints, any well-formed text", () => {
    for (const [value, want] of [
      [42, "42"],
      [0, "0"],
      [10n, "10"],
      [true, "true"],
      ["😀", "%F0%9F%98%80"],
      ["...", "..."],
    ] as const)
      expect(serializeParam("path", "p", value)).toBe(want);
  });
});

describe("parameters declared with content", () => {
  it.each<[string, ParamLocation, unknown, ParamStyle, string]>([
    ["JSON in a query string", "query", { lat: 52.37, long: 4.89 }, jsonContent, "c=%7B%22lat%22%3A52.37%2C%22long%22%3A4.89%7D"],
    ["a JSON string keeps its quotes", "query", "blue", jsonContent, "c=%22blue%22"],
    ["JSON in a path segment", "path", ["a", "b"], jsonContent, "%5B%22a%22%2C%22b%22%5D"],
    ["JSON in a header, as it is", "header", { a: [1, 2] }, jsonContent, '{"a":[1,2]}'],
    ["JSON in a cookie", "cookie", { a: 1 }, jsonContent, "c=%7B%22a%22%3A1%7D"],
    ["text: a string as it is", "header", "plain words", textContent, "plain words"],
    ["text: anything else as JSON", "query", 5, textContent, "c=5"],
  ])("%s", (_, location, value, style, want) => {
    expect(serializeParam(location, "c", value, { style })).toBe(want);
  });
});

describe("cookies (RFC 6265 pairs; OpenAPI Appendix D leaves form cookies to implementations)", () => {
  it.each<[string, unknown, ParamEncoding | undefined, string]>([
    ["a string, percent-encoded", "abc 123;x", undefined, "c=abc%20123%3Bx"],
    ["an array, exploded (the default): one pair per item", ["a", "b"], undefined, "c=a; c=b"],
    ["an array, not exploded", ["a", "b"], { style: formStyle, explode: false }, "c=a,b"],
    ["an object, exploded: one pair per property", { R: 1, G: 2 }, undefined, "R=1; G=2"],
    ["an object, not exploded", { R: 1, G: 2 }, { style: formStyle, explode: false }, "c=R,1,G,2"],
  ])("%s", (_, value, encoding, want) => {
    expect(serializeParam("cookie", "c", value, encoding)).toBe(want);
  });
});

describe("a request's parameters together", () => {
  const encodings = {
    query: { tags: { style: pipeDelimitedStyle, explode: false }, f: { style: deepObjectStyle, explode: true } },
    path: { id: { style: labelStyle, explode: true } },
    header: { "X-Rgb": { style: simpleStyle, explode: true } },
    cookie: { prefs: { style: jsonContent } },
  } as const;

  it("a query string in the parameters' order, those not sent left out", () => {
    expect(queryString({ a: 1, tags: ["x", "y"], skip: undefined, f: { k: "v" }, b: [] }, encodings)).toBe("a=1&tags=x%7Cy&f%5Bk%5D=v");
    expect(queryString({ skip: undefined }, encodings)).toBe("");
    expect(queryString(undefined)).toBe("");
  });

  it("a path with each {name} replaced, an unknown name left as it is", () => {
    expect(pathString("http://h/base/items/{id}/{other}/x{v}", { id: ["a", "b"], other: "a/b", v: 1 }, encodings)).toBe(
      "http://h/base/items/.a.b/a%2Fb/x1",
    );
    expect(pathString("/items/{id}", {}, encodings)).toBe("/items/{id}");
    expect(pathString("/items/{toString}/{x", {})).toBe("/items/{toString}/{x");
    expect(pathString("/items", { id: 1 })).toBe("/items");
  });

  it("header values, those not sent left out", () => {
    expect(headerValues({ "X-Rgb": { R: 1, G: 2 }, "X-Tags": ["a", "b"], "X-None": undefined }, encodings)).toEqual({
      "X-Rgb": "R=1,G=2",
      "X-Tags": "a,b",
    });
  });

  it("one Cookie header", () => {
    expect(cookieHeader({ session: "s 1", prefs: { a: 1 }, none: null }, encodings)).toBe("session=s%201; prefs=%7B%22a%22%3A1%7D");
    expect(cookieHeader({ none: undefined })).toBe("");
  });
});
