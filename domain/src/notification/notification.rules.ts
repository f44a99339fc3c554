/** What happens to a delivery after an attempt: sent, retried at a later time, or failed for good. */
export function afterAttempt(
  attempt: { ok: boolean; attempts: number },
  policy: { maxAttempts: number; retrySeconds: number },
  now: Date,
): { status: 'sent' | 'pending' | 'failed'; nextAttemptAt: Date | null } {
  if (attempt.ok) return { status: 'sent', nextAttemptAt: null };
  if (attempt.attempts >= policy.maxAttempts) return { status: 'failed', nextAttemptAt: null };
  // Each retry waits longer: retrySeconds, then twice that, …
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + policy.retrySeconds * 1000 * 2 ** (attempt.attempts - 1)) };
}
