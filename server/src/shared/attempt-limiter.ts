/**
 * Failed attempts per key (a client address) in a sliding window: past `max` failures within `windowMs`, the key is
 * refused until its oldest failure leaves the window. In memory, per server process: a restart forgets, which only
 * gives an attacker one more window. At most `maxKeys` keys are kept (the least recently failed are forgotten first),
 * so a flood of forged addresses cannot grow it without bound.
 */
export interface TAttemptLimiter {
  /** Milliseconds until the key may try again, or 0 when it may now. */
  retryAfterMs(key: string, now: Date): number;
  /** Counts one failure. */
  fail(key: string, now: Date): void;
}

export function createAttemptLimiter({
  max,
  windowMs,
  maxKeys = 10_000,
}: {
  max: number;
  windowMs: number;
  maxKeys?: number;
}): TAttemptLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, at: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((t) => t > at - windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    retryAfterMs(key, now) {
      const at = now.getTime();
      const kept = recent(key, at);
      if (kept.length < max) return 0;
      return kept[kept.length - max]! + windowMs - at;
    },
    fail(key, now) {
      const at = now.getTime();
      const kept = recent(key, at);
      failures.delete(key); // re-inserted last: the Map's order is the order of the latest failure
      failures.set(key, [...kept, at].slice(-max));
      while (failures.size > maxKeys) failures.delete(failures.keys().next().value!);
    },
  };
}
