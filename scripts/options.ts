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
}

/** Settings kept beside the spec (`codegen.config.json`): what the team configures once. */
export interface PipelineConfig {
  packageName?: string;
  packageVersion?: string;
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
    if (key !== "packageName" && key !== "packageVersion")
      throw new ConfigError(`${file}: unknown setting "${key}" (known: packageName, packageVersion)`);
    if (typeof config[key] !== "string") throw new ConfigError(`${file}: "${key}" must be a string`);
  }
  return config as PipelineConfig;
}

/** Command-line values win over the config file, which wins over the defaults. */
export function resolveOptions(given: Partial<GeneratorOptions> = {}): GeneratorOptions {
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
  };
}
