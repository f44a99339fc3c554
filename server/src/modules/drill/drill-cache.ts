/**
 * Answers the module's heavy reads (the compliance view, list totals over 40,000 plans) from memory until a plan or
 * drill is written through this server or `ttlMs` passes: writes bump the generation after their transaction, so a
 * user never sees his own change missing; another server process on the same PostgreSQL is at most `ttlMs` behind,
 * as the settings cache is.
 */
export function createReadCache({ ttlMs = 10_000, maxEntries = 500, now = () => Date.now() } = {}) {
  let generation = 0;
  const entries = new Map<string, { generation: number; at: number; value: Promise<unknown> }>();

  async function get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = entries.get(key);
    const t = now();
    if (hit && hit.generation === generation && t - hit.at < ttlMs && t >= hit.at) return hit.value as Promise<T>;
    if (entries.size >= maxEntries) entries.clear();
    // a drizzle query is a thenable that runs again each time it is awaited: keep the one promise of its result
    const value = Promise.resolve(compute());
    entries.set(key, { generation, at: t, value });
    // a failed read is not kept
    value.catch(() => entries.delete(key));
    return value;
  }

  /** Called after every committed write of plans or drills. */
  function bump(): void {
    generation++;
    entries.clear();
  }

  return { get, bump };
}
export type TReadCache = ReturnType<typeof createReadCache>;
