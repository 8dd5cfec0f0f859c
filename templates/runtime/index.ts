export { ApiCore, type CallInit, type CallMeta, type CoreConfig, type RequestOptions } from "./core.js";
export { ApiError, InvalidRequestError, type OperationMeta } from "./errors.js";
export { authFor, cookieHeader, type Credentials, type SecuritySchemeDescriptor, type SecuritySchemes } from "./auth.js";
export { pathSegment } from "./path.js";
export { BODY_SERIALIZERS, type BodyEncoding } from "./body.js";
