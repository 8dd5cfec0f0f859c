export {
  ApiCore,
  CLIENT_DEFAULTS,
  type CallMeta,
  type CallParams,
  type CallState,
  type CoreConfig,
  type Observe,
  type ObservedCore,
  type Observer,
  type OutgoingRequest,
  type RequestOptions,
} from "./core.js";
export { observability } from "./observe.js";
export {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  HookError,
  InvalidRequestError,
  scrubError,
  UnexpectedResponseError,
  type ErrorBodies,
  type OperationMeta,
} from "./errors.js";
export { runHook, type HookFailure, type HookRequest, type HookResponse, type Hooks } from "./hooks.js";
export {
  isJsonMediaType,
  readHeaders,
  type ApiPromise,
  type WithResponse,
  type HeaderKind,
} from "./response.js";
export {
  authFor,
  type AuthParts,
  type Credentials,
  type SecuritySchemeDescriptor,
  type SecuritySchemes,
} from "./auth.js";
export { emit, type LevelLogger, type LogEvent, type LogFunction, type Logger } from "./logger.js";
export { paginate, type PaginationMeta } from "./paginate.js";
export {
  cookieHeader,
  deepObjectStyle,
  formStyle,
  headerValues,
  jsonContent,
  labelStyle,
  matrixStyle,
  pathString,
  pipeDelimitedStyle,
  queryString,
  serializeParam,
  simpleStyle,
  spaceDelimitedStyle,
  tabDelimitedStyle,
  textContent,
  type ParamEncoding,
  type ParamEncodings,
  type ParamLocation,
  type ParamStyle,
} from "./params.js";
export { binaryBody, formBody, multipartBody, textBody } from "./body.js";
export {
  headerSecrets,
  isSecretHeaderName,
  MIN_SECRET_LENGTH,
  REDACTED,
  redactFields,
  redactHeaders,
  redactUrl,
  scrubDeep,
  scrubText,
  secretForms,
  secretValuesOf,
} from "./redact.js";
export {
  backoffDelay,
  checkOption,
  IDEMPOTENT_METHODS,
  RETRY_DEFAULTS,
  RETRY_STATUSES,
  retryAfterMs,
  retryDelay,
  sleep,
  type RetryPolicy,
} from "./retry.js";
