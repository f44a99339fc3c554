/**
 * Which statements the workbench's first opening after a write runs, and how long each provider takes, for one actor
 * on a kept bench database: `BENCH_DATABASE_URL=postgres://…/yingji_bench_city_NNNN WORKBENCH_USER=b4420-02 node
 * --import tsx bench/src/workbench-probe.ts`. Each provider runs alone (one after another), three times; the table
 * gives the last run.
 */
import { eq } from 'drizzle-orm';
import type { TRole } from '@yingji/domain';
import { openDatabase } from '../../server/src/db/client';
import { users } from '../../server/src/db/schema';
import { buildApp } from '../../server/src/http/app';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL names a kept bench database');
let statements = 0;
// WORKBENCH_SHOW=<provider key>: print that provider's statements with their parameters (to EXPLAIN them).
const show = process.env.WORKBENCH_SHOW;
let current = '';
const database = await openDatabase({
  databaseUrl: url,
  logger: {
    logQuery: (query, params) => {
      statements++;
      if (show && current === show) console.log(`${query}\n  -- ${JSON.stringify(params)}`);
    },
  },
});
const built = await buildApp({ database, logLevel: false });
const [user] = await database.db
  .select()
  .from(users)
  .where(eq(users.username, process.env.WORKBENCH_USER ?? 'b4420-02'));
if (!user) throw new Error('no such user');
const actor = {
  id: user.id,
  role: user.role as TRole,
  divisionCode: user.divisionCode,
  username: user.username,
  displayName: user.displayName,
};
const providers = built.services.workbench.providers().filter((p) => p.roles.includes(actor.role));
const rows: [string, number, number][] = [];
for (let run = 0; run < 3; run++) {
  rows.length = 0;
  for (const p of providers) {
    current = p.key;
    const before = statements;
    const t = performance.now();
    await p.items(database.db, actor);
    rows.push([p.key, performance.now() - t, statements - before]);
  }
}
rows.sort((a, b) => b[1] - a[1]);
console.log(`${actor.username} (${actor.role}, ${actor.divisionCode}): ${providers.length} providers`);
for (const [k, ms, n] of rows) console.log(`${ms.toFixed(1).padStart(8)} ms ${String(n).padStart(3)} stmt  ${k}`);
console.log(`total ${rows.reduce((s, r) => s + r[1], 0).toFixed(1)} ms, ${rows.reduce((s, r) => s + r[2], 0)} statements`);
await built.app.close();
await database.close();
