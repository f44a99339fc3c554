import { describe, expect, it } from 'vitest';
import { afterAttempt } from './notification.rules';

describe('afterAttempt: retried, then failed, never dropped', () => {
  const policy = { maxAttempts: 3, retrySeconds: 30 };
  const now = new Date('2026-06-01T00:00:00Z');
  it.each([
    [{ ok: true, attempts: 1 }, 'sent', null],
    [{ ok: true, attempts: 3 }, 'sent', null],
    [{ ok: false, attempts: 1 }, 'pending', '2026-06-01T00:00:30.000Z'],
    [{ ok: false, attempts: 2 }, 'pending', '2026-06-01T00:01:00.000Z'],
    [{ ok: false, attempts: 3 }, 'failed', null],
  ])('%j → %s at %s', (a, status, next) => {
    const r = afterAttempt(a, policy, now);
    expect(r.status).toBe(status);
    expect(r.nextAttemptAt?.toISOString() ?? null).toBe(next);
  });
});
