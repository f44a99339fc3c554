import { describe, expect, it } from 'vitest';
import { createReadCache } from './drill-cache';

/** A query as drizzle gives it: a thenable that runs again each time it is awaited. */
function lazyQuery(runs: { n: number }, value: number): Promise<number> {
  return {
    then(resolve?: (v: number) => unknown, reject?: (e: unknown) => unknown) {
      runs.n++;
      return Promise.resolve(value).then(resolve, reject);
    },
    catch(reject?: (e: unknown) => unknown) {
      return this.then(undefined, reject);
    },
  } as Promise<number>;
}

describe("the drill module's read cache", () => {
  it('runs a kept query once however often it is read, and again after a write', async () => {
    let t = 0;
    const cache = createReadCache({ ttlMs: 10_000, now: () => t });
    const runs = { n: 0 };
    for (let i = 0; i < 3; i++) expect(await cache.get('stats', () => lazyQuery(runs, 7))).toBe(7);
    expect(runs.n).toBe(1);
    cache.bump();
    expect(await cache.get('stats', () => lazyQuery(runs, 8))).toBe(8);
    t = 10_000;
    expect(await cache.get('stats', () => lazyQuery(runs, 9))).toBe(9);
    expect(runs.n).toBe(3);
  });
});
