/**
 * What the spec reaches through its `$ref`s, measured before Redocly walks it. Redocly's resolve,
 * lint and bundle recurse into every `$ref` by JSON pointer: a chain of 5,000 `$ref`s or a schema
 * nested 3,000 deep through `$ref`s overflows the call stack, and a `$ref` to a URL is a network
 * request. Here one walk from the root, which follows every `$ref` once:
 * - loads the files the `$ref`s reach (through the `LimitedResolver`, whose cache Redocly then
 *   uses), refuses remote URLs unless allowed and every other scheme, and warns about files
 *   outside the root file's folder;
 * - measures the nesting depth counted through `$ref`s (a `$ref` back into a node being walked,
 *   a recursive schema, stops there) and the longest chain of `$ref`s that point at `$ref`s.
 * A walk meets a `$ref` into a file not read yet: the file is read, and the walk starts again
 * (once per level of files: a root, its path files, their schema files...).
 */
import { realpathSync } from "node:fs";
import path from "node:path";
import type { Document } from "@redocly/openapi-core";
import { SpecError, type SpecIssue } from "../issues.js";
import { encodePointerToken, refTokens, valueAt } from "../json-pointer.js";
import type { SpecLimits } from "../options.js";
import { LimitRefusal, LimitedResolver, number, raise, refKind } from "./limits.js";
import { lineOf, relativeDisplay } from "./locate.js";

export interface Reach {
  /** Things the user should know about (a `$ref` that leaves the spec's folder). */
  warnings: SpecIssue[];
  /** What the spec measures against each limit (for the tests, and to choose the defaults). */
  measured: Record<Exclude<keyof SpecLimits, "allowRemoteRefs" | "remoteTimeoutMs">, number>;
}

/** Where a node is: its document and the pointer tokens to it. */
interface Place {
  doc: Document;
  tokens: readonly string[];
}

function issueAt(place: Place, problem: Omit<SpecIssue, "severity">, severity: SpecIssue["severity"] = "error"): SpecIssue {
  const pointer = place.tokens.length ? `#/${place.tokens.map(encodePointerToken).join("/")}` : "#";
  const at = lineOf(place.doc, pointer);
  return {
    file: relativeDisplay(place.doc.source.absoluteRef),
    ...(at ? { line: at.line, column: at.col } : {}),
    pointer,
    ...problem,
    severity,
  };
}

function splitRef(ref: string): { uri: string; fragment: string } {
  const hash = ref.indexOf("#");
  return hash < 0 ? { uri: ref, fragment: "#" } : { uri: ref.slice(0, hash), fragment: ref.slice(hash) };
}

const refOf = (node: object): string | undefined => {
  const ref = Array.isArray(node) ? undefined : (node as { $ref?: unknown }).$ref;
  return typeof ref === "string" ? ref : undefined;
};

