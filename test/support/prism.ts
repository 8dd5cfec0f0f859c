/**
 * The Prism harness of the tests: the one `verify` runs (scripts/verify/prism.ts), re-exported so
 * that tests keep one import for it.
 */
export {
  getFreePort,
  PRISM_CLI,
  PRISM_ERROR_TYPE_PREFIX,
  PrismViolationError,
  startPrism,
  violationCheckingFetch,
  violationsOf,
  type PrismServer,
  type StartPrismOptions,
} from "../../scripts/verify/prism.js";
