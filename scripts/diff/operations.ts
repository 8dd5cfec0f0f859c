/** Operations compared by method name: renames, moves, parameters, bodies and results. */
import type { ApiIr, OperationIr, ParamIr } from "../ir/types.js";
import type { Schema } from "../ir/schema.js";
import { resolvePointer } from "../json-pointer.js";
import { quote, type Collector, type SpecSide } from "./changes.js";
import { compareSchema, type SchemaContext } from "./schema.js";

/** The schema at a pointer the IR recorded (undefined when the part has none). */
function schemaAt(side: SpecSide, at: string | undefined): Schema | undefined {
  return at ? (resolvePointer(side.document, at) as Schema | undefined) : undefined;
}

function classesOf(ir: ApiIr, op: OperationIr): string[] {
  return ir.apis.filter((api) => api.operations.some((o) => o.methodName === op.methodName)).map((api) => api.className);
}

export function methodSubject(ir: ApiIr, op: OperationIr): string {
  const classes = classesOf(ir, op);
  return `${classes[0] ?? "?"}.${op.methodName}`;
}

const paramKey = (p: ParamIr) => `${p.in}:${p.name}`;
const describeParam = (p: ParamIr) => `${p.in} parameter ${quote(p.name)}`;
/** `{id}` and `{petId}` are the same path to a server. */
const endpointKey = (op: OperationIr) => `${op.httpMethodUpper} ${op.path.replace(/\{[^}]+\}/g, "{}")}`;

function compareParameters(
  out: Collector,
  oldSide: SpecSide,
  newSide: SpecSide,
  before: OperationIr,
  after: OperationIr,
  subject: string,
): void {
  const oldParams = new Map([...before.positionalParams, ...before.optionalParams].map((p) => [paramKey(p), p]));
  const newParams = new Map([...after.positionalParams, ...after.optionalParams].map((p) => [paramKey(p), p]));
  const removed = [...oldParams.values()].filter((p) => !newParams.has(paramKey(p)));
  const added = [...newParams.values()].filter((p) => !oldParams.has(paramKey(p)));

  // A parameter that left and one that came, in the same place of the call, is a rename.
  const renamed: [ParamIr, ParamIr][] = [];
  for (const gone of [...removed]) {
    const positional = gone.in === "path" || gone.required;
    const candidate = added.find(
      (p) =>
        p.in === gone.in &&
        p.required === gone.required &&
        p.typeLabel.text === gone.typeLabel.text &&
        (!positional || before.positionalParams.indexOf(gone) === after.positionalParams.indexOf(p)),
    );
    if (candidate) {
      renamed.push([gone, candidate]);
      removed.splice(removed.indexOf(gone), 1);
      added.splice(added.indexOf(candidate), 1);
    }
  }
  for (const [gone, came] of renamed) {
    const positional = gone.in === "path" || gone.required;
    if (positional) {
      out.add(
        "parameter-renamed",
        "patch",
        subject,
        `${describeParam(gone)} renamed to ${quote(came.name)}; it stays the same positional argument`,
        after.pointer,
      );
    } else {
      out.add(
        "parameter-renamed",
        "major",
        subject,
        `${describeParam(gone)} renamed to ${quote(came.name)}: the option \`${gone.optionKey}\` is now \`${came.optionKey}\``,
        after.pointer,
      );
    }
  }
  for (const gone of removed) out.add("parameter-removed", "major", subject, `${describeParam(gone)} removed`, before.pointer);
  for (const came of added) {
    if (came.required)
      out.add(
        "required-parameter-added",
        "major",
        subject,
        `required ${describeParam(came)} added: a new argument \`${came.bindingName}\``,
        after.pointer,
      );
    else
      out.add(
        "optional-parameter-added",
        "minor",
        subject,
        `optional ${describeParam(came)} added: the option \`${came.optionKey}\``,
        after.pointer,
      );
  }
  for (const [key, oldParam] of oldParams) {
    const newParam = newParams.get(key);
    if (!newParam) continue;
    if (!oldParam.required && newParam.required) {
      out.add(
        "parameter-now-required",
        "major",
        subject,
        `${describeParam(newParam)} is now required: it moves from the options to the arguments`,
        after.pointer,
      );
    } else if (oldParam.required && !newParam.required) {
      out.add(
        "parameter-now-optional",
        "major",
        subject,
        `${describeParam(newParam)} is now optional: it moves from the arguments to the options (\`${newParam.optionKey}\`)`,
        after.pointer,
      );
    }
    if (!oldParam.deprecated && newParam.deprecated)
      out.add("parameter-deprecated", "patch", subject, `${describeParam(newParam)} is deprecated`, after.pointer);
    const ctx: SchemaContext = { out, oldDoc: oldSide.document, newDoc: newSide.document, direction: "request", subject, seen: new Set() };
    compareSchema(
      ctx,
      schemaAt(oldSide, oldParam.schemaPointer),
      schemaAt(newSide, newParam.schemaPointer),
      `${newParam.in} parameter ${newParam.name}`,
      after.pointer,
    );
  }

  // The same arguments in another order: calls still compile, but pass values to the wrong ones.
  const order = (op: OperationIr) => op.positionalParams.map(paramKey).filter((k) => oldParams.has(k) && newParams.has(k));
  const oldOrder = order(before);
  const newOrder = order(after);
  if (oldOrder.join() !== newOrder.join() && oldOrder.length === newOrder.length) {
    out.add(
      "arguments-reordered",
      "major",
      subject,
      `arguments reordered: (${oldOrder.map((k) => k.split(":")[1]).join(", ")}) → (${newOrder.map((k) => k.split(":")[1]).join(", ")})`,
      after.pointer,
    );
  }
}

