/** Generator options, resolved once into one object with explicit defaults. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface GeneratorOptions {
  /** Root file of the spec. */
  specPath: string;
  /** Folder that receives `client/` and `docs/`. */
  outDir: string;
  /** Compare with `outDir` instead of writing. */
  check: boolean;
  /** Refuse the spec when anything had to be decided on the reader's behalf (a warning). */
  strict: boolean;
  quiet: boolean;
  templateDir: string;
  /** npm name of the client package; default: the title in kebab-case + `-client`. */
  packageName?: string;
  /** Version of the client package; default: the spec's `info.version`. */
  packageVersion?: string;
  /** Warning codes accepted in codegen.config.json: left out of the warnings (and of `--strict`). */
  acceptWarnings: string[];
  /** Bounds on the work one spec may cause (scripts/load/limits.ts checks them). */
  limits: SpecLimits;
}

/**
 * Bounds on the work one spec may cause, so that no input (a YAML "billion laughs", a `$ref`
 * chain, a file that never ends) makes the generator run unbounded. Every limit is named in the
 * error that reports it, with the flag that raises it. The defaults pass every real-world spec
 * we know of with room to spare (GitHub's REST API is 13 MB in one file; see the README).
 */
export interface SpecLimits {
  /** Bytes of all the spec's files together (a remote one included). */
  maxSpecBytes: number;
  /** Files a split spec may be made of (the root file included). */
  maxSpecFiles: number;
  /** Nesting of objects and lists, counted through `$ref`s (a recursive schema stops at itself). */
  maxDepth: number;
  /** `$ref`s in a row that each point at another `$ref` before a value is reached. */
  maxRefHops: number;
  /** Values YAML aliases (`*name`) may add to a file by repeating what their anchor holds. */
  maxAliasNodes: number;
  /** Fetch `$ref`s to http(s) URLs (otherwise they are refused, and nothing is fetched). */
  allowRemoteRefs: boolean;
  /** Time limit of each remote fetch, from the request to the last byte. */
  remoteTimeoutMs: number;
}

/** Each limit's command-line flag, default and meaning: the flags and their help derive from this. */
export const LIMIT_FLAGS = {
  maxSpecBytes: { flag: "max-spec-bytes", default: 64 * 1024 * 1024, what: "bytes of all the spec's files together" },
  maxSpecFiles: { flag: "max-spec-files", default: 10_000, what: "files a split spec may be made of" },
  maxDepth: { flag: "max-depth", default: 512, what: "nesting depth of the document, counted through $refs" },
  maxRefHops: { flag: "max-ref-hops", default: 32, what: "$refs in a row that point at another $ref" },
  maxAliasNodes: { flag: "max-alias-nodes", default: 1_000_000, what: "values YAML aliases (*name) may add to a file" },
  remoteTimeoutMs: { flag: "remote-ref-timeout", default: 10_000, what: "ms to fetch each remote $ref (with --allow-remote-refs)" },
} as const satisfies Record<Exclude<keyof SpecLimits, "allowRemoteRefs">, { flag: string; default: number; what: string }>;

export const DEFAULT_LIMITS: SpecLimits = {
  ...(Object.fromEntries(Object.entries(LIMIT_FLAGS).map(([key, limit]) => [key, limit.default])) as Omit<SpecLimits, "allowRemoteRefs">),
  allowRemoteRefs: false,
};

/** Settings kept beside the spec (`codegen.config.json`): what the team configures once. */
export interface PipelineConfig {
  packageName?: string;
  packageVersion?: string;
  /**
   * Warning codes the team has reviewed and keeps (e.g. `model-name-shadows-global` for a schema
   * named `Error`): not printed, and `--strict` does not refuse them.
   */
  acceptWarnings?: string[];
}

export const CONFIG_FILE = "codegen.config.json";

/** A setting that cannot be used (a broken `codegen.config.json`): the user's to fix, not a bug. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function readPipelineConfig(specPath: string): PipelineConfig {
  const file = path.join(path.dirname(path.resolve(specPath)), CONFIG_FILE);
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const config = (parsed ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (key === "acceptWarnings") {
      const codes = config[key];
      if (!Array.isArray(codes) || codes.some((code) => typeof code !== "string"))
        throw new ConfigError(`${file}: "acceptWarnings" must be a list of warning codes (e.g. ["model-name-shadows-global"])`);
      continue;
    }
    if (key !== "packageName" && key !== "packageVersion")
      throw new ConfigError(`${file}: unknown setting "${key}" (known: packageName, packageVersion, acceptWarnings)`);
    if (typeof config[key] !== "string") throw new ConfigError(`${file}: "${key}" must be a string`);
  }
  return config as PipelineConfig;
}

/** Command-line values win over the config file, which wins over the defaults. */
export function resolveOptions(given: Partial<Omit<GeneratorOptions, "limits">> & { limits?: Partial<SpecLimits> } = {}): GeneratorOptions {
  const specPath = given.specPath ?? path.join(REPO_ROOT, "spec", "openapi.yaml");
  const config = readPipelineConfig(specPath);
  const packageName = given.packageName ?? config.packageName;
  const packageVersion = given.packageVersion ?? config.packageVersion;
  return {
    specPath,
    outDir: given.outDir ?? path.join(REPO_ROOT, "generated"),
    check: given.check ?? false,
    strict: given.strict ?? false,
    quiet: given.quiet ?? false,
    templateDir: given.templateDir ?? path.join(REPO_ROOT, "templates"),
    ...(packageName ? { packageName } : {}),
    ...(packageVersion ? { packageVersion } : {}),
    acceptWarnings: given.acceptWarnings ?? config.acceptWarnings ?? [],
    limits: resolveLimits(given.limits),
  };
}

/** The limits in force: the ones given (command-line flags), the defaults for the rest. */
export function resolveLimits(given: Partial<SpecLimits> = {}): SpecLimits {
  return { ...DEFAULT_LIMITS, ...given };
}
