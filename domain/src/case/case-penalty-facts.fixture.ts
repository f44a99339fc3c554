import type { TPenaltyFacts } from './case-clock.rules';

/** A case's penalty facts for the rule tables: a general-procedure case with nothing imposed, and what a row changes. */
export const penaltyFacts = (o: Partial<TPenaltyFacts> = {}): TPenaltyFacts => ({
  procedure: 'general',
  fines: [],
  confiscationFen: 0,
  otherPenalties: [],
  complex: false,
  majorPublicInterest: false,
  ...o,
});
