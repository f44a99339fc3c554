import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client';
import { rollupDrift } from '../../server/src/modules/rollup/rollup.repo';
import { rebuildRollups } from '../../server/src/modules/rollup/rollup.sql';
import { BENCH_ACCOUNTS } from './generate';
import type { TBenchCase, TCaseContext } from './cases';

/**
 * Issue 15 item 2: the generators write rows straight into the tables. The roll-up triggers (installed by migrate)
 * count them as they go in; this recounts from the records after generation anyway and stops the run if the two
 * disagree, so a bench never measures roll-ups that are wrong.
 */
export async function rebuildRollupsAfterGeneration(db: Db): Promise<void> {
  const drift = await rollupDrift(db);
  await db.transaction((tx) => rebuildRollups(tx));
  if (drift.length > 0) console.warn(`[bench] roll-ups disagreed with the generated records in ${drift.length} rows; rebuilt`);
  await db.execute(sql`ANALYZE rollup_counts`);
}

/** Counts by state, town and month for last year in one request (hazards, inspections and cases), city and town. */
export async function rollupCases({ scale, adminCookie, townCookie, login }: TCaseContext): Promise<TBenchCase[]> {
  const year = new Date().getFullYear() - 1;
  const period = `from=${year}-01&to=${year}-12`;
  const province: TBenchCase[] =
    scale === 'province'
      ? [
          {
            name: `rollup counts by town ${year}, provincial admin`,
            method: 'GET',
            path: `/api/rollups/counts?by=town&${period}`,
            cookie: await login(BENCH_ACCOUNTS.provinceAdmin),
          },
        ]
      : [];
  return [
    ...province,
    {
      name: `rollup counts by state ${year}, city admin`,
      method: 'GET',
      path: `/api/rollups/counts?by=state&${period}`,
      cookie: adminCookie,
    },
    {
      name: `rollup counts by town ${year}, city admin`,
      method: 'GET',
      path: `/api/rollups/counts?by=town&${period}`,
      cookie: adminCookie,
    },
    {
      name: `rollup counts by month ${year}, city admin`,
      method: 'GET',
      path: `/api/rollups/counts?by=month&${period}`,
      cookie: adminCookie,
    },
    {
      name: `rollup counts by state ${year}, town officer (石岐)`,
      method: 'GET',
      path: `/api/rollups/counts?by=state&${period}`,
      cookie: townCookie,
    },
  ];
}
