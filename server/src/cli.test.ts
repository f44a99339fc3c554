import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from './cli';
import { openDatabase, queryRows, type TDatabase } from './db/client';
import { BACKUP_TABLES, DERIVED_TABLES } from './db/backup';
import * as schema from './db/schema';
import { lockDataDir } from './db/lock';
import { createTestDatabase, type TTestDatabase } from '../test/test-db';
import { creditCode, regulatorSheet } from '../test/enterprise-fixtures';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';

/**
 * The `yingji` commands against a real database: a data folder by default, a PostgreSQL database of its own
 * when the run has one (YINGJI_TEST_DATABASE_URL).
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-cli-'));
const serverDbs: TTestDatabase[] = [];
const onServer = Boolean(process.env.YINGJI_TEST_DATABASE_URL);
const source = inject('testDatabase');
const pgliteWorker = source.kind === 'pglite' && source.worker;

/**
 * A database for the CLI: returns the environment that points the CLI at it. An embedded one starts as a copy of the
 * run's migrated database, as a server one does, since migrating afresh on the embedded database is most of a
 * command's time. `yingji migrate` on an empty data folder is run by every run on the embedded database before its
 * journeys (e2e/src/support/global-setup.ts, which fails the run if it does not finish); here it must find nothing to do.
 */
async function target(name: string): Promise<Record<string, string | undefined>> {
  if (!onServer && source.kind === 'pglite') {
    await (await openDatabase({ dataDir: path.join(tmp, name), loadDataDirFile: source.dumpFile, worker: false })).close();
  }
  if (onServer) {
    const db = await createTestDatabase();
    serverDbs.push(db);
    await db.pool!.end();
    return { DATABASE_URL: db.url, YINGJI_DATA_DIR: undefined };
  }
  // the embedded database on the thread the run's other files use (server/test/global-setup.ts)
  return { DATABASE_URL: undefined, YINGJI_DATA_DIR: path.join(tmp, name), YINGJI_PGLITE_WORKER: pgliteWorker ? '1' : '0' };
}

async function cli(env: Record<string, string | undefined>, ...argv: string[]) {
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    YINGJI_DATA_DIR: process.env.YINGJI_DATA_DIR,
    YINGJI_PGLITE_WORKER: process.env.YINGJI_PGLITE_WORKER,
  };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runCli(
      argv,
      (s) => out.push(s),
      (s) => err.push(s),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

async function withDb<T>(env: Record<string, string | undefined>, run: (d: TDatabase) => Promise<T>): Promise<T> {
  const d = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.YINGJI_DATA_DIR, poolSize: 1, worker: pgliteWorker });
  try {
    return await run(d);
  } finally {
    await d.close();
  }
}

const snapshot = (d: TDatabase) =>
  Promise.all(
    BACKUP_TABLES.map(async (t) => [
      getTableName(t),
      (
        await queryRows<{ j: string }>(d.db, sql`SELECT row_to_json(t)::text AS j FROM ${sql.identifier(getTableName(t))} t ORDER BY 1`)
      ).map((r) => r.j),
    ]),
  ).then(Object.fromEntries) as Promise<Record<string, string[]>>;

/**
 * A command whose work is the same SQL on both engines (a password, the audit chain, the regulator feed): run on
 * PostgreSQL only. The embedded database's own paths (opening and migrating a folder, backup and restore, the folder's
 * lock) are tested on it below, and each of these commands' services is tested on both engines by its module's tests;
 * on the embedded database every command here costs seconds of opening the folder (CI's time).
 */
const onPostgresOnly = it.skipIf(!onServer);

