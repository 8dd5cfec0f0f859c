/** What every part of building one operation reads: the document, where the operation is, and the issue list. */
import type { SpecIssue } from "../issues.js";
import type { HttpMethod } from "./types.js";
import type { Schema } from "./schema.js";

export interface OperationContext {
  document: Schema;
  path: string;
  method: HttpMethod;
  pathItem: Schema;
  operation: Schema;
  securitySchemeNames: Set<string>;
  issues: SpecIssue[];
  /** `#/paths/~1x/get`: where the operation is written. */
  at: string;
  /** The openapi-typescript type of the operation: `paths["/x"]["get"]`. */
  operationTypeExpr: string;
  /** The operationId, or (when it has none) its method name made from the method and path. */
  operationId: string;
  /** PascalCase stem of the operation's type aliases, e.g. `ListCredentials`. */
  typePrefix: string;
}