/** Whether `file` is inside `dir`, after following symbolic links (a link cannot hide an escape). */
function isInside(file: string, dir: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const rel = path.relative(real(dir), real(file));
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/**
 * Follows every `$ref` from the root: reads what they reach, refuses what may not be read, and
 * checks the depth and the `$ref` chains. Throws a `SpecError` listing every refusal, each at its
 * `$ref`; returns the warnings and what was measured.
 */
export async function checkReach(root: Document, resolver: LimitedResolver): Promise<Reach> {
  const limits = resolver.limits;
  const rootDir = path.dirname(root.source.absoluteRef);
  const docs = new Map<string, Document>([[root.source.absoluteRef, root]]);
  /** Files that cannot be read (Redocly reports why, or a refusal was recorded). */
  const unreadable = new Set<string>();
  const warnings: SpecIssue[] = [];
  while (true) {
    const walk = new DepthWalk(docs, unreadable, resolver, limits);
    let depth: number;
    try {
      depth = walk.run(root);
    } catch (error) {
      if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) throw error;
      throw new SpecError([
        issueAt(walk.deepest ?? { doc: root, tokens: [] }, {
          code: "spec-too-deep",
          message: "the document nests too deeply, counted through $refs, to be walked",
          hint: `flatten the nesting with named schemas, or lower ${raise("maxDepth", limits)} so that it is reported where it happens`,
        }),
      ]);
    }
    if (walk.pending.size === 0) {
      return {
        warnings,
        measured: {
          maxSpecBytes: resolver.bytesRead,
          maxSpecFiles: resolver.filesRead,
          maxDepth: depth,
          maxRefHops: walk.longestChain,
          maxAliasNodes: resolver.mostAliasNodes,
        },
      };
    }
    // Read the files this walk reached, then walk again with them.
    const errors: SpecIssue[] = [];
    for (const [absolute, { from, uri }] of walk.pending) {
      try {
        docs.set(absolute, (await resolver.resolveDocument(from.doc.source.absoluteRef, uri)) as Document);
      } catch (error) {
        unreadable.add(absolute);
        if (!(error instanceof LimitRefusal)) continue;
        errors.push(error.issue.file ? { ...error.issue, severity: "error" } : issueAt(from, error.issue));
        // A limit on the whole spec: every later file would exceed it too.
        if (error.issue.code === "spec-too-many-files" || error.issue.code === "spec-too-large") break;
        continue;
      }
      if (refKind(absolute) === "file" && !isInside(absolute, rootDir)) {
        warnings.push(
          issueAt(
            from,
            {
              code: "ref-outside-spec-folder",
              message: `the $ref reads ${relativeDisplay(absolute)}, which is outside the spec's folder (${relativeDisplay(rootDir) || "."})`,
              hint: "keep the spec's files under the folder of its root file, so that it can be moved, reviewed and watched as one",
            },
            "warning",
          ),
        );
      }
    }
    if (errors.length > 0) throw new SpecError(errors);
  }
}

/**
 * One depth-first walk from the root through every `$ref`: the height of each `$ref` target is
 * kept (so each is walked once through `$ref`s, and once where it is written), and the length of
 * each `$ref` chain. Recursive: the recursion is as deep as the document, which `maxDepth` bounds.
 */
class DepthWalk {
  /** `$ref`s into files not read yet: the file's absolute path → the first `$ref` to it. */
  readonly pending = new Map<string, { from: Place; uri: string }>();
  longestChain = 0;
  /** The deepest place reached (for a call stack that overflows before `maxDepth`). */
  deepest: Place | undefined;
  private deepestDepth = -1;
  private readonly heights = new Map<object, number>();
  private readonly inProgress = new Set<object>();
  private readonly hops = new Map<object, number>();
  /** Each `$ref` string of each document, followed once. */
  private readonly targets = new Map<Document, Map<string, { node: object; doc: Document; tokens: string[] } | undefined>>();

  constructor(
    private readonly docs: Map<string, Document>,
    private readonly unreadable: Set<string>,
    private readonly resolver: LimitedResolver,
    private readonly limits: SpecLimits,
  ) {}

  run(root: Document): number {
    const node = root.parsed;
    return node !== null && typeof node === "object" ? this.height(node, root, 1, []) : 0;
  }

  private tooDeep(place: Place): never {
    throw new SpecError([
      issueAt(place, {
        code: "spec-too-deep",
        message: `the document nests deeper than ${number(this.limits.maxDepth)} levels of objects and lists here, counted through $refs`,
        hint: `check for a chain of $refs that goes very deep, or raise the limit with ${raise("maxDepth", this.limits)}`,
      }),
    ]);
  }

