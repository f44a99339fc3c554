import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql, type Logger, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index';
import { lockDataDir, type TDataDirLock } from './lock';
import { PGliteThread } from './pglite-thread';
import { installRollups } from '../modules/rollup/rollup.sql';

export type TSchema = typeof schema;
/** One type for both engines: PGlite's and node-postgres' drizzle databases share the PostgreSQL dialect. */
export type Db = PgDatabase<PgQueryResultHKT, TSchema>;

export interface TDatabase {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Apply the committed migrations (forward-only). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance when embedded and run on this thread. */
  pglite?: PGlite;
  /** The worker thread that runs the embedded database (the default for a data folder). */
  thread?: PGliteThread;
  pool?: pg.Pool;
  /** The embedded database as a tar file, to load as a copy (`loadDataDir`). */
  dumpDataDir?(): Promise<Uint8Array>;
}

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, '../../migrations');

// bigint columns (audit ids) come back as numbers, as PGlite returns them; ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface TOpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** An in-memory copy of a `dumpDataDir` file instead of a data folder (tests load the migrated template so). */
  loadDataDirFile?: string;
  /** An already opened PGlite, used on this thread. */
  pglite?: PGlite;
  /**
   * Run the embedded database in a worker thread (default true), so its queries never stall the server's event
   * loop; false runs it on this thread as before.
   */
  worker?: boolean;
  poolSize?: number;
  /** drizzle's statement logger (the bench's SQL trace, db/sql-trace.ts). */
  logger?: Logger;
}

/**
 * Opens the embedded database in `dataDir` (locking the folder) or a PostgreSQL server when a URL is given. The
 * embedded database runs in its own thread unless `worker: false`: PGlite is one PostgreSQL backend that can open a
 * data folder only once, so it is one worker, not a pool, and requests still take turns for it; what they no
 * longer do is wait for the event loop, nor the event loop for them.
 */
export async function openDatabase(options: TOpenOptions): Promise<TDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {}); // an idle client's network error is reported by the next query
    const db = drizzlePg(pool, { schema, ...(options.logger ? { logger: options.logger } : {}) }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      pool,
      migrate: async () => {
        const before = await migrationCount(db);
        await migratePg(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
        // The roll-ups' triggers are not in a migration (modules/rollup/rollup.sql.ts); a recount is a big change too.
        const { rebuilt } = await installRollups(db);
        // Autovacuum analyses in time on a server; a schema change is the moment its statistics are most out of date.
        if (rebuilt || (await migrationCount(db)) !== before) await analyze(db);
      },
      close: () => pool.end(),
    };
  }
  let lock: TDataDirLock | undefined;
  let client: PGlite | PGliteThread | undefined = options.pglite;
  if (!client) {
    let pgdata: string | undefined;
    if (options.dataDir) {
      lock = lockDataDir(options.dataDir);
      pgdata = path.join(options.dataDir, 'pgdata');
      fs.mkdirSync(pgdata, { recursive: true });
    } else if (!options.loadDataDirFile) {
      throw new Error('openDatabase needs a dataDir, a loadDataDirFile or a databaseUrl');
    }
    try {
      client = await openEmbedded(pgdata, options.loadDataDirFile, options.worker ?? true);
    } catch (e) {
      lock?.release();
      throw e;
    }
  }
  const embedded = client;
  const db = drizzlePglite(embedded as PGlite, { schema, ...(options.logger ? { logger: options.logger } : {}) }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ...(embedded instanceof PGliteThread ? { thread: embedded } : { pglite: embedded }),
    dumpDataDir: async () =>
      embedded instanceof PGliteThread ? embedded.dumpDataDir() : new Uint8Array(await (await embedded.dumpDataDir('none')).arrayBuffer()),
    migrate: async () => {
      const before = await migrationCount(db);
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      const { rebuilt } = await installRollups(db);
      // PGlite has no autovacuum to gather planner statistics: without this a new or upgraded database plans blind.
      // Statistics are kept in the data folder, so an unchanged database opened again (each start, each command of
      // the CLI) keeps the last ones, which the schedule refreshes (analyze-schedule.ts); ANALYZE there cost 0.3–0.8 s
      // on an empty database and more on a full one.
      if (rebuilt || (await migrationCount(db)) !== before || (await neverAnalysed(db))) await analyze(db);
    },
    close: async () => {
      try {
        if (!embedded.closed) await embedded.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openEmbedded(dataDir: string | undefined, loadDataDirFile: string | undefined, worker: boolean) {
  if (worker) return PGliteThread.start({ dataDir, loadDataDirFile });
  return PGlite.create({ dataDir, loadDataDir: loadDataDirFile ? new Blob([fs.readFileSync(loadDataDirFile)]) : undefined });
}

const migrationCount = async (db: Db): Promise<number> => {
  const [row] = await queryRows<{ n: number | null }>(
    db,
    sql`SELECT CASE WHEN to_regclass('drizzle.__drizzle_migrations') IS NULL THEN 0 END AS n`,
  );
  if (row?.n === 0) return 0;
  const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
  return count?.n ?? 0;
};

/** Whether a table of the schema has never been analysed (PostgreSQL marks it with reltuples = -1). */
const neverAnalysed = async (db: Db): Promise<boolean> => {
  const [row] = await queryRows<{ any: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND reltuples < 0) AS "any"`,
  );
  return row?.any ?? true;
};

/**
 * Gathers planner statistics for every table (PostgreSQL's ANALYZE). PGlite has no autovacuum, so the embedded
 * database needs it after migrations, restores, bulk imports and on a schedule; on a server it is cheap insurance.
 */
export async function analyze(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE`);
}

/** Rows of a raw SQL statement (for the few queries written with the `sql` template), typed by the caller. */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}
