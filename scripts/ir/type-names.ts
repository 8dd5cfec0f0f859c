/**
 * Once operations and models are built: the types signatures print, with model names where the
 * spec uses models (`Promise<AccessCredential>`, `body: AccessCredentialInput`, `Order[]`) and
 * simple types as what they are (`namespace: string`). Each keeps the openapi-typescript type it
 * stands for beside it (`schemaTypeExpr`); test/client/printed-types.test.ts proves them equal.
 */
import { resolvePointer } from "../json-pointer.js";
import { byCodePoint } from "../sort.js";
import type { SpecIssue } from "../issues.js";
import { itemsSchema } from "./pagination.js";
import { printedType, type ModelNamer } from "./printed-types.js";
import { streamResultType } from "./streams.js";
import { deref, type Schema } from "./schema.js";
import type { ApiClassIr, ModelIr, OperationIr } from "./types.js";

function schemaAt(document: Schema, at: string | undefined): Schema | undefined {
  return at === undefined ? undefined : (resolvePointer(document, at) as Schema | undefined);
}

/** The union of printed types, or `undefined` when one of them cannot be printed. */
function printedUnion(types: (string | undefined)[]): string | undefined {
  if (types.length === 0 || types.some((t) => t === undefined)) return undefined;
  return [...new Set(types)].join(" | ");
}

export function nameTypes(document: Schema, operations: OperationIr[], models: ModelIr[], issues: SpecIssue[]): void {
  const bySchema = new Map(models.map((m) => [m.name, m]));
  // Results and errors are the read view, request bodies the write view; parameters are typed by
  // openapi-typescript as the schema itself, which is the read view only when nothing is marked.
  const read: ModelNamer = (name) => bySchema.get(name)?.typeName;
  const write: ModelNamer = (name) => bySchema.get(name)?.input?.typeName;
  const asIs: ModelNamer = (name) => {
    const model = bySchema.get(name);
    return model && !model.hasMarkers ? model.typeName : undefined;
  };

  for (const op of operations) {
    for (const param of [...op.positionalParams, ...op.optionalParams]) {
      param.typeExpr = printedType(schemaAt(document, param.schemaPointer), asIs) ?? param.schemaTypeExpr;
    }
    if (op.body) {
      const named = printedType(schemaAt(document, op.body.schemaPointer), write);
      if (named !== undefined) {
        op.body.typeExpr = named;
        op.body.typeName = named;
      }
    }
    const successes = op.responses.filter((r) => r.isSuccess);
    const withBody = successes.filter((r) => r.typeExpr);
    if (op.stream) {
      const stream = op.stream;
      const printed = printedType(schemaAt(document, stream.itemSchemaPointer), read);
      if (printed !== undefined) stream.itemTypeExpr = stream.itemTypeName = printed;
      else if (stream.mustPrint)
        issues.push({
          code: "stream-item-untyped",
          severity: "warning",
          pointer: stream.itemSchemaPointer,
          message: `the items of "${op.operationId}"'s ${stream.mediaType} stream are typed \`unknown\`: their schema cannot be printed as a TypeScript type`,
          hint: "give the item schema a name under components.schemas and $ref it",
        });
      op.resultTypeExpr = op.resultSchemaTypeExpr = streamResultType(stream, stream.itemTypeExpr);
      // Signatures name the `XxxResult` alias: the stream types live in operations.ts's imports.
      op.resultTypeName = `${op.typePrefix}Result`;
      const model = models.find((m) => m.typeName === stream.itemTypeExpr);
      const [before, after] =
        stream.kind === "bytes" ? ["Download", ""] : [`${stream.kind === "events" ? "EventStream" : "JsonLines"}<`, ">"];
      op.resultTypeLabel = {
        text: stream.kind === "bytes" ? before : `${before}${stream.itemTypeExpr}${after}`,
        parts:
          stream.kind === "bytes"
            ? [{ text: before }]
            : [{ text: before }, { text: stream.itemTypeExpr, ...(model ? { model: model.name } : {}) }, { text: after }],
      };
    } else if (withBody.length > 0) {
      const types = withBody.map((r) => (r.schemaPointer ? printedType(schemaAt(document, r.schemaPointer), read) : undefined));
      if (withBody.length < successes.length) types.push("undefined");
      const result = printedUnion(types);
      if (result !== undefined) op.resultTypeExpr = op.resultTypeName = result;
    }
    const failures = op.responses.filter((r) => !r.isSuccess && r.typeExpr);
    const error = printedUnion(failures.map((r) => (r.schemaPointer ? printedType(schemaAt(document, r.schemaPointer), read) : undefined)));
    if (error !== undefined) op.errorTypeExpr = error;
    if (op.pagination) {
      const items = itemsSchema(document, schemaAt(document, withBody[0]?.schemaPointer), op.pagination.items);
      const item = printedType(items?.items, read);
      if (item !== undefined) op.pagination.itemTypeExpr = op.pagination.itemTypeName = item;
    }
  }

  // A model that is only a choice between models is printed as that choice: `Dog | Cat`.
  for (const model of models) {
    if (model.isInterface) continue;
    const schema = schemaAt(document, model.pointer);
    const members: unknown = schema?.oneOf ?? schema?.anyOf;
    const extra = Object.keys(schema ?? {}).filter(
      (k) => !["oneOf", "anyOf", "discriminator", "description", "title", "example", "examples"].includes(k) && !k.startsWith("x-"),
    );
    if (!Array.isArray(members) || (schema?.oneOf && schema?.anyOf) || extra.length > 0) continue;
    // A member that is the model itself stays as it is (a type alias cannot name itself).
    const others =
      (namer: ModelNamer): ModelNamer =>
      (name) =>
        name === model.name ? undefined : namer(name);
    const readUnion = printedUnion(members.map((m: Schema) => printedType(m, others(read))));
    if (readUnion !== undefined) model.typeExpr = readUnion;
    if (model.input) {
      const writeUnion = printedUnion(members.map((m: Schema) => printedType(m, others(write))));
      if (writeUnion !== undefined) model.input.typeExpr = writeUnion;
    }
  }
}

