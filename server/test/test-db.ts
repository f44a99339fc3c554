import { randomBytes } from 'node:crypto';
import type { Logger } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type TDatabase } from '../src/db/client';

export interface TTestDatabase extends TDatabase {
  /** The PostgreSQL URL of this copy (server runs only). */
  url?: string;
}

/** A fresh, migrated database for one test file: a copy of the run's template, never a mock. */
export async function createTestDatabase(options: { logger?: Logger } = {}): Promise<TTestDatabase> {
  const source = inject('testDatabase');
  if (source.kind === 'pglite') return openDatabase({ loadDataDirFile: source.dumpFile, worker: source.worker, ...options });
  const name = `yingji_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: source.serverUrl });
  await admin.connect();
  try {
    // Copies from one template cannot overlap; another file's copy may be under way.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source.template}`);
        break;
      } catch (e) {
        if (attempt > 50 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(source.serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4, ...options });
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const drop = new pg.Client({ connectionString: source.serverUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}
