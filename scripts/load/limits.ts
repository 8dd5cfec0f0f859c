/**
 * Bounded reading: the limits of `SpecLimits` (scripts/options.ts) that apply while a file of the
 * spec is read. `LimitedResolver` reads files and URLs for Redocly's resolver, lint and bundle
 * (and for reach.ts): only regular files, bytes and files counted, URLs only with
 * `allowRemoteRefs` (http(s) only, with a time limit and the size limit), each parsed file
 * checked for its nesting and for what its YAML aliases expand to. Every refusal names the
 * limit and the flag that raises it.
 */
import { promises as fs, statSync } from "node:fs";
import { BaseResolver, parseYaml, Source, YamlParseError, type Document } from "@redocly/openapi-core";
import { SpecError, type SpecIssue } from "../issues.js";
import { encodePointerToken } from "../json-pointer.js";
import { LIMIT_FLAGS, type SpecLimits } from "../options.js";
import { lineOf, relativeDisplay } from "./locate.js";

export const number = (n: number) => n.toLocaleString("en-US");

/** `--max-depth 128`: the flag and the value in force, for hints. */
export function raise(limit: keyof typeof LIMIT_FLAGS, limits: SpecLimits): string {
  return `--${LIMIT_FLAGS[limit].flag} (now ${number(limits[limit])})`;
}

/** A problem found while reading a file: its code, message and hint; where it is is added by the caller. */
export class LimitRefusal extends Error {
  constructor(readonly issue: Omit<SpecIssue, "severity">) {
    super(issue.message);
    this.name = "LimitRefusal";
  }
}

/** `http:`, `https:`, `ftp:`...: a URI scheme of two letters or more (one letter is a Windows drive). */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/** What a `$ref` outside the spec is: a remote URL (http/https), another scheme, or a local file. */
export function refKind(absoluteRef: string): "remote" | "other-scheme" | "file" {
  const scheme = SCHEME.exec(absoluteRef)?.[1]?.toLowerCase();
  if (scheme === undefined) return "file";
  return scheme === "http" || scheme === "https" ? "remote" : "other-scheme";
}

/** A file as the user would write it, a URL as it is. */
export function displayRef(absoluteRef: string): string {
  return refKind(absoluteRef) === "file" ? relativeDisplay(absoluteRef) : absoluteRef;
}

/**
 * Redocly's resolver with bounds: it reads the spec's files (and, only when allowed, URLs) for
 * Redocly's resolve, lint and bundle, and for `checkReach`. Every file it returns has passed the
 * size, count, depth and alias limits; a file that does not is a `LimitRefusal`.
 */
export class LimitedResolver extends BaseResolver {
  private fileCount = 0;
  private byteCount = 0;
  /** The most values aliases added to one file. */
  mostAliasNodes = 0;
  /** URLs fetched (with `allowRemoteRefs`) and their sizes, for the notices. */
  readonly fetched: { url: string; bytes: number }[] = [];

  constructor(readonly limits: SpecLimits) {
    super();
  }

  get filesRead(): number {
    return this.fileCount;
  }

  get bytesRead(): number {
    return this.byteCount;
  }

  /** Keeps any URI scheme as written (Redocly would read `ftp://host/x` as a file `ftp:/host/x`). */
  override resolveExternalRef(base: string | null, ref: string): string {
    if (SCHEME.test(ref) && refKind(ref) === "other-scheme") return ref;
    return super.resolveExternalRef(base, ref);
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const kind = refKind(absoluteRef);
    if (kind === "other-scheme") throw new LimitRefusal(schemeRefused(absoluteRef));
    if (kind === "remote" && !this.limits.allowRemoteRefs) throw new LimitRefusal(remoteRefused(absoluteRef));
    this.countFile(absoluteRef);
    if (kind === "remote") {
      const { body, mimeType } = await this.fetchBounded(absoluteRef);
      return new Source(absoluteRef, body, mimeType ?? undefined);
    }
    const size = this.fileSize(absoluteRef);
    this.countBytes(size, absoluteRef);
    const content = await fs.readFile(absoluteRef);
    // The file may have grown since it was measured.
    if (content.byteLength > size) this.countBytes(content.byteLength - size, absoluteRef);
    return new Source(absoluteRef, content.toString("utf8").replace(/\r\n/g, "\n"));
  }

