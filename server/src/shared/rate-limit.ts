/**
 * Requests per key (a client address) in a sliding window, for public forms: each request taken counts, and past
 * `max` within `windowMs` the key waits until its oldest request leaves the window. Built on the attempt limiter
 * (in memory, per process, bounded in keys), which counts failures; here every request is counted.
 */
import { createAttemptLimiter } from './attempt-limiter';

export interface TRateLimit {
  /** Counts one request and answers 0, or answers the milliseconds to wait (and counts nothing). */
  take(key: string, now: Date): number;
}

export function createRateLimit(options: { max: number; windowMs: number; maxKeys?: number }): TRateLimit {
  const limiter = createAttemptLimiter(options);
  return {
    take(key, now) {
      const wait = limiter.retryAfterMs(key, now);
      if (wait > 0) return wait;
      limiter.fail(key, now);
      return 0;
    },
  };
}