  /** Levels of objects and lists from `node` down (1 for an object of scalars); `depth` is the node's own. */
  private height(node: object, doc: Document, depth: number, trail: string[]): number {
    if (depth > this.limits.maxDepth) this.tooDeep({ doc, tokens: [...trail] });
    if (depth > this.deepestDepth) {
      this.deepestDepth = depth;
      this.deepest = { doc, tokens: [...trail] };
    }
    let below = 0;
    const keys = Object.keys(node);
    for (const key of keys) {
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === "object") {
        trail.push(key);
        below = Math.max(below, this.height(child, doc, depth + 1, trail));
        trail.pop();
      } else if (key === "$ref" && typeof child === "string" && !Array.isArray(node)) {
        trail.push(key);
        below = Math.max(below, this.throughRef(node, child, doc, depth, trail));
        trail.pop();
      }
    }
    return below + 1;
  }

  /** The height of what a `$ref` points at (0 when it is not read yet, missing, or being walked). */
  private throughRef(refNode: object, ref: string, doc: Document, depth: number, trail: string[]): number {
    const target = this.follow(doc, ref, { doc, tokens: trail });
    if (!target) return 0;
    this.checkChain(refNode, doc, trail);
    const known = this.heights.get(target.node);
    if (known !== undefined) {
      if (depth + known > this.limits.maxDepth) this.tooDeep({ doc, tokens: [...trail] });
      return known;
    }
    if (this.inProgress.has(target.node)) return 0;
    this.inProgress.add(target.node);
    const height = this.height(target.node, target.doc, depth + 1, [...target.tokens]);
    this.inProgress.delete(target.node);
    this.heights.set(target.node, height);
    return height;
  }

  /** The node a `$ref` points at, if its file is read; a file not read yet is noted in `pending`. */
  private follow(doc: Document, ref: string, from: Place): { node: object; doc: Document; tokens: string[] } | undefined {
    let known = this.targets.get(doc);
    if (!known) this.targets.set(doc, (known = new Map()));
    if (known.has(ref)) return known.get(ref);
    // Within one walk, a file not read yet stays unread (it is in `pending` for the next walk).
    const target = this.find(doc, ref, from);
    known.set(ref, target);
    return target;
  }

  private find(doc: Document, ref: string, from: Place): { node: object; doc: Document; tokens: string[] } | undefined {
    const { uri, fragment } = splitRef(ref);
    let targetDoc = doc;
    if (uri !== "") {
      const absolute = this.resolver.resolveExternalRef(doc.source.absoluteRef, uri);
      const known = this.docs.get(absolute);
      if (!known) {
        if (!this.unreadable.has(absolute) && !this.pending.has(absolute))
          this.pending.set(absolute, { from: { doc: from.doc, tokens: [...from.tokens] }, uri });
        return undefined;
      }
      targetDoc = known;
    }
    const tokens = refTokens(fragment);
    const node = valueAt(targetDoc.parsed, tokens);
    return node !== null && typeof node === "object" ? { node, doc: targetDoc, tokens } : undefined;
  }

  /** `$ref`s that point at a `$ref` that points at a `$ref`...: at most `maxRefHops` in a row. */
  private checkChain(start: object, doc: Document, trail: string[]): void {
    if (this.hops.has(start)) return;
    const chain: object[] = [];
    const onChain = new Set<object>();
    let current: { node: object; doc: Document } | undefined = { node: start, doc };
    let tail = 0;
    const tooLong = (): never => {
      throw new SpecError([
        issueAt(
          { doc, tokens: [...trail] },
          {
            code: "ref-chain-too-long",
            message: `a chain of more than ${number(this.limits.maxRefHops)} $refs, each pointing at the next, before a value is reached`,
            hint: `point the $ref at the schema itself rather than at another $ref, or raise the limit with ${raise("maxRefHops", this.limits)}`,
          },
        ),
      ]);
    };
    while (current && refOf(current.node) !== undefined) {
      const known = this.hops.get(current.node);
      if (known !== undefined) {
        tail = known;
        break;
      }
      // A chain that comes back to itself is a cycle: ref-cycles.ts or Redocly report it.
      if (onChain.has(current.node)) break;
      chain.push(current.node);
      onChain.add(current.node);
      if (chain.length > this.limits.maxRefHops) tooLong();
      current = this.follow(current.doc, refOf(current.node)!, { doc, tokens: trail });
    }
    if (chain.length + tail > this.limits.maxRefHops) tooLong();
    this.longestChain = Math.max(this.longestChain, chain.length + tail);
    for (let i = chain.length - 1; i >= 0; i--) this.hops.set(chain[i]!, chain.length - i + tail);
  }
}
