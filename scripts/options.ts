/** Generator options, resolved once into one object with explicit defaults. */
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
  quiet: boolean;
  templateDir: string;
  /** npm name of the client package; default: the title in kebab-case + `-client`. */
  packageName?: string;
  /** Version of the client package; default: the spec's `info.version`. */
  packageVersion?: string;
}

export function resolveOptions(given: Partial<GeneratorOptions> = {}): GeneratorOptions {
  return {
    specPath: given.specPath ?? path.join(REPO_ROOT, "spec", "openapi.yaml"),
    outDir: given.outDir ?? path.join(REPO_ROOT, "generated"),
    check: given.check ?? false,
    quiet: given.quiet ?? false,
    templateDir: given.templateDir ?? path.join(REPO_ROOT, "templates"),
    ...(given.packageName ? { packageName: given.packageName } : {}),
    ...(given.packageVersion ? { packageVersion: given.packageVersion } : {}),
  };
}
