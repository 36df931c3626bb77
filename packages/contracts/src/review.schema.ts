import { z } from 'zod';
import { REVIEW_REASON_MAX, REVIEW_REASON_MIN } from './form-limits';

/** POST /api/review/held/:entryId/release | /reject: a lead's decision on a held award, with a reason. */
export const reviewDecisionBodySchema = z
  .object({
    reason: z.string().trim().min(REVIEW_REASON_MIN, `say why, in at least ${REVIEW_REASON_MIN} characters`).max(REVIEW_REASON_MAX),
  })
  .strict();
export type ReviewDecisionBody = z.infer<typeof reviewDecisionBodySchema>;

export const heldEntryParamSchema = z.object({ entryId: z.string().min(1).max(400) }).strict();

/** An award kept out of the ledger: over a rule's cap (final), or a burst held for review. */
export interface WithheldAwardView {
  entryId: string;
  personId: string;
  personName?: string;
  points: number;
  ruleId: string;
  /** the award's own reason (what the work was) */
  reason: string;
  /** why it was not scored */
  detail: string;
  why: 'burst' | 'cap';
  status: 'held' | 'released' | 'rejected' | 'final';
  at: string;
  decidedAt?: string;
  decisionReason?: string;
}
