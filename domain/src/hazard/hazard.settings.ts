import '../shared/zod-locale';
import { z } from 'zod';

export const ZHazardSettingsSchema = z.object({
  /** On-site review of a request to resume production under listed supervision (DOMAIN.md §4 [open]: 10 days). */
  resumptionReviewDays: z.number().int().min(1).max(60),
  /** Longest deadline an order may set, in days from the order (a sanity bound, not law). */
  maxDeadlineDays: z.number().int().min(1).max(730),
  /** Warn this many days before a deadline (the "due soon" filter and the firm's reminders). */
  dueSoonDays: z.number().int().min(0).max(60),
});
export type THazardSettings = z.infer<typeof ZHazardSettingsSchema>;
export const DEFAULT_HAZARD_SETTINGS: THazardSettings = { resumptionReviewDays: 10, maxDeadlineDays: 365, dueSoonDays: 7 };
