import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index';
import { lockDataDir, type TDataDirLock } from './lock';

export type TSchema = typeof schema;
/** One type for both engines: PGlite's and node-postgres' drizzle databases share the PostgreSQL dialect. */
export type Db = PgDatabase<PgQueryResultHKT, TSchema>;

export interface TDatabase {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Apply the committed migrations (forward-only). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance when embedded (for dumps and clones in tests). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, '../../migrations');

// bigint columns (audit ids) come back as numbers, as PGlite returns them; ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface TOpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** An already opened PGlite (tests load one from a migrated dump). */
  pglite?: PGlite;
  poolSize?: number;
}

/** Opens the embedded database in `dataDir` (locking the folder) or a PostgreSQL server when a URL is given. */
export async function openDatabase(options: TOpenOptions): Promise<TDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {}); // an idle client's network error is reported by the next query
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      pool,
      migrate: async () => {
        await migratePg(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      },
      close: () => pool.end(),
    };
  }
  let lock: TDataDirLock | undefined;
  let client = options.pglite;
  if (!client) {
    if (!options.dataDir) throw new Error('openDatabase needs a dataDir or a databaseUrl');
    lock = lockDataDir(options.dataDir);
    const pgdata = path.join(options.dataDir, 'pgdata');
    fs.mkdirSync(pgdata, { recursive: true });
    try {
      client = await PGlite.create({ dataDir: pgdata });
    } catch (e) {
      lock.release();
      throw e;
    }
  }
  const pglite = client;
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite,
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: async () => {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Rows of a raw SQL statement (for the few queries written with the `sql` template), typed by the caller. */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}