function compareBody(out: Collector, oldSide: SpecSide, newSide: SpecSide, before: OperationIr, after: OperationIr, subject: string): void {
  const oldBody = before.body;
  const newBody = after.body;
  if (!oldBody && newBody) {
    out.add(
      "request-body-added",
      newBody.required ? "major" : "minor",
      subject,
      `${newBody.required ? "required" : "optional"} request body (${newBody.typeLabel.text}) added`,
      `${after.pointer}/requestBody`,
    );
    return;
  }
  if (oldBody && !newBody) {
    out.add("request-body-removed", "major", subject, `request body (${oldBody.typeLabel.text}) removed`, `${before.pointer}/requestBody`);
    return;
  }
  if (!oldBody || !newBody) return;
  if (!oldBody.required && newBody.required)
    out.add("request-body-now-required", "major", subject, "request body is now required", `${after.pointer}/requestBody`);
  if (oldBody.required && !newBody.required)
    out.add("request-body-now-optional", "minor", subject, "request body is now optional", `${after.pointer}/requestBody`);
  if (oldBody.mediaType !== newBody.mediaType) {
    out.add(
      "request-media-type-changed",
      "patch",
      subject,
      `request body is sent as ${newBody.mediaType} instead of ${oldBody.mediaType}`,
      `${after.pointer}/requestBody`,
    );
  }
  const oldSchema = schemaAt(oldSide, oldBody.schemaPointer);
  const newSchema = schemaAt(newSide, newBody.schemaPointer);
  const ctx: SchemaContext = { out, oldDoc: oldSide.document, newDoc: newSide.document, direction: "request", subject, seen: new Set() };
  compareSchema(ctx, oldSchema, newSchema, "request body", `${after.pointer}/requestBody`);
}

function successSchema(side: SpecSide, op: OperationIr): Schema | undefined {
  const response = op.responses.find((r) => r.isSuccess && r.mediaType);
  if (!response) return undefined;
  // A media type without a schema is any value: compared as `{}`.
  return schemaAt(side, response.schemaPointer) ?? {};
}

function compareResult(
  out: Collector,
  oldSide: SpecSide,
  newSide: SpecSide,
  before: OperationIr,
  after: OperationIr,
  subject: string,
): void {
  if (!before.resultIsVoid && after.resultIsVoid) {
    out.add(
      "response-body-removed",
      "major",
      subject,
      `now resolves with nothing (was ${before.resultTypeLabel?.text ?? "a value"})`,
      `${after.pointer}/responses`,
    );
    return;
  }
  if (before.resultIsVoid && !after.resultIsVoid) {
    out.add(
      "response-body-added",
      "minor",
      subject,
      `now resolves with ${after.resultTypeLabel?.text ?? "a value"} (was nothing)`,
      `${after.pointer}/responses`,
    );
    return;
  }
  if (before.resultIsVoid) return;
  if (before.parseAs !== after.parseAs) {
    out.add(
      "response-type-changed",
      "major",
      subject,
      `result is read as ${after.parseAs ?? "nothing"} instead of ${before.parseAs ?? "nothing"}`,
      `${after.pointer}/responses`,
    );
    return;
  }
  const ctx: SchemaContext = { out, oldDoc: oldSide.document, newDoc: newSide.document, direction: "response", subject, seen: new Set() };
  compareSchema(ctx, successSchema(oldSide, before), successSchema(newSide, after), "response", `${after.pointer}/responses`);
  const oldStatuses = before.responses
    .filter((r) => r.isSuccess)
    .map((r) => r.status)
    .join(", ");
  const newStatuses = after.responses
    .filter((r) => r.isSuccess)
    .map((r) => r.status)
    .join(", ");
  if (oldStatuses !== newStatuses)
    out.add("success-status-changed", "patch", subject, `success status ${oldStatuses} → ${newStatuses}`, `${after.pointer}/responses`);
}