  override parseDocument(source: Source, isRoot = false): Document {
    const filename = refKind(source.absoluteRef) === "remote" ? new URL(source.absoluteRef).pathname : source.absoluteRef;
    // What Redocly leaves unparsed (a `.md` description, GraphQL), it still may.
    if (!isRoot && !/\.(ya?ml|json)$/.test(filename) && !source.mimeType?.match(/(json|yaml|openapi)/))
      return super.parseDocument(source, isRoot);
    let parsed: unknown;
    try {
      // One level more than the limit: `checkReach` then reports the node, with its pointer.
      parsed = parseYaml(source.body, { filename: source.absoluteRef, maxDepth: this.limits.maxDepth + 1 } as never);
    } catch (error) {
      if (error instanceof RangeError || /nesting exceeded maxDepth/.test((error as Error).message)) {
        const at = new YamlParseError(error instanceof RangeError ? new Error("") : (error as Error), source);
        throw new LimitRefusal({
          code: "spec-too-deep",
          file: relativeDisplay(source.absoluteRef),
          ...(at.line ? { line: at.line, column: at.col } : {}),
          message: `the document nests deeper than ${number(this.limits.maxDepth)} levels of objects and lists`,
          hint: `flatten the nesting with named schemas and $refs, or raise the limit with ${raise("maxDepth", this.limits)}`,
        });
      }
      throw new YamlParseError(error as Error, source);
    }
    const document = { source, parsed };
    // Only YAML with an anchor (`&name`) can have aliases; JSON and most YAML skip the count.
    if (/(^|[\s[{,:-])&[^\s[\]{},]/m.test(source.body))
      this.mostAliasNodes = Math.max(this.mostAliasNodes, checkAliases(document, this.limits));
    return document;
  }

  private countFile(absoluteRef: string): void {
    this.fileCount++;
    if (this.fileCount > this.limits.maxSpecFiles) {
      throw new LimitRefusal({
        code: "spec-too-many-files",
        message: `the spec is made of more than ${number(this.limits.maxSpecFiles)} files (reached ${displayRef(absoluteRef)})`,
        hint: `check that the $refs do not reach files that are not part of the spec, or raise the limit with ${raise("maxSpecFiles", this.limits)}`,
      });
    }
  }

  private countBytes(bytes: number, absoluteRef: string): void {
    this.byteCount += bytes;
    if (this.byteCount > this.limits.maxSpecBytes) {
      throw new LimitRefusal({
        code: "spec-too-large",
        message: `the spec's files are larger than ${number(this.limits.maxSpecBytes)} bytes together (reached while reading ${displayRef(absoluteRef)})`,
        hint: `check that the $refs point at the spec's own files, or raise the limit with ${raise("maxSpecBytes", this.limits)}`,
      });
    }
  }

  /** The size of a local file, which must be a regular file (a FIFO or /dev/zero would never end). */
  private fileSize(file: string): number {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new Error(`Expected a file but received a folder at ${file}.`);
    if (!stat.isFile()) {
      throw new LimitRefusal({
        code: "spec-not-a-regular-file",
        message: `${relativeDisplay(file)} is not a regular file (a device, a pipe or a socket), so it cannot be read as part of the spec`,
        hint: "point the $ref at a YAML or JSON file",
      });
    }
    return stat.size;
  }

  /** GET a URL, with the time limit and the bytes still allowed; an error is the fetch's own words. */
  private async fetchBounded(url: string): Promise<{ body: string; mimeType: string | null }> {
    const timeoutMs = this.limits.remoteTimeoutMs;
    const failed = (why: string, hint: string) =>
      new LimitRefusal({ code: "remote-ref-failed", message: `could not fetch ${url}: ${why}`, hint });
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    } catch (error) {
      if ((error as Error).name === "TimeoutError")
        throw failed(`no answer within ${number(timeoutMs)} ms`, `raise the time limit with ${raise("remoteTimeoutMs", this.limits)}`);
      const cause = (error as { cause?: Error }).cause?.message;
      throw failed(
        `${(error as Error).message}${cause ? ` (${cause})` : ""}`,
        "check the URL, or copy the file next to the spec and refer to it by path",
      );
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw failed(`the server answered ${response.status} ${response.statusText}`, "check the URL");
    }
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    const reader = response.body?.getReader();
    try {
      while (reader) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        this.countBytes(value.byteLength, url);
        chunks.push(value);
      }
    } catch (error) {
      await reader?.cancel().catch(() => {});
      if (error instanceof LimitRefusal) throw error;
      if ((error as Error).name === "TimeoutError" || (error as Error).name === "AbortError")
        throw failed(`not received within ${number(timeoutMs)} ms`, `raise the time limit with ${raise("remoteTimeoutMs", this.limits)}`);
      throw failed((error as Error).message, "check the URL");
    }
    this.fetched.push({ url, bytes });
    return { body: Buffer.concat(chunks).toString("utf8"), mimeType: response.headers.get("content-type") };
  }
}

