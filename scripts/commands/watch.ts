/**
 * `make watch`: regenerate whenever the spec or a template changes. The daily loop of a team
 * that edits the spec: save, and the client is up to date (or the problems are listed, and the
 * last good output stays where it was, because generation swaps its output in only on success).
 */
import { existsSync, readdirSync, statSync, watch, type Dirent, type FSWatcher } from "node:fs";
import path from "node:path";
import { generate, summary, writeHooks } from "../generate.js";
import { formatWarnings, SpecError } from "../issues.js";
import { relativeDisplay } from "../load/locate.js";
import { ConfigError, resolveOptions, type GeneratorOptions, type SpecLimits } from "../options.js";
import type { FileMap } from "../output/file-map.js";
import {
  EXIT,
  formatSpecError,
  LIMIT_FLAG_SPECS,
  LIMITS_HELP,
  limitsFrom,
  numberFlag,
  parseCommandLine,
  reportError,
  stringFlag,
  type Io,
} from "./command-line.js";

const HELP = `Usage: watch [options]

Generates once, then regenerates whenever a file under the spec's folder or the templates changes
(changes within --debounce ms are taken together). A run that fails shows its problems and
keeps the last good output; the watcher keeps running until Ctrl-C. Each run's warnings (what
was decided on the spec's behalf) go to stderr, and their count ends its summary line.

Options:
  -s, --spec <file>     root file of the spec (default: spec/openapi.yaml)
  -o, --out <dir>       output folder (default: generated)
      --templates <dir> template folder (default: templates)
      --debounce <ms>   wait this long after the last change (default: 150)
      --strict          a spec with warnings is a failed run (the last good output is kept)
  -h, --help            show this help

${LIMITS_HELP}

Exit codes:
  0  stopped with Ctrl-C (a spec with problems does not stop it: they are shown, and it waits)
  3  wrong command-line usage (or an invalid codegen.config.json)
  4  internal error
`;

export interface WatchOptions {
  specPath?: string;
  outDir?: string;
  templateDir?: string;
  debounceMs: number;
  strict?: boolean;
  /** The limits given on the command line (the rest keep their defaults). */
  limits?: Partial<SpecLimits>;
}

/** Whether `file` is a folder now (it may be gone by the time it is looked at). */
function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** How many files a regeneration changed, compared with the previous good run. */
function changedCount(previous: FileMap | undefined, next: FileMap): string {
  if (!previous) return `${next.size} files written`;
  let changed = 0;
  for (const [name, content] of next) if (previous.get(name) !== content) changed++;
  for (const name of previous.keys()) if (!next.has(name)) changed++;
  return changed === 0 ? "no file changed" : `${changed} file(s) changed`;
}

/** How far a file's modification time may lag the clock (the kernel stamps files with a coarse clock). */
const COARSE_FILE_TIME_MS = 20;

