/**
 * Writes on the database server all the time, so that answers kept while nothing changed (kit/snapshot-cache.ts) are
 * computed on nearly every read: run it beside a bench run to measure what a kept list costs when computed.
 *
 *   CHURN_DATABASE_URL=postgres://…/<database> CHURN_SECONDS=400 node --import tsx bench/src/write-churn.ts
 *
 * Each turn takes a transaction id (`SELECT txid_current()`), which changes every later snapshot, then waits 1 ms.
 */
import pg from 'pg';

const url = process.env.CHURN_DATABASE_URL;
if (!url) throw new Error('CHURN_DATABASE_URL is required');
const client = new pg.Client({ connectionString: url });
await client.connect();
const until = Date.now() + Number(process.env.CHURN_SECONDS ?? 300) * 1000;
let turns = 0;
while (Date.now() < until) {
  await client.query('SELECT txid_current()');
  turns++;
  await new Promise((r) => setTimeout(r, 1));
}
console.log(`write churn: ${turns} transactions`);
await client.end();
