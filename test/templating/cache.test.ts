/** The compiled-template cache: same output as compiling, reused across runs, never in the way. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { describe, expect, it, vi } from "vitest";
import { TemplateCache } from "../../scripts/templating/cache.js";
import { tempDir } from "../support/temp.js";

const OPTIONS = { strict: true, noEscape: true };
const SOURCE = "{{#each items}}<{{name}}>{{/each}}";
const CONTEXT = { items: [{ name: "a & b" }, { name: "c" }] };

function env() {
  const hb = Handlebars.create();
  return { hb, precompile: vi.spyOn(hb, "precompile") };
}

describe("TemplateCache", () => {
  it("renders what Handlebars.compile renders, and a second run compiles nothing", () => {
    const file = path.join(tempDir("template-cache"), "cache.json");
    const first = env();
    const cache = new TemplateCache(file);
    expect(cache.compile(first.hb, SOURCE, OPTIONS)(CONTEXT)).toBe(Handlebars.compile(SOURCE, { ...OPTIONS })(CONTEXT));
    expect(first.precompile).toHaveBeenCalledTimes(1);
    cache.save();

    const second = env();
    expect(new TemplateCache(file).compile(second.hb, SOURCE, OPTIONS)(CONTEXT)).toBe("<a & b><c>");
    expect(second.precompile).not.toHaveBeenCalled();
  });

  it("compiles an edited template, or other options, again", () => {
    const file = path.join(tempDir("template-cache"), "cache.json");
    const cache = new TemplateCache(file);
    cache.compile(Handlebars.create(), SOURCE, OPTIONS);
    cache.save();
    const again = env();
    const later = new TemplateCache(file);
    expect(later.compile(again.hb, `${SOURCE}!`, OPTIONS)(CONTEXT)).toBe("<a & b><c>!");
    expect(later.compile(again.hb, SOURCE, { ...OPTIONS, noEscape: false })(CONTEXT)).toBe("<a &amp; b><c>");
    expect(again.precompile).toHaveBeenCalledTimes(2);
  });

  it("rebuilds an unreadable cache file", () => {
    const file = path.join(tempDir("template-cache"), "cache.json");
    writeFileSync(file, "{ not json");
    const cache = new TemplateCache(file);
    expect(cache.compile(Handlebars.create(), SOURCE, OPTIONS)(CONTEXT)).toBe("<a & b><c>");
    cache.save();
    expect(Object.keys(JSON.parse(readFileSync(file, "utf8")) as object)).toHaveLength(1);
  });

  it("works without a writable cache (compiling every time)", () => {
    const blocked = path.join(tempDir("template-cache"), "a-file");
    writeFileSync(blocked, "");
    const cache = new TemplateCache(path.join(blocked, "cache.json"));
    expect(cache.compile(Handlebars.create(), SOURCE, OPTIONS)(CONTEXT)).toBe("<a & b><c>");
    expect(() => cache.save()).not.toThrow();
  });
});