function remoteRefused(url: string): Omit<SpecIssue, "severity"> {
  return {
    code: "remote-ref",
    message: `the $ref points at a remote file (${url}); remote files are not fetched unless allowed`,
    hint: "copy the file next to the spec and refer to it by path, or pass --allow-remote-refs to fetch it (with a time limit and the size limit)",
  };
}

function schemeRefused(url: string): Omit<SpecIssue, "severity"> {
  return {
    code: "unsupported-ref-scheme",
    message: `the $ref points at ${url}, which is neither a file path nor an http(s) URL`,
    hint: "refer to the spec's files by relative path (e.g. ./schemas/pet.yaml); only http(s) URLs can be fetched, with --allow-remote-refs",
  };
}

/**
 * What YAML aliases expand a file to. js-yaml shares the anchored node between its aliases, so
 * reading costs nothing, but every later walk (Redocly's by pointer, ours, JSON.stringify) pays
 * for each copy: nine levels of nine aliases are 387 million nodes. Counted here in one pass over
 * the distinct nodes. An alias inside its own anchor is a cycle no walk would finish.
 */
function checkAliases(document: Document, limits: SpecLimits): number {
  const root = document.parsed;
  if (root === null || typeof root !== "object") return 0;
  const size = new Map<object, number>();
  const parents = new Map<object, number>();
  const inProgress = new Set<object>();
  let distinct = 0;
  // Iterative post-order walk: the file's nesting is bounded, but not by the call stack.
  const stack: { node: object; keys: string[]; index: number; total: number }[] = [];
  const enter = (node: object) => {
    inProgress.add(node);
    distinct++;
    stack.push({ node, keys: Object.keys(node), index: 0, total: 1 });
  };
  enter(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index < frame.keys.length) {
      const key = frame.keys[frame.index++]!;
      const child = (frame.node as Record<string, unknown>)[key];
      if (child === null || typeof child !== "object") {
        frame.total++;
        distinct++;
        continue;
      }
      parents.set(child, (parents.get(child) ?? 0) + 1);
      if (inProgress.has(child)) {
        throw aliasIssue(
          document,
          [...stack.slice(0, -1).map((f) => f.keys[f.index - 1]!), key],
          "recursive-yaml-alias",
          "a YAML alias (*name) is inside the node its anchor (&name) names: the document would be infinite",
          "write the recursion as a schema that refers to itself with $ref (e.g. `$ref: '#/components/schemas/Node'`)",
        );
      }
      const known = size.get(child);
      if (known !== undefined) frame.total += known;
      else enter(child);
      continue;
    }
    stack.pop();
    inProgress.delete(frame.node);
    size.set(frame.node, frame.total);
    if (stack.length > 0) stack[stack.length - 1]!.total += frame.total;
  }
  const expanded = size.get(root)!;
  if (expanded - distinct <= limits.maxAliasNodes) return expanded - distinct;
  // Where: down the heaviest branch, to the last node written as such (its heavy children are aliases).
  const tokens: string[] = [];
  let node: object = root;
  while (true) {
    let heaviest: { key: string; child: object; weight: number } | undefined;
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (child === null || typeof child !== "object") continue;
      const weight = size.get(child) ?? 0;
      if (!heaviest || weight > heaviest.weight) heaviest = { key, child, weight };
    }
    if (!heaviest || heaviest.weight <= limits.maxAliasNodes || (parents.get(heaviest.child) ?? 0) > 1) break;
    tokens.push(heaviest.key);
    node = heaviest.child;
  }
  throw aliasIssue(
    document,
    tokens,
    "yaml-alias-expansion",
    `the YAML aliases (*name) ${tokens.length ? "under this node " : ""}expand the file to ${expanded >= 1e15 ? "more than 10^15" : number(expanded)} values (${number(distinct)} written); more than ${number(limits.maxAliasNodes)} added by aliases is refused`,
    `write the repeated parts once (e.g. under components) and refer to them with $ref, or raise the limit with ${raise("maxAliasNodes", limits)}`,
  );
}

