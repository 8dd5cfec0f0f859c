/**
 * Compiled Handlebars templates, kept between runs (node_modules/.cache/openapi-ts-pipeline/):
 * compiling every template is ~50 ms of a run on a small spec, loading the compiled ones ~5 ms.
 * Entries are keyed by the Handlebars version, the compile options and the template text, so an
 * edited template is simply compiled again. The cache is an optimisation only: unreadable, it is
 * rebuilt; unwritable, templates are compiled on every run, as without it.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { REPO_ROOT } from "../options.js";

export const TEMPLATE_CACHE_FILE = path.join(REPO_ROOT, "node_modules", ".cache", "openapi-ts-pipeline", "handlebars.json");

/** More entries than this (templates edited many times): keep only those of the last run. */
const MAX_ENTRIES = 400;

export class TemplateCache {
  readonly #file: string;
  #entries: Record<string, string> | undefined;
  readonly #used = new Set<string>();
  #added = false;

  constructor(file: string = TEMPLATE_CACHE_FILE) {
    this.#file = file;
  }

  /** The compiled form of `source`: from the cache, or compiled now (and saved by `save`). */
  compile(hb: typeof Handlebars, source: string, options: CompileOptions): HandlebarsTemplateDelegate {
    const entries = (this.#entries ??= this.#read());
    const key = createHash("sha256")
      .update(`${Handlebars.VERSION}\0${JSON.stringify(options)}\0${source}`)
      .digest("hex");
    let code = entries[key];
    if (code === undefined) {
      // A copy: Handlebars adds defaults to the options it is given, which would change the next key.
      code = hb.precompile(source, { ...options }) as string;
      entries[key] = code;
      this.#added = true;
    }
    this.#used.add(key);
    // The code is Handlebars' own output for a template of ours (the same trust as compile()).
    return hb.template(new Function(`return ${code};`)() as TemplateSpecification);
  }

  /** Writes the entries compiled in this run (atomically: parallel runs never see half a file). */
  save(): void {
    if (!this.#added || !this.#entries) return;
    let entries = this.#entries;
    if (Object.keys(entries).length > MAX_ENTRIES) entries = Object.fromEntries([...this.#used].map((key) => [key, this.#entries![key]!]));
    const temp = `${this.#file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.#file), { recursive: true });
      writeFileSync(temp, JSON.stringify(entries));
      renameSync(temp, this.#file);
      this.#added = false;
    } catch {
      // A read-only checkout: compile again next time.
    }
  }

  #read(): Record<string, string> {
    try {
      const parsed = JSON.parse(readFileSync(this.#file, "utf8")) as unknown;
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }
}

/** The cache every run of this process shares. */
export const templateCache = new TemplateCache();
