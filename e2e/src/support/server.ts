import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

const ADMIN_PASSWORD_LINE = /一次性密码（只显示这一次）：(\S+)/;
const READY_LINE = /Yingji 已启动：(https?:\/\/\S+)/;

export interface TRunningServer {
  /** Base URL the browser opens, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The first administrator's one-time password, printed once on first start. */
  adminPassword: string;
  /** Everything the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
  /** Kills the server with SIGKILL, as a power cut would: its database stays. */
  crash: () => Promise<void>;
  /** Starts the server again on the same database and port. */
  restart: () => Promise<void>;
  /** Runs a `yingji` command on the same database (stop or crash the server first on the embedded one). */
  cli: (...argv: string[]) => TCliRun;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface TDatabase {
  env: Record<string, string>;
  drop: () => Promise<void>;
}

/**
 * A fresh PostgreSQL database on the server named by YINGJI_TEST_DATABASE_URL, or a fresh PGlite data
 * folder when that variable is unset; either way the journey starts from an empty database.
 */
async function freshDatabase(dataDir: string): Promise<TDatabase> {
  const serverUrl = process.env['YINGJI_TEST_DATABASE_URL'];
  if (!serverUrl) return { env: {}, drop: async () => {} };
  const name = `yingji_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), YINGJI_DATA_DIR: dataDir },
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the real server (`node --import tsx server/src/main.ts`, from the repository root) on a free
 * port and an empty database, and resolves once it has printed the administrator's one-time password
 * and its ready line. It serves web/dist, which `npm test` builds before vitest runs.
 */
export async function startServer({ timeoutMs = 90_000 } = {}): Promise<TRunningServer> {
  if (!existsSync(path.join(REPO_ROOT, 'web/dist/index.html'))) {
    throw new Error('web/dist 不存在：浏览器测试需要先构建前端（npm test 会先运行 npm run build:web）');
  }
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'yingji-e2e-'));
  const database = await freshDatabase(dataDir);
  // on the embedded database, a copy of the run's migrated folder (global-setup.ts) instead of a new cluster
  const template = inject('e2eDataTemplate');
  if (template && !database.env['DATABASE_URL']) await cp(path.join(template, 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    YINGJI_DATA_DIR: dataDir,
    YINGJI_LOG_LEVEL: 'warn',
    ...database.env,
  };
  if (!database.env['DATABASE_URL']) delete env['DATABASE_URL'];

  let current: TSpawned | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (current) await current.end('SIGTERM');
    await database.drop().catch((e: unknown) => console.warn(`[e2e] 无法删除测试数据库：${(e as Error).message}`));
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    current = spawnServer(env);
    const ready = await current.ready(timeoutMs, true);
    return {
      url: `http://127.0.0.1:${port}`,
      adminPassword: ready.adminPassword!,
      output: () => current?.output() ?? '',
      stop,
      crash: async () => {
        await current?.end('SIGKILL');
      },
      restart: async () => {
        current = spawnServer(env);
        await current.ready(timeoutMs, false);
      },
      cli: (...argv: string[]) => runCliProcess(env, argv),
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

interface TSpawned {
  output: () => string;
  /** Resolves at the ready line; on a first start, also with the administrator's one-time password. */
  ready: (timeoutMs: number, firstStart: boolean) => Promise<{ adminPassword?: string }>;
  /** Ends the process: SIGTERM (then SIGKILL after 10 s), or SIGKILL at once as a crash would. */
  end: (signal: 'SIGTERM' | 'SIGKILL') => Promise<void>;
}

function spawnServer(env: NodeJS.ProcessEnv): TSpawned {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // if the test process dies without afterAll, the server must not outlive it
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return {
    output: () => output,
    ready: (timeoutMs, firstStart) =>
      new Promise((resolve, reject) => {
        let adminPassword: string | undefined;
        const timer = setTimeout(() => reject(new Error(`服务器 ${timeoutMs} ms 内没有就绪。输出：\n${output}`)), timeoutMs);
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          adminPassword ??= ADMIN_PASSWORD_LINE.exec(output)?.[1];
          if (READY_LINE.test(output)) {
            clearTimeout(timer);
            if (firstStart && !adminPassword) reject(new Error(`服务器已启动，但没有打印管理员一次性密码。输出：\n${output}`));
            else resolve({ adminPassword });
          }
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`服务器提前退出（${signal ?? `退出码 ${code}`}）。输出：\n${output}`));
        });
        child.once('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
      }),
    end: async (signal) => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    },
  };
}

/** A `yingji` command (server/src/cli.ts) on the server's database, the server itself stopped or not. */
function runCliProcess(env: NodeJS.ProcessEnv, argv: string[]): TCliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...argv], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { done, output: () => output, kill: () => child.kill('SIGKILL') };
}

export interface TCliRun {
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  output: () => string;
  kill: () => void;
}
