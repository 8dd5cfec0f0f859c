/**
 * Stage 4c: the markdown docs, printed from `templates/docs` over the docs view of the IR
 * (`view.ts`). Keys are relative to `docs/`: `README.md`, `apis/<Class>.md`,
 * `models/<Model>.md`.
 */
import type { ApiIr } from "../ir/types.js";
import { createTemplates } from "../templating/handlebars.js";
import { buildDocsView } from "./view.js";
import type { FileMap } from "../output/file-map.js";

export function renderDocs(ir: ApiIr, templateDir: string, packageName: string): FileMap {
  const t = createTemplates(templateDir, "docs");
  const site = buildDocsView(ir, packageName);
  const files: FileMap = new Map();
  files.set("README.md", t["README.md"]!({ ...site, site }));
  for (const api of site.apis) files.set(api.path, t["api.md"]!({ ...api, site }));
  for (const model of site.models) files.set(model.path, t["model.md"]!({ ...model, site }));
  if (site.webhookPage) files.set(site.webhookPage.path, t["webhooks.md"]!({ ...site.webhookPage, site }));
  return files;
}
