/**
 * Stage 4c: the markdown docs, printed from `templates/docs` over the docs view of the IR
 * (`docs-model.ts`). Keys are relative to `docs/`: `README.md`, `apis/<Class>.md`,
 * `models/<Model>.md`.
 */
import type { ApiIr } from "./ir.js";
import { createTemplates } from "./handlebars.js";
import { buildDocsModel } from "./docs-model.js";
import type { FileMap } from "./render-client.js";

export function renderDocs(ir: ApiIr, templateDir: string, packageName: string): FileMap {
  const t = createTemplates(templateDir, "docs");
  const site = buildDocsModel(ir, packageName);
  const files: FileMap = new Map();
  files.set("README.md", t["README.md"]!({ ...site, site }));
  for (const api of site.apis) files.set(api.path, t["api.md"]!({ ...api, site }));
  for (const model of site.models) files.set(model.path, t["model.md"]!({ ...model, site }));
  return files;
}
