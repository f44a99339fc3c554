import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BENCH_PASSWORD } from './generate';
import type { TCase } from './load';
import { parentPid } from './machine';
import { startNodeArgs } from '../../server/src/start-args';

/** The bench's server (bench/src/run.ts): started as `npm start` starts it, signed in to, checked before a case is timed. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TServer {
  child: ChildProcess;
  baseUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Starts `node <npm start's flags> server/src/main.ts` (server/src/start-args.ts), exactly as `npm start` does, and waits for /api/health. */
export async function startServer(extraEnv: Record<string, string>, o: { repoRoot: string; logLevel: string }): Promise<TServer> {
  const port = await freePort();
  const logFile = path.join(os.tmpdir(), `yingji-bench-server-${process.pid}-${port}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [...startNodeArgs(), 'server/src/main.ts'], {
    cwd: o.repoRoot,
    env: { ...process.env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1', YINGJI_CITY_CODE: '4420', YINGJI_LOG_LEVEL: o.logLevel },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await done;
    clearTimeout(timer);
  };
  for (let waited = 0; waited < 120_000; waited += 250) {
    if (exited) throw new Error(`the server exited during start:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return { child, baseUrl, logFile, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`the server did not answer /api/health within 120 s; log: ${logFile}`);
}

export async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error(`login as ${username}: no session cookie`);
  return cookie;
}

/**
 * A request that must answer 2xx before the case is measured, so a benchmark never times error pages;
 * a list must also report the number of rows the generator put in the user's scope.
 */
export async function expectOk(baseUrl: string, c: TCase & { expectedTotal?: number }): Promise<void> {
  const res = await fetch(new URL(c.path, baseUrl), {
    method: c.method,
    headers: { ...(c.cookie ? { cookie: c.cookie } : {}), ...(c.bodies ? { 'content-type': 'application/json', origin: baseUrl } : {}) },
    body: c.bodies?.[0],
  });
  const text = await res.text();
  if (res.status < 200 || res.status >= 300)
    throw new Error(`${c.name}: ${c.method} ${c.path} answered ${res.status}: ${text.slice(0, 300)}`);
  if (c.expectedTotal !== undefined) {
    const total = (JSON.parse(text) as { total?: number }).total;
    if (total !== c.expectedTotal) throw new Error(`${c.name}: total ${total}, expected ${c.expectedTotal} (data scope filter?)`);
  }
}

/** The postmaster of the PostgreSQL server behind `url` when it runs on this machine (the parent of our backend), else null. */
export async function localPostmaster(url: string): Promise<number | null> {
  if (!['localhost', '127.0.0.1', '::1', '[::1]', ''].includes(new URL(url).hostname)) return null;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return parentPid(rows[0]!.pid);
  } catch {
    return null; // a container or another PID namespace: no CPU figure rather than a wrong one
  } finally {
    await client.end();
  }
}