/** The model names (read or write view) that printed types mention, sorted: what a file imports. */
export function modelNamesIn(types: readonly string[], models: readonly ModelIr[]): string[] {
  const exported = new Set(models.flatMap((m) => (m.input ? [m.typeName, m.input.typeName] : [m.typeName])));
  const found = new Set<string>();
  for (const type of types) {
    // String literals (enum values) may look like names: they are left out first.
    const code = type.replace(/"(?:[^"\\]|\\.)*"/g, "");
    for (const [word] of code.matchAll(/[A-Za-z_$][A-Za-z0-9_$]*/g)) if (exported.has(word)) found.add(word);
  }
  return [...found].sort(byCodePoint);
}

/** What an API class file imports for its signatures: the operations' aliases and the models they name. */
export function classImports(api: ApiClassIr, models: readonly ModelIr[]): Pick<ApiClassIr, "operationImports" | "modelImports"> {
  const aliases = new Set<string>();
  const types: string[] = [];
  for (const op of api.operations) {
    const signature = [
      ...op.positionalParams.map((p) => p.typeExpr),
      op.resultTypeName,
      ...(op.body ? [op.body.typeName] : []),
      ...(op.pagination ? [op.pagination.itemTypeName] : []),
      ...(op.stream?.items ? [op.stream.itemTypeName] : []),
    ];
    types.push(...signature);
    aliases.add(`${op.typePrefix}Options`);
    for (const suffix of ["Result", "Body", "Item"])
      if (signature.includes(`${op.typePrefix}${suffix}`)) aliases.add(`${op.typePrefix}${suffix}`);
    if (op.responseHeaders.length > 0) aliases.add(`${op.typePrefix}ResponseHeaders`);
  }
  return { operationImports: [...aliases].sort(byCodePoint), modelImports: modelNamesIn(types, models) };
}

/** The models operations.ts names: in options, aliases and error bodies. */
export function operationModelImports(operations: readonly OperationIr[], models: readonly ModelIr[]): string[] {
  return modelNamesIn(
    operations.flatMap((op) => [
      ...op.optionalParams.map((p) => p.typeExpr),
      ...(op.body ? [op.body.typeExpr] : []),
      op.resultTypeExpr,
      op.errorTypeExpr,
      ...(op.pagination ? [op.pagination.itemTypeExpr] : []),
      ...(op.stream ? [op.stream.itemTypeExpr] : []),
    ]),
    models,
  );
}
