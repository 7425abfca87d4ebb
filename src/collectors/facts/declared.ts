import type { Gap } from '../../model/types.js';

/**
 * A facts file may declare a fact not applicable only with a justification and an approver, as a
 * waiver needs: one gap line must not turn a critical failure into "not applicable". Until it has
 * both, the gap counts as not collected, so the finding is unknown and gates.
 */
export function requireApproval(gap: Gap): Gap {
  if (gap.reason !== 'not_applicable' || (gap.justification && gap.approver)) return gap;
  const missing = [gap.justification ? null : 'a justification', gap.approver ? null : 'an approver'].filter(Boolean).join(' and ');
  return {
    ...gap,
    reason: 'not_collected',
    detail: `declared not applicable in the facts file without ${missing}, so it counts as unknown: ${gap.detail}`,
  };
}