export function startWatch(watchOptions: WatchOptions, io: Io): { close: () => void } {
  const resolve = (): GeneratorOptions =>
    resolveOptions({
      ...(watchOptions.specPath ? { specPath: watchOptions.specPath } : {}),
      ...(watchOptions.outDir ? { outDir: watchOptions.outDir } : {}),
      ...(watchOptions.templateDir ? { templateDir: path.resolve(watchOptions.templateDir) } : {}),
      strict: watchOptions.strict === true,
      ...(watchOptions.limits ? { limits: watchOptions.limits } : {}),
    });
  const first = resolve();
  const outDir = path.resolve(first.outDir);
  const outSiblingPrefix = `.${path.basename(outDir)}.`;
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let rerun = false;
  let lastGood: FileMap | undefined;
  let closed = false;
  let specFiles = new Set<string>();

  const out = (line: string) => io.stdout(`${line}\n`);
  const err = (line: string) => io.stderr(`${line}\n`);

  /** Our own writes (the output and its temporary siblings) are not changes to react to. */
  const ignored = (file: string): boolean => {
    if (file === outDir || file.startsWith(`${outDir}${path.sep}`)) return true;
    const rel = path.relative(path.dirname(outDir), file);
    if (!rel.startsWith("..") && rel.split(path.sep)[0]!.startsWith(outSiblingPrefix)) return true;
    const base = path.basename(file);
    // Editor swap and backup files.
    return /^\.#|\.swp$|\.swx$|~$|^4913$/.test(base);
  };

  const onChange = (file: string, inTree: boolean): void => {
    if (ignored(file)) return;
    // A new folder inside a watched tree (e.g. a new split-spec directory) is watched from now on.
    if (inTree && isDirectory(file)) addTree(file);
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => void run(), watchOptions.debounceMs);
  };

  /**
   * One non-recursive watcher per folder: a folder watch also sees files that an editor replaces
   * by renaming a new file over them, which per-file watches (Node's recursive mode on Linux)
   * lose after the first save. `tree`: the folder's subfolders too (the spec's folder and the
   * templates); a split spec's file elsewhere gets a watch on its own folder only, so that a
   * `$ref` to `/x.yaml` does not watch the whole disk. A folder that cannot be watched (gone,
   * unreadable, out of inotify watches) is skipped: the watcher never dies of it.
   */
  const addFolder = (dir: string, tree: boolean): void => {
    const absolute = path.resolve(dir);
    if (watchers.has(absolute) || ignored(absolute) || /(^|[/\\])(node_modules|\.git)$/.test(absolute)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(absolute, (_event, filename) => onChange(filename ? path.join(absolute, filename.toString()) : absolute, tree));
    } catch {
      return;
    }
    watcher.on("error", () => {
      // The folder was removed: forget it (it is watched again if it comes back).
      watcher.close();
      watchers.delete(absolute);
    });
    watchers.set(absolute, watcher);
    if (!tree) return;
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      // Removed or unreadable since: its watcher's error handler forgets it.
    }
    for (const entry of entries) if (entry.isDirectory()) addFolder(path.join(absolute, entry.name), true);
  };
  const addTree = (dir: string) => addFolder(dir, true);

  /**
   * A split spec may have files outside its folder: watch their folders too. A folder watched
   * only from now on missed any save made while the run was going, so a file in it changed since
   * the run began (a few ms early: file times are coarse) counts as a change.
   */
  const watchSpecFiles = (files: string[], runStartedAt: number): void => {
    const unwatched = files.filter((file) => path.isAbsolute(file) && !watchers.has(path.dirname(file)));
    for (const file of unwatched) addFolder(path.dirname(file), false);
    for (const file of unwatched) {
      try {
        if (statSync(file).mtimeMs >= runStartedAt - COARSE_FILE_TIME_MS) onChange(file, false);
      } catch {
        onChange(file, false); // gone since it was read: that is a change too
      }
    }
  };

  const run = async (): Promise<void> => {
    if (closed) return;
    if (running) {
      rerun = true;
      return;
    }
    running = true;
    const started = performance.now();
    const startedAt = Date.now();
    // Files that are gone and were not part of the spec were an editor's temporary files.
    const changes = [...pending]
      .filter((f) => existsSync(f) || specFiles.has(f))
      .map(relativeDisplay)
      .sort();
    pending.clear();
    if (changes.length > 0) out(`changed: ${changes.join(", ")}`);
    try {
      const options = resolve();
      const result = await generate(options, { onNotice: (message) => out(`notice: ${message}`), write: writeHooks(io.env) });
      // Watch before saying "regenerated": whoever reacts to that line by saving a file must be heard.
      watchSpecFiles(result.spec.files, startedAt);
      const ms = (performance.now() - started).toFixed(0);
      const verb = lastGood ? "regenerated" : "generated";
      const warnings = result.ir.warnings.length;
      io.stderr(formatWarnings(result.ir.warnings));
      out(
        `${verb} ${relativeDisplay(options.outDir)} from ${result.spec.displayPath} in ${ms} ms (${summary(result)}; ${changedCount(lastGood, result.files)}${warnings ? `; ${warnings} warning(s)` : ""})`,
      );
      lastGood = result.files;
      specFiles = new Set(result.spec.files);
    } catch (error) {
      const ms = (performance.now() - started).toFixed(0);
      const kept = lastGood || existsSync(outDir) ? `kept the last good output in ${relativeDisplay(outDir)}` : "nothing was written";
      if (error instanceof SpecError) {
        err(formatSpecError(error, `${kept} (${ms} ms)`).trimEnd());
        out(`error: the spec has ${error.issues.length} problem(s); ${kept}; waiting for the next change`);
      } else if (error instanceof ConfigError) {
        // A codegen.config.json saved half-written: the user's to fix, like the spec.
        err(`error: ${error.message}`);
        out(`error: the settings cannot be used; ${kept}; waiting for the next change`);
      } else {
        err(`internal error: ${(error as Error).stack ?? String(error)}`);
        out(`error: generation failed (internal error); ${kept}; waiting for the next change`);
      }
    } finally {
      running = false;
      if (rerun && !closed) {
        rerun = false;
        void run();
      }
    }
  };

  const roots = [path.dirname(path.resolve(first.specPath)), path.resolve(first.templateDir)];
  for (const root of roots) addTree(root);
  out(
    `watching ${roots.map((d) => `${relativeDisplay(d)}/`).join(" and ")} → ${relativeDisplay(outDir)}/ ` +
      `(debounce ${watchOptions.debounceMs} ms; Ctrl-C to stop)`,
  );
  void run();

  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      spec: { type: "string", short: "s" },
      out: { type: "string", short: "o" },
      debounce: { type: "string" },
      templates: { type: "string" },
      strict: { type: "boolean" },
      ...LIMIT_FLAG_SPECS,
    },
    HELP,
    io,
  );
  if ("exit" in parsed) return parsed.exit;
  const { values } = parsed;
  let watcher: { close: () => void };
  try {
    const specPath = stringFlag(values, "spec");
    const outDir = stringFlag(values, "out");
    const templateDir = stringFlag(values, "templates");
    watcher = startWatch(
      {
        ...(specPath ? { specPath } : {}),
        ...(outDir ? { outDir } : {}),
        ...(templateDir ? { templateDir } : {}),
        debounceMs: numberFlag(values, "debounce", 150),
        strict: values.strict === true,
        limits: limitsFrom(values),
      },
      io,
    );
  } catch (error) {
    return reportError(error, io, "nothing was written.");
  }
  // Runs until Ctrl-C (or SIGTERM): then the watchers close and the command ends with 0.
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      watcher.close();
      io.stdout("stopped watching\n");
      resolve(EXIT.ok);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