function compareOperation(out: Collector, oldSide: SpecSide, newSide: SpecSide, before: OperationIr, after: OperationIr): void {
  const subject = methodSubject(newSide.ir, after);
  if (endpointKey(before) !== endpointKey(after)) {
    out.add(
      "endpoint-changed",
      "patch",
      subject,
      `now calls ${after.httpMethodUpper} ${after.path} (was ${before.httpMethodUpper} ${before.path})`,
      after.pointer,
    );
  }
  const oldClasses = classesOf(oldSide.ir, before);
  const newClasses = classesOf(newSide.ir, after);
  const bothClasses = new Set(newSide.ir.apis.map((a) => a.className).filter((c) => oldSide.ir.apis.some((a) => a.className === c)));
  for (const c of oldClasses.filter((c) => !newClasses.includes(c) && bothClasses.has(c))) {
    out.add(
      "method-moved",
      "major",
      subject,
      `${c}.${after.methodName} removed: the method is now on ${newClasses.join(", ")}`,
      `${after.pointer}/tags`,
    );
  }
  for (const c of newClasses.filter((c) => !oldClasses.includes(c) && bothClasses.has(c))) {
    out.add(
      "method-added-to-class",
      "minor",
      subject,
      `${c}.${after.methodName} added (the operation has a new tag)`,
      `${after.pointer}/tags`,
    );
  }
  if (!before.deprecated && after.deprecated) out.add("operation-deprecated", "patch", subject, "the method is deprecated", after.pointer);
  compareParameters(out, oldSide, newSide, before, after, subject);
  compareBody(out, oldSide, newSide, before, after, subject);
  compareResult(out, oldSide, newSide, before, after, subject);
  compareIterators(out, before, after, subject);
}

/** The iterator methods of a paginated operation (`xxxIterator`, `xxxPages`): code calls them too. */
function compareIterators(out: Collector, before: OperationIr, after: OperationIr, subject: string): void {
  const names = (op: OperationIr) => [op.pagination?.iteratorName, op.pagination?.pagesName].filter((n): n is string => !!n);
  const old = names(before);
  const now = names(after);
  for (const name of old.filter((n) => !now.includes(n)))
    out.add(
      "iterator-removed",
      "major",
      subject,
      `${name} removed: the operation no longer pages in a way the client follows`,
      after.pointer,
    );
  for (const name of now.filter((n) => !old.includes(n)))
    out.add("iterator-added", "minor", subject, `${name} added (${after.pagination!.style} pagination)`, after.pointer);
  if (before.pagination && after.pagination && before.pagination.style !== after.pagination.style)
    out.add("pagination-changed", "patch", subject, `pages by ${after.pagination.style} (was ${before.pagination.style})`, after.pointer);
}

export function compareOperations(out: Collector, oldSide: SpecSide, newSide: SpecSide): void {
  const oldOps = new Map(oldSide.ir.operations.map((op) => [op.methodName, op]));
  const newOps = new Map(newSide.ir.operations.map((op) => [op.methodName, op]));
  const unmatchedOld = [...oldOps.values()].filter((op) => !newOps.has(op.methodName));
  const unmatchedNew = [...newOps.values()].filter((op) => !oldOps.has(op.methodName));
  for (const [name, before] of oldOps) {
    const after = newOps.get(name);
    if (after) compareOperation(out, oldSide, newSide, before, after);
  }
  // Same endpoint, another name: the method was renamed (the operationId changed).
  for (const before of [...unmatchedOld]) {
    const after = unmatchedNew.find((op) => endpointKey(op) === endpointKey(before));
    if (!after) continue;
    unmatchedOld.splice(unmatchedOld.indexOf(before), 1);
    unmatchedNew.splice(unmatchedNew.indexOf(after), 1);
    const subject = methodSubject(newSide.ir, after);
    out.add(
      "method-renamed",
      "major",
      subject,
      `${methodSubject(oldSide.ir, before)} renamed to ${after.methodName} (operationId ${quote(before.operationId)} → ${quote(after.operationId)})`,
      `${after.pointer}/operationId`,
    );
    compareOperation(out, oldSide, newSide, before, after);
  }
  for (const before of unmatchedOld) {
    out.add(
      "operation-removed",
      "major",
      methodSubject(oldSide.ir, before),
      `method removed (${before.httpMethodUpper} ${before.path})`,
      before.pointer,
    );
  }
  for (const after of unmatchedNew) {
    out.add(
      "operation-added",
      "minor",
      methodSubject(newSide.ir, after),
      `method added (${after.httpMethodUpper} ${after.path})`,
      after.pointer,
    );
  }
}
