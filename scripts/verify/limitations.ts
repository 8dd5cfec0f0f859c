/**
 * Violations that are Prism's own limitations, not the spec's or the client's: a call Prism flags
 * for one of these reasons is reported as skipped, with the reason, never as ok. Each entry says
 * why it is Prism's, and was reviewed on the run that found it (see the README's "verify").
 */
import type { OperationIr } from "../ir/types.js";
import type { PrismFinding, PrismViolation } from "./prism.js";

interface Limitation {
  /** What the report prints. */
  reason: string;
  /** Whether one violation Prism listed is this limitation. */
  matches(violation: PrismViolation, operation: OperationIr): boolean;
}

export const LIMITATIONS: readonly Limitation[] = [];

/** The reason when every violation of the finding is a known limitation of Prism; otherwise undefined. */
export function knownLimitation(finding: PrismFinding, operation: OperationIr): string | undefined {
  if (finding.items.length === 0) return undefined;
  const reasons = new Set<string>();
  for (const item of finding.items) {
    const limitation = LIMITATIONS.find((l) => l.matches(item, operation));
    if (!limitation) return undefined;
    reasons.add(limitation.reason);
  }
  return [...reasons].join("; ");
}
