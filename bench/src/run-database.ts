import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, queryRows, type TDatabase } from '../../server/src/db/client';
import { generate, type TGenerateResult, type TScale } from './generate';
import { rebuildRollupsAfterGeneration } from './rollup-cases';
import { BENCH_SHELTER_PREFIX } from './resources-cases';

/** The bench's databases (bench/src/run.ts): a fresh PGlite directory or PostgreSQL database, migrated and filled. */
const require = createRequire(import.meta.url);

export interface TPrepared {
  serverEnv: Record<string, string>;
  database: string;
  generated: TGenerateResult;
  cleanup(): Promise<void>;
}

/** Where a kept database's generation figures are written, for a later run that reuses it (by name, or by PGlite directory). */
const generatedFile = (name: string) => path.join(os.tmpdir(), `${name}.generated.json`);

/**
 * A fresh database of the target's kind, migrated and filled. With `reuse` (a PostgreSQL database's name, or a PGlite
 * data directory, that an earlier run kept with BENCH_KEEP=1) nothing is generated: the kept database is migrated to
 * this checkout, analysed and used as it is (including what the earlier run's write cases changed), and it is kept
 * again. Generating the city takes minutes: keeping it lets the cases run later, on an idle machine.
 */
export async function prepare(
  target: { kind: 'pglite' | 'postgres'; scale: TScale },
  passwordHash: string,
  o: { seed: number; keep: boolean; databaseUrl?: string; reuse?: string },
): Promise<TPrepared> {
  if (o.reuse && target.kind === 'postgres') return reuseKept(o.reuse, o.databaseUrl!);
  if (o.reuse && target.kind === 'pglite') return reuseKeptPglite(o.reuse);
  let database: TDatabase;
  let serverEnv: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (target.kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `yingji-bench-${target.scale}-`));
    database = await openDatabase({ dataDir });
    serverEnv = { YINGJI_DATA_DIR: dataDir, DATABASE_URL: '' };
    cleanup = async () => {
      if (!o.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    const adminUrl = o.databaseUrl!;
    const name = `yingji_bench_${target.scale}_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
    serverEnv = { DATABASE_URL: url.toString(), YINGJI_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-pg-')) };
    cleanup = async () => {
      fs.rmSync(serverEnv.YINGJI_DATA_DIR!, { recursive: true, force: true });
      if (o.keep) return;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  let ready = false;
  try {
    await database.migrate();
    const generated = await generate(database.db, { scale: target.scale, seed: o.seed, passwordHash });
    if (o.keep && database.kind === 'postgres') {
      const name = new URL(serverEnv.DATABASE_URL!).pathname.slice(1);
      fs.writeFileSync(generatedFile(name), JSON.stringify(generated));
      console.log(`[bench] kept database ${name}: run again on it with BENCH_REUSE_DATABASE=${name}`);
    } else if (o.keep) {
      const dir = serverEnv.YINGJI_DATA_DIR!;
      fs.writeFileSync(generatedFile(path.basename(dir)), JSON.stringify(generated));
      console.log(`[bench] kept PGlite data directory ${dir}: run again on it with BENCH_REUSE_DATABASE=${dir}`);
    }
    // The generators write rows directly: recount the roll-ups from them (and stop if the triggers disagreed).
    await rebuildRollupsAfterGeneration(database.db);
    const version = await databaseVersion(database);
    // Fresh tables have no planner statistics yet; a running server's autovacuum would gather them.
    await database.db.execute(sql`analyze`);
    ready = true;
    return { serverEnv, database: version, generated, cleanup };
  } finally {
    await database.close();
    if (!ready) await cleanup();
  }
}

async function databaseVersion(database: TDatabase): Promise<string> {
  const result = await database.db.execute<{ v: string }>(sql`select current_setting('server_version') as v`);
  const rows = (result as unknown as { rows: { v: string }[] }).rows;
  const server = rows[0]?.v ?? '?';
  if (database.kind === 'pglite') {
    const pglite = packageVersion('@electric-sql/pglite');
    return `PGlite ${pglite} (PostgreSQL ${server}, in the server process)`;
  }
  return `PostgreSQL ${server}`;
}

/** A package's version from its package.json, found above its entry point (its exports hide package.json). */
function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (dir !== path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (json.name === name) return json.version ?? '?';
    }
    dir = path.dirname(dir);
  }
  return '?';
}

/**
 * What an earlier run's cases added to a kept database and later cases must not find: the shelters the 10,000-shelter
 * case imports (the 451 and the totals cases read the registry as generated).
 */
async function dropLeftovers(database: TDatabase): Promise<void> {
  const removed = await queryRows<{ id: number }>(
    database.db,
    sql`DELETE FROM shelters WHERE name LIKE ${BENCH_SHELTER_PREFIX + '%'} RETURNING id`,
  );
  if (removed.length > 0) console.log(`[bench] removed ${removed.length} shelters an earlier run imported`);
}

async function reuseKept(name: string, adminUrl: string): Promise<TPrepared> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`BENCH_REUSE_DATABASE: not a database name: ${name}`);
  if (!fs.existsSync(generatedFile(name)))
    throw new Error(`BENCH_REUSE_DATABASE=${name}: ${generatedFile(name)} is missing (keep it with BENCH_KEEP=1)`);
  const generated = JSON.parse(fs.readFileSync(generatedFile(name), 'utf8')) as TGenerateResult;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    await database.migrate();
    await dropLeftovers(database);
    await database.db.execute(sql`analyze`);
    const version = await databaseVersion(database);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-pg-'));
    return {
      serverEnv: { DATABASE_URL: url.toString(), YINGJI_DATA_DIR: dataDir },
      database: `${version} (reused database ${name}, generated earlier)`,
      generated,
      cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  } finally {
    await database.close();
  }
}

/** A PGlite data directory an earlier run kept: migrated, analysed and served again, and never removed. */
async function reuseKeptPglite(dir: string): Promise<TPrepared> {
  const file = generatedFile(path.basename(dir));
  if (!fs.existsSync(file)) throw new Error(`BENCH_REUSE_DATABASE=${dir}: ${file} is missing (keep it with BENCH_KEEP=1)`);
  const generated = JSON.parse(fs.readFileSync(file, 'utf8')) as TGenerateResult;
  const database = await openDatabase({ dataDir: dir });
  try {
    await database.migrate();
    await dropLeftovers(database);
    await database.db.execute(sql`analyze`);
    const version = await databaseVersion(database);
    return {
      serverEnv: { YINGJI_DATA_DIR: dir, DATABASE_URL: '' },
      database: `${version} (reused data directory ${path.basename(dir)}, generated earlier)`,
      generated,
      cleanup: async () => undefined,
    };
  } finally {
    await database.close();
  }
}