function aliasIssue(document: Document, tokens: string[], code: string, message: string, hint: string): LimitRefusal {
  const pointer = tokens.length ? `#/${tokens.map(encodePointerToken).join("/")}` : "#";
  const at = lineOf(document, pointer);
  return new LimitRefusal({
    code,
    file: relativeDisplay(document.source.absoluteRef),
    ...(at ? { line: at.line, column: at.col } : {}),
    pointer,
    message,
    hint,
  });
}

/** The root file, before it is read: a regular file, within the size limit. */
export function checkRootFileBounds(absolutePath: string, displayPath: string, limits: SpecLimits): void {
  const stat = statSync(absolutePath);
  if (!stat.isFile()) {
    throw new SpecError([
      {
        code: "spec-not-a-regular-file",
        severity: "error",
        file: displayPath,
        message: "the spec path is not a regular file (a device, a pipe or a socket), so it cannot be read to its end",
        hint: "pass the root file of the spec, e.g. spec/openapi.yaml",
      },
    ]);
  }
  if (stat.size > limits.maxSpecBytes) {
    throw new SpecError([
      {
        code: "spec-too-large",
        severity: "error",
        file: displayPath,
        message: `the spec file is ${number(stat.size)} bytes, more than the limit of ${number(limits.maxSpecBytes)}`,
        hint: `raise the limit with ${raise("maxSpecBytes", limits)}`,
      },
    ]);
  }
}

/** A `LimitRefusal` thrown while reading the root file, as the problem it is. */
export function refusalIssue(error: unknown, displayPath: string): SpecIssue | undefined {
  if (!(error instanceof LimitRefusal)) return undefined;
  return { file: displayPath, ...error.issue, severity: "error" };
}

/**
 * The last line of defence of `maxDepth`: a spec within the limits that still nests too deeply
 * for the call stack of a stage that recurses (possible only when the limit was raised) is the
 * spec's problem, not a crash.
 */
export async function stackGuard<T>(work: () => Promise<T>, displayPath: string, limits: SpecLimits): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) throw error;
    throw new SpecError([
      {
        code: "spec-too-deep",
        severity: "error",
        file: displayPath,
        message: "the document nests too deeply (counted through $refs) to be walked",
        hint: `flatten the nesting with named schemas, or lower ${raise("maxDepth", limits)} so that it is reported where it happens`,
      },
    ]);
  }
}
