/** Models, classes and the client's configuration compared. */
import { pointer as makePointer } from "../json-pointer.js";
import type { Schema } from "../ir/schema.js";
import { byCodePoint } from "../sort.js";
import type { Collector, Direction, SpecSide } from "./changes.js";
import { compareSchema, type SchemaContext } from "./schema.js";
import { modelDirections } from "./usage.js";

export function compareModels(out: Collector, oldSide: SpecSide, newSide: SpecSide): void {
  const oldSchemas: Record<string, Schema> = oldSide.document.components?.schemas ?? {};
  const newSchemas: Record<string, Schema> = newSide.document.components?.schemas ?? {};
  const oldDirections = modelDirections(oldSide.document, oldSide.ir);
  const newDirections = modelDirections(newSide.document, newSide.ir);
  for (const name of Object.keys(oldSchemas).sort(byCodePoint)) {
    const model = oldSide.ir.models.find((m) => m.name === name);
    if (!(name in newSchemas)) {
      out.add(
        "model-removed",
        "major",
        `model ${model?.typeName ?? name}`,
        `exported type ${model?.typeName ?? name} removed`,
        makePointer("components", "schemas", name),
      );
      continue;
    }
    const a = oldDirections.get(name) ?? "both";
    const b = newDirections.get(name) ?? "both";
    const direction: Direction = a === b ? a : "both";
    const ctx: SchemaContext = {
      out,
      oldDoc: oldSide.document,
      newDoc: newSide.document,
      direction,
      subject: `model ${model?.typeName ?? name}`,
      seen: new Set(),
    };
    compareSchema(ctx, oldSchemas[name], newSchemas[name], "", makePointer("components", "schemas", name));
  }
  for (const name of Object.keys(newSchemas).sort(byCodePoint)) {
    if (name in oldSchemas) continue;
    const model = newSide.ir.models.find((m) => m.name === name);
    out.add(
      "model-added",
      "minor",
      `model ${model?.typeName ?? name}`,
      `exported type ${model?.typeName ?? name} added`,
      makePointer("components", "schemas", name),
    );
  }
}

export function compareClassesAndConfig(out: Collector, oldSide: SpecSide, newSide: SpecSide): void {
  const oldClasses = new Set(oldSide.ir.apis.map((a) => a.className));
  const newClasses = new Set(newSide.ir.apis.map((a) => a.className));
  for (const c of [...oldClasses].sort(byCodePoint))
    if (!newClasses.has(c))
      out.add(
        "class-removed",
        "major",
        c,
        `class ${c} removed (its methods: ${oldSide.ir.apis
          .find((a) => a.className === c)!
          .operations.map((o) => o.methodName)
          .join(", ")})`,
        "#/tags",
      );
  for (const c of [...newClasses].sort(byCodePoint))
    if (!oldClasses.has(c)) out.add("class-added", "minor", c, `class ${c} added`, "#/tags");
  const oldFields = new Map(oldSide.ir.configFields.map((f) => [f.name, f]));
  const newFields = new Map(newSide.ir.configFields.map((f) => [f.name, f]));
  for (const name of [...oldFields.keys()].sort(byCodePoint))
    if (!newFields.has(name))
      out.add(
        "config-option-removed",
        "major",
        "ClientConfig",
        `option \`${name}\` removed (security scheme gone)`,
        "#/components/securitySchemes",
      );
  for (const name of [...newFields.keys()].sort(byCodePoint))
    if (!oldFields.has(name))
      out.add("config-option-added", "minor", "ClientConfig", `option \`${name}\` added`, "#/components/securitySchemes");
  if (oldSide.ir.defaultBaseUrl !== newSide.ir.defaultBaseUrl) {
    out.add(
      "default-base-url-changed",
      "patch",
      "ClientConfig",
      `default baseUrl ${oldSide.ir.defaultBaseUrl} → ${newSide.ir.defaultBaseUrl}`,
      "#/servers",
    );
  }
}