let env: Record<string, string | undefined>;
beforeAll(async () => {
  env = await target('main');
});
afterAll(async () => {
  for (const db of serverDbs) {
    (db as { pool?: unknown }).pool = undefined;
    await db.close().catch(() => {});
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

// each test spawns the command line several times; on a busy 2-core machine (CI runs both engines at once) a spawn takes seconds
describe('yingji CLI', { timeout: 120_000 }, () => {
  it('migrates (nothing left to do), creates an admin with a one-time password, and refuses a second of the same name', async () => {
    expect((await cli(env, 'migrate')).code).toBe(0);
    const created = await cli(env, 'create-admin', 'ops');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/已创建管理员 ops，一次性密码（只显示这一次）：\S{16}$/);
    const again = await cli(env, 'create-admin', 'ops');
    expect(again).toMatchObject({ code: 1, err: '用户名 ops 已存在；如需找回密码请用 reset-password' });
  });

  onPostgresOnly('resets a password, lifting a lock', async () => {
    await withDb(env, (d) =>
      d.db.execute(sql`UPDATE users SET locked_until = now() + interval '1 hour', failed_attempts = 5 WHERE username = 'ops'`),
    );
    const reset = await cli(env, 'reset-password', 'ops');
    expect(reset.code).toBe(0);
    const [row] = await withDb(env, (d) =>
      queryRows<{ locked_until: string | null; must_change_password: boolean }>(
        d.db,
        sql`SELECT locked_until, must_change_password FROM users WHERE username = 'ops'`,
      ),
    );
    expect(row).toEqual({ locked_until: null, must_change_password: true });
    expect((await cli(env, 'reset-password', 'nobody')).err).toBe('没有用户 nobody');
  });

  onPostgresOnly('verifies the audit chain, and fails naming the first tampered entry', async () => {
    const ok = await cli(env, 'audit-verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^审计日志完整：共 \d+ 条，哈希链校验通过$/);
    await withDb(env, async (d) => {
      await d.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
      await d.db.execute(sql`UPDATE audit_log SET actor_name = '他人' WHERE id = 2`);
      await d.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    });
    const bad = await cli(env, 'audit-verify');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^审计日志校验失败：第 2 条的内容与哈希不符（被修改）/);
    await withDb(env, async (d) => {
      await d.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
      await d.db.execute(sql`UPDATE audit_log SET actor_name = '命令行' WHERE id = 2`);
      await d.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    });
    expect((await cli(env, 'audit-verify')).code).toBe(0);
  });

  it('backs up and restores to the same data, on another database', async () => {
    const file = path.join(tmp, 'backup.jsonl.gz');
    const backup = await cli(env, 'backup', file);
    expect(backup.code).toBe(0);
    const before = await withDb(env, snapshot);
    const other = await target('restored');
    expect((await cli(other, 'migrate')).code).toBe(0);
    const restored = await cli(other, 'restore', file);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('users 1');
    const after = await withDb(other, snapshot);
    // The restore itself is audited after the restored entries; all else is identical.
    expect(after.audit_log!.slice(0, -1)).toEqual(before.audit_log);
    expect(JSON.parse(after.audit_log!.at(-1)!).action).toBe('restore');
    for (const table of Object.keys(before).filter((t) => t !== 'audit_log' && t !== 'audit_head')) {
      expect(after[table], table).toEqual(before[table]);
    }
    expect((await cli(other, 'audit-verify')).code).toBe(0);
    // New rows continue after the restored ids.
    expect((await cli(other, 'create-admin', 'after_restore')).code).toBe(0);
  });

  it('refuses a file that is not a backup, leaving the data unchanged', async () => {
    const junk = path.join(tmp, 'junk.gz');
    fs.writeFileSync(junk, 'not a backup');
    const before = await withDb(env, snapshot);
    const res = await cli(env, 'restore', junk);
    expect(res.code).toBe(1);
    expect(res.err).toContain('不是 Yingji 备份文件');
    const after = await withDb(env, snapshot);
    expect(after.users).toEqual(before.users);
  });

  it('covers every table of the schema in backups', () => {
    const tables = Object.values(schema)
      .filter((v) => is(v, PgTable))
      .map((t) => getTableName(t as PgTable));
    expect([...BACKUP_TABLES, ...DERIVED_TABLES].map(getTableName).sort()).toEqual(tables.sort());
  });

  onPostgresOnly('imports the regulator feed from the command line, as JSON, previewing then applying', async () => {
    const file = path.join(tmp, 'feed.xlsx');
    fs.writeFileSync(
      file,
      await regulatorSheet([
        [creditCode(501), '中山市命令行一厂', '甲', '存续', '中山市坦洲镇', '3311'],
        [creditCode(502), '中山市命令行二厂', '乙', '存续', '中山市小榄镇', '3311'],
        [creditCode(503), '坏行', '丙', '存续', '火星', '3311'],
      ]),
    );
    const preview = await cli(env, 'enterprise-import', file, '--json');
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.out)).toMatchObject({
      applied: false,
      new: 2,
      changed: 0,
      unchanged: 0,
      missing: 0,
      deregistered: 0,
      invalid: [{ row: 4, reason: '无法从地址“火星”确定所属镇街' }],
    });
    const refused = await cli(env, 'enterprise-import', file, '--apply', '--json');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('文件有 1 行无效（第 4 行等）');
    const applied = await cli(env, 'enterprise-import', file, '--apply', '--skip-invalid', '--json');
    expect(JSON.parse(applied.out)).toMatchObject({ applied: true, new: 2 });
    const again = await cli(env, 'enterprise-import', file, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ new: 0, unchanged: 2 });
    expect((await cli(env, 'enterprise-import', path.join(tmp, 'nope.xlsx'))).err).toContain('不存在');
  });

  it('explains an unknown command', async () => {
    const res = await cli(env, 'frobnicate');
    expect(res.code).toBe(1);
    expect(res.err).toContain('未知命令：frobnicate');
  });
});

describe('one process per embedded data folder', () => {
  it('refuses a second Yingji process on the same folder with a clear message', () => {
    const dir = path.join(tmp, 'locked');
    const lock = lockDataDir(dir);
    try {
      const child = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
        cwd: repoRoot,
        env: { ...process.env, YINGJI_DATA_DIR: dir, DATABASE_URL: '', PORT: '0' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.status).toBe(1);
      expect(child.stderr).toContain(`启动失败：数据目录 ${dir} 正被另一个 Yingji 进程使用（PID ${process.pid}`);
    } finally {
      lock.release();
    }
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = path.join(tmp, 'stale');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'yingji.lock'), JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), since: 'x' }));
    const lock = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'yingji.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'yingji.lock'))).toBe(false);
  });
});
