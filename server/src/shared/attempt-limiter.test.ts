import { describe, expect, it } from 'vitest';
import { createAttemptLimiter } from './attempt-limiter';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 4, 8, 0, 0) + minutes * 60_000);

describe('attempt limiter', () => {
  it('refuses a key at its max-th failure within the window until the oldest leaves it', () => {
    const limiter = createAttemptLimiter({ max: 3, windowMs: 15 * 60_000 });
    limiter.fail('a', at(0));
    limiter.fail('a', at(1));
    expect(limiter.retryAfterMs('a', at(2))).toBe(0);
    limiter.fail('a', at(2));
    expect(limiter.retryAfterMs('a', at(2))).toBe(13 * 60_000);
    expect(limiter.retryAfterMs('b', at(2))).toBe(0);
    // 14:59 after the first failure: still three in the window
    expect(limiter.retryAfterMs('a', new Date(at(15).getTime() - 1_000))).toBe(1_000);
    // the first failure leaves the window at 15:00
    expect(limiter.retryAfterMs('a', at(15))).toBe(0);
  });

  it('forgets the least recently failed keys beyond maxKeys', () => {
    const limiter = createAttemptLimiter({ max: 1, windowMs: 60_000, maxKeys: 2 });
    limiter.fail('a', at(0));
    limiter.fail('b', at(0));
    limiter.fail('a', at(0));
    limiter.fail('c', at(0));
    expect(limiter.retryAfterMs('a', at(0))).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('b', at(0))).toBe(0);
    expect(limiter.retryAfterMs('c', at(0))).toBeGreaterThan(0);
  });
});
