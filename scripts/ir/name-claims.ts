/**
 * One namespace of generated names (the methods of the client, its exported names, the options
 * of one method, ...) and the one rule that settles a collision in any of them: the first claim
 * keeps the name; a later claim (or one that would take a reserved name) gets the first free
 * candidate after it (by default the name with 2, 3, ... appended), and a warning names both
 * sides and the name given. Claims are made in a documented, stable order, so the same spec
 * always gets the same names.
 */
import type { SpecIssue } from "../issues.js";

/** Who claims a name, in words (`operation "getUser" (GET /users/{id})`), and where it is written. */
export interface Claimant {
  owner: string;
  pointer: string;
}

/** The n-th name to try (n = 1 is the wanted name). */
export type Candidates = (n: number) => string;

/** `name`, `name2`, `name3`, ... */
export const numbered =
  (name: string): Candidates =>
  (n) =>
    n === 1 ? name : `${name}${n}`;

export class Namespace {
  private readonly owners = new Map<string, string>();

  /**
   * @param what - what a name of this namespace is, for messages (`method`, `exported name`).
   * @param reserved - names no claim may take, each with why (`a member of every API class`).
   */
  constructor(
    readonly what: string,
    private readonly issues: SpecIssue[],
    private readonly reserved: ReadonlyMap<string, string> = new Map(),
  ) {}

  has(name: string): boolean {
    return this.owners.has(name) || this.reserved.has(name);
  }

  /** Who holds a name, in words (the owner, or why it is reserved). */
  holder(name: string): string | undefined {
    return this.owners.get(name) ?? this.reserved.get(name);
  }

  /**
   * The first free candidate, now owned by `claimant`. When it is not the wanted one, a warning
   * (`codes`: one, or one for a taken name and one for a reserved name) names the claimant, the holder of the wanted name and the name given (no warning
   * without a code: for names no user sees).
   */
  claim(
    candidates: Candidates,
    claimant: Claimant,
    codes: string | { taken: string; reserved: string } | undefined,
    hint = "rename one of the two in the spec to choose the names",
  ): string {
    const wanted = candidates(1);
    const code = typeof codes === "object" ? (this.owners.has(wanted) ? codes.taken : codes.reserved) : codes;
    let name = wanted;
    for (let n = 2; this.has(name); n++) name = candidates(n);
    if (name !== wanted && code) {
      this.issues.push({
        code,
        severity: "warning",
        pointer: claimant.pointer,
        message: `${claimant.owner} would be the ${this.what} \`${wanted}\`, which is ${this.holder(wanted)}: named \`${name}\``,
        hint,
      });
    }
    this.owners.set(name, claimant.owner);
    return name;
  }

  /** Takes a name without a contest (the caller knows it is free, or it is shared on purpose). */
  take(name: string, owner: string): void {
    if (!this.owners.has(name)) this.owners.set(name, owner);
  }
}
