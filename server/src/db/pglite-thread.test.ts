import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { scheduleAnalyze } from './analyze-schedule';
import { backupTo, restoreFrom } from './backup';
import { openDatabase, queryRows, type TDatabase } from './client';
import * as schema from './schema';

/**
 * The embedded database in its worker thread against the same database on the server's thread: the same answers,
 * transactions that hold the database to themselves, and an event loop that stays free while queries run.
 */
const source = inject('testDatabase');
const dumpFile = source.kind === 'pglite' ? source.dumpFile : '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-thread-'));

const open = (worker: boolean) => openDatabase({ loadDataDirFile: dumpFile, worker });

describe.skipIf(source.kind !== 'pglite')('PGlite in a worker thread', () => {
  let threaded: TDatabase;
  let inThread: TDatabase;

  beforeAll(async () => {
    [threaded, inThread] = await Promise.all([open(true), open(false)]);
    expect(threaded.thread).toBeDefined();
    expect(inThread.pglite).toBeDefined();
    for (const d of [threaded, inThread]) {
      await d.db.execute(sql`CREATE TABLE t (id serial PRIMARY KEY, n int NOT NULL UNIQUE, owner text, at timestamptz DEFAULT now())`);
    }
  });
  afterAll(async () => {
    await Promise.all([threaded?.close(), inThread?.close()]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('answers with the same values and types as PGlite on the server thread', async () => {
    const statement = sql`SELECT 9007199254740991::int8 AS big, 2::int4 AS small, 1.50::numeric AS num, 0.5::float8 AS f,
      true AS yes, NULL::text AS nothing, '中山'::text AS name, '{1,2,3}'::int[] AS ints, '{"a":[1,{"b":null}]}'::jsonb AS doc,
      '2026-03-01 08:30:00.123456+08'::timestamptz AS ts, '2026-03-01 08:30:00'::timestamp AS local, '2026-03-01'::date AS day,
      '1 day 02:00'::interval AS span, ARRAY['2026-03-01'::date] AS days, '\\x00ff'::bytea AS bytes, '{1.5}'::numeric[] AS nums`;
    const [a, b] = await Promise.all([queryRows<Record<string, unknown>>(threaded.db, statement), queryRows(inThread.db, statement)]);
    expect(a).toEqual(b);
    const row = a[0]!;
    expect(row).toMatchObject({
      big: 9007199254740991,
      num: '1.50',
      ts: '2026-03-01 00:30:00.123456+00',
      day: '2026-03-01',
      days: '{2026-03-01}',
    });
    expect(row.bytes).toBeInstanceOf(Uint8Array);

    // The query builder's array rows and the relational API read the same through either.
    const select = (d: TDatabase) =>
      d.db
        .select({ code: schema.divisions.code, name: schema.divisions.name, level: schema.divisions.level })
        .from(schema.divisions)
        .orderBy(asc(schema.divisions.code))
        .limit(5);
    expect(await select(threaded)).toEqual(await select(inThread));
    expect((await select(threaded)).length).toBe(5);
    const town = (d: TDatabase) => d.db.query.divisions.findFirst({ where: eq(schema.divisions.level, 'town') });
    expect(await town(threaded)).toEqual(await town(inThread));
  });

  it('raises PostgreSQL errors with their code and detail, and keeps working after them', async () => {
    const fail = (d: TDatabase) => d.db.execute(sql`INSERT INTO t (n) VALUES (1), (1)`).catch((e: Error) => e);
    const [a, b] = await Promise.all([fail(threaded), fail(inThread)]);
    const cause = (e: unknown) => (e as { cause: { code: string; detail: string; constraint: string; message: string } }).cause;
    expect(cause(a)).toMatchObject({ code: '23505', constraint: 't_n_key', detail: 'Key (n)=(1) already exists.' });
    expect(cause(a).message).toBe(cause(b).message);
    expect(await queryRows(threaded.db, sql`SELECT count(*)::int AS c FROM t`)).toEqual([{ c: 0 }]);
  });

  it('keeps the event loop free while ten requests wait on slow queries, where on the server thread it stalls', async () => {
    // Ten users at once, each with a 50 ms query: PGlite runs them one after another either way.
    const measure = async (d: TDatabase): Promise<TLoop> => {
      const histogram = monitorEventLoopDelay({ resolution: 5 });
      // A 10 ms timer, as a request's own work would be scheduled: how late does it fire?
      let worstLateMs = 0;
      let ticks = 0;
      let expected = performance.now() + 10;
      const timer = setInterval(() => {
        const now = performance.now();
        worstLateMs = Math.max(worstLateMs, now - expected);
        expected = now + 10;
        ticks++;
      }, 10);
      histogram.enable();
      const started = performance.now();
      await Promise.all(Array.from({ length: 10 }, () => d.db.execute(sql`SELECT pg_sleep(0.05)`)));
      const elapsedMs = performance.now() - started;
      worstLateMs = Math.max(worstLateMs, performance.now() - expected);
      await new Promise((r) => setTimeout(r, 20)); // the histogram's own timer records a stalled loop when it next runs
      histogram.disable();
      clearInterval(timer);
      return { elapsedMs, p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6, worstLateMs, ticks };
    };
    await measure(threaded); // warm both before measuring
    await measure(inThread);
    // CI runs other test files beside this one on two cores: a busy core can hold any timer back for a few hundred ms
    // once. So the pair is measured up to three times, and the worker must show a free loop in one of them; on the
    // server's thread the stall is the whole of the queries every time, so a regression never passes.
    const attempts: { off: TLoop; on: TLoop }[] = [];
    const free = ({ off, on }: { off: TLoop; on: TLoop }) =>
      off.elapsedMs >= 500 && off.worstLateMs < on.worstLateMs / 4 && off.ticks > on.ticks * 3;
    do {
      const off = await measure(threaded);
      const on = await measure(inThread);
      attempts.push({ off, on });
      console.info(`event loop with 10 concurrent 50 ms queries — worker: ${fmt(off)}; in-thread: ${fmt(on)}`);
    } while (!free(attempts[attempts.length - 1]!) && attempts.length < 3);
    for (const { on } of attempts) {
      // On the server's thread the ten queries run back to back without the loop turning once: a timer due in 10 ms
      // fires after all of them. (The delay histogram misses such a stall: it samples with a timer of its own.)
      expect(on.worstLateMs).toBeGreaterThanOrEqual(0.6 * on.elapsedMs);
    }
    // In the worker the loop only passes messages: timers fire on time while the same 500 ms of queries run.
    expect(attempts.some(free), JSON.stringify(attempts)).toBe(true);
  });

  it('gives a transaction the database to itself: others wait for its end, and nothing interleaves', async () => {
    await threaded.db.execute(sql`TRUNCATE t RESTART IDENTITY`);
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const write = (owner: string, from: number) =>
      threaded.db.transaction(async (tx) => {
        for (let i = 0; i < 5; i++) {
          await tx.execute(sql`INSERT INTO t (n, owner) VALUES (${from + i}, ${owner})`);
          await pause(5); // the event loop turns; other requests' queries arrive meanwhile
        }
      });
    const loose = (async () => {
      await pause(8);
      await threaded.db.execute(sql`INSERT INTO t (n, owner) VALUES (100, 'loose')`);
    })();
    await Promise.all([write('a', 0), write('b', 10), loose, write('c', 20)]);
    const rows = await queryRows<{ owner: string }>(threaded.db, sql`SELECT owner FROM t ORDER BY id`);
    const runs = rows.map((r) => r.owner).join(',');
    // Each transaction's rows are consecutive: no statement of another request ran inside it.
    expect(runs).toMatch(/^(?:(?:a,a,a,a,a|b,b,b,b,b|c,c,c,c,c|loose),?){4}$/);
    expect(rows).toHaveLength(16);
  });

  it('rolls back on an error, on tx.rollback() and in a savepoint, as drizzle does on PGlite', async () => {
    const count = async (owner: string) =>
      (await queryRows<{ c: number }>(threaded.db, sql`SELECT count(*)::int AS c FROM t WHERE owner = ${owner}`))[0]!.c;
    const boom = new Error('boom');
    await expect(
      threaded.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO t (n, owner) VALUES (200, 'thrown')`);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await count('thrown')).toBe(0);

    await expect(
      threaded.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO t (n, owner) VALUES (201, 'rolled')`);
        tx.rollback();
      }),
    ).rejects.toThrow('Rollback');
    expect(await count('rolled')).toBe(0);

    // A failed statement aborts the whole transaction, its earlier writes included.
    await expect(
      threaded.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO t (n, owner) VALUES (202, 'dup')`);
        await tx.execute(sql`INSERT INTO t (n, owner) VALUES (202, 'dup')`);
      }),
    ).rejects.toMatchObject({ cause: { code: '23505' } });
    expect(await count('dup')).toBe(0);

    await threaded.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO t (n, owner) VALUES (203, 'outer')`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`INSERT INTO t (n, owner) VALUES (204, 'inner')`);
          throw boom;
        }),
      ).rejects.toBe(boom);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`INSERT INTO t (n, owner) VALUES (205, 'kept')`);
      });
    });
    expect([await count('outer'), await count('inner'), await count('kept')]).toEqual([1, 0, 1]);

    // The isolation level drizzle sets as the transaction's first statement (backups use REPEATABLE READ).
    const level = await threaded.db.transaction(
      async (tx) => (await queryRows<{ l: string }>(tx, sql`SELECT current_setting('transaction_isolation') AS l`))[0]!.l,
      { isolationLevel: 'repeatable read' },
    );
    expect(level).toBe('repeatable read');
    // The database serves the next request after all of the above.
    expect(await count('outer')).toBe(1);
  });

  // opens clusters in turn (seconds each beside other test files): a longer timeout
  it('keeps a data folder across restarts and dumps it for a copy', async () => {
    const dir = path.join(tmp, 'data');
    // The folder starts as a copy of the run's database (a new cluster would cost ~5 s of initdb; an empty folder's
    // `yingji migrate` is run before every embedded run's journeys, e2e/src/support/global-setup.ts).
    const first = await openDatabase({ dataDir: dir, loadDataDirFile: dumpFile });
    try {
      expect(first.thread).toBeDefined();
      // A table of its own: what is kept is the folder, whatever its schema.
      await first.db.execute(sql`CREATE TABLE probe (key text PRIMARY KEY, value jsonb NOT NULL)`);
      await first.db.execute(sql`INSERT INTO probe VALUES ('probe', '{"kept": true}')`);
    } finally {
      await first.close();
    }
    const second = await openDatabase({ dataDir: dir });
    try {
      const [row] = await queryRows<{ value: unknown }>(second.db, sql`SELECT value FROM probe WHERE key = 'probe'`);
      expect(row?.value).toEqual({ kept: true });
      const dump = path.join(tmp, 'copy.tar');
      fs.writeFileSync(dump, await second.dumpDataDir!());
      const copy = await openDatabase({ loadDataDirFile: dump });
      try {
        const [copied] = await queryRows<{ value: unknown }>(copy.db, sql`SELECT value FROM probe WHERE key = 'probe'`);
        expect(copied?.value).toEqual({ kept: true });
      } finally {
        await copy.close();
      }
    } finally {
      await second.close();
    }
    await expect(second.db.execute(sql`SELECT 1`)).rejects.toThrow();
  }, 120_000);

  it('analyses on opening only a database migrated, rebuilt or never analysed, not one opened again unchanged', async () => {
    const reltuples = async (d: TDatabase, table: string) =>
      (await queryRows<{ r: number }>(d.db, sql`SELECT reltuples::int AS r FROM pg_class WHERE relname = ${table}`))[0]!.r;
    const copy = await open(false);
    try {
      const before = await reltuples(copy, 'settings');
      await copy.db.execute(
        sql`INSERT INTO settings (key, value, updated_at) SELECT 'probe' || n, '1', now() FROM generate_series(1, 50) n`,
      );
      await copy.migrate(); // nothing to migrate, every table analysed: the statistics stay as they were
      expect(await reltuples(copy, 'settings')).toBe(before);
      await copy.db.execute(sql`CREATE TABLE fresh (n int)`);
      expect(await reltuples(copy, 'fresh')).toBe(-1);
      await copy.migrate(); // a table never analysed: ANALYZE, of every table
      expect(await reltuples(copy, 'fresh')).toBe(0);
      expect(await reltuples(copy, 'settings')).toBe(before + 50);
    } finally {
      await copy.close();
    }
  });

  it('gathers planner statistics after a restore and on the schedule', async () => {
    const reltuples = async (d: TDatabase, table: string) =>
      (await queryRows<{ r: number }>(d.db, sql`SELECT reltuples::int AS r FROM pg_class WHERE relname = ${table}`))[0]!.r;
    const file = path.join(tmp, 'backup.gz');
    await backupTo(threaded.db, file, new Date());
    const target = await open(true);
    try {
      await target.db.execute(sql`DELETE FROM pg_statistic`);
      await restoreFrom(target.db, file);
      const divisions = (await queryRows<{ c: number }>(target.db, sql`SELECT count(*)::int AS c FROM divisions`))[0]!.c;
      expect(divisions).toBeGreaterThan(20);
      expect(await reltuples(target, 'divisions')).toBe(divisions);
      const stats = await queryRows<{ c: number }>(target.db, sql`SELECT count(*)::int AS c FROM pg_stats WHERE tablename = 'divisions'`);
      expect(stats[0]!.c).toBeGreaterThan(0);

      // A burst of writes on a day not yet analysed brings ANALYZE within one check.
      await target.db.execute(sql`CREATE TABLE burst (n int)`);
      target.thread!.takeRowsWritten();
      const lines: string[] = [];
      const schedule = scheduleAnalyze(target, { checkMs: 20, burstRows: 300, log: (l) => lines.push(l) });
      try {
        await target.db.execute(sql`INSERT INTO burst SELECT generate_series(1, 200)`);
        await new Promise((r) => setTimeout(r, 80));
        expect(lines).toEqual([]); // 200 rows are not yet a burst
        await target.db.execute(sql`INSERT INTO burst SELECT generate_series(1, 200)`);
        await expect.poll(() => lines.length, { timeout: 5000 }).toBe(1);
        expect(lines[0]).toContain('400');
        expect(await reltuples(target, 'burst')).toBe(400);
        // and the counters every write updates in place are vacuumed with it
        const [vacuumed] = await queryRows<{ n: number }>(
          target.db,
          sql`SELECT vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname = 'rollup_counts'`,
        );
        expect(vacuumed!.n).toBeGreaterThanOrEqual(1);
        // Once a day: the next burst waits for the six-hour round.
        await target.db.execute(sql`INSERT INTO burst SELECT generate_series(1, 400)`);
        await new Promise((r) => setTimeout(r, 80));
        expect(lines).toHaveLength(1);
      } finally {
        await schedule.stop();
      }
      let clock = new Date('2026-03-01T00:00:00Z');
      const later = scheduleAnalyze(target, { checkMs: 20, burstRows: 1e9, now: () => clock, log: (l) => lines.push(l) });
      try {
        await target.db.execute(sql`INSERT INTO burst SELECT generate_series(1, 10)`);
        await new Promise((r) => setTimeout(r, 80));
        expect(lines).toHaveLength(1);
        clock = new Date('2026-03-01T06:00:01Z');
        await expect.poll(() => lines.length, { timeout: 5000 }).toBe(2);
        expect(await reltuples(target, 'burst')).toBe(810);
      } finally {
        await later.stop();
      }
    } finally {
      await target.close();
    }
  }, 120_000);
});

type TLoop = { elapsedMs: number; p99Ms: number; maxMs: number; worstLateMs: number; ticks: number };
const fmt = (m: TLoop) =>
  `${m.elapsedMs.toFixed(0)} ms for all, loop delay p99 ${m.p99Ms.toFixed(1)} ms, max ${m.maxMs.toFixed(1)} ms, ` +
  `10 ms timer at worst ${m.worstLateMs.toFixed(1)} ms late, ${m.ticks} ticks`;
