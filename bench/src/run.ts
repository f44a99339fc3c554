import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type TDatabase } from '../../server/src/db/client';
import {
  BENCH_ACCOUNTS,
  BENCH_DRAW_ACCOUNTS,
  BENCH_PASSWORD,
  benchPasswordHash,
  generate,
  type TGenerateResult,
  type TScale,
} from './generate';
import { rebuildRollupsAfterGeneration } from './rollup-cases';
import { benchCases } from './cases';
import { enforcementCases, timeCaseDocument } from './case-cases';
import { runCase, type TCase, type TCaseResult, type TLoadOptions } from './load';
import { machineInfo, parentPid, type TMachine } from './machine';
import { appendRun, type TRunReport } from './results';
import { timeImport } from './import-timing';
import { timeDraw } from './draw-timing';
import { timeHazardAction } from './hazard-timing';
import { describeUserLoad, simulateUsers } from './users-load';
import { rawOnPglite, rawOnPostgres, replayable, traceCase } from './raw-sql';

/**
 * `npm run bench`: for each database (PGlite always; PostgreSQL when BENCH_DATABASE_URL is set) and scale,
 * generate the data, start the real server (`server/src/main.ts`) in its own process on a free loopback
 * port, drive it with autocannon from this process, and append the figures to bench/RESULTS.md.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

const env = process.env;
const settings = {
  durationSeconds: Number(env.BENCH_DURATION ?? 10),
  warmupSeconds: Number(env.BENCH_WARMUP ?? 2),
  connections: Number(env.BENCH_CONNECTIONS ?? 10),
  seed: Number(env.BENCH_SEED ?? 20_260_101),
  /** The server's log level; `info` (the default, one line per request) is what a bureau runs. */
  logLevel: env.BENCH_LOG_LEVEL ?? 'info',
  databaseUrl: env.BENCH_DATABASE_URL || undefined,
  scales: env.BENCH_SCALES ? (env.BENCH_SCALES.split(',') as TScale[]) : undefined,
  results: env.BENCH_RESULTS ?? path.join(repoRoot, 'bench/RESULTS.md'),
  keep: env.BENCH_KEEP === '1',
  /** Comma list of words: only the cases whose name contains one of them run (and no timings), e.g. `accident`. */
  only: env.BENCH_CASES ? env.BENCH_CASES.split(',').map((w) => w.trim().toLowerCase()) : undefined,
  /** Simulated users instead of the cases (bench/src/users-load.ts): BENCH_USERS=200, for BENCH_USERS_SECONDS (600). */
  users: env.BENCH_USERS ? Number(env.BENCH_USERS) : undefined,
  usersSeconds: Number(env.BENCH_USERS_SECONDS ?? 600),
  usersThinkMs: Number(env.BENCH_USERS_THINK_MS ?? 3000),
  /** Each read case's SQL run again straight through the driver, beside the API figures (raw-sql.ts); 0 skips it. */
  rawSql: env.BENCH_RAW_SQL !== '0',
};

interface TTarget {
  kind: 'pglite' | 'postgres';
  scale: TScale;
}

function targets(): TTarget[] {
  const list: TTarget[] = [];
  const wanted = (s: TScale, onPostgres: boolean) => (settings.scales ? settings.scales.includes(s) : s === 'city' || onPostgres);
  // A province on the embedded database is not a configuration anyone should run: PostgreSQL only.
  if (wanted('city', false)) list.push({ kind: 'pglite', scale: 'city' });
  if (settings.databaseUrl) {
    for (const scale of ['city', 'province'] as const) if (wanted(scale, true)) list.push({ kind: 'postgres', scale });
  }
  return list;
}

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

interface TPrepared {
  serverEnv: Record<string, string>;
  database: string;
  generated: TGenerateResult;
  cleanup(): Promise<void>;
}

/** A fresh database of the target's kind, migrated and filled. */
async function prepare(target: TTarget, passwordHash: string): Promise<TPrepared> {
  let database: TDatabase;
  let serverEnv: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (target.kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `yingji-bench-${target.scale}-`));
    database = await openDatabase({ dataDir });
    serverEnv = { YINGJI_DATA_DIR: dataDir, DATABASE_URL: '' };
    cleanup = async () => {
      if (!settings.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    const adminUrl = settings.databaseUrl!;
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
      if (settings.keep) return;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  let ready = false;
  try {
    await database.migrate();
    const generated = await generate(database.db, { scale: target.scale, seed: settings.seed, passwordHash });
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

interface TServer {
  child: ChildProcess;
  baseUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx server/src/main.ts`, exactly as `npm start` does, and waits for /api/health. */
async function startServer(extraEnv: Record<string, string>): Promise<TServer> {
  const port = await freePort();
  const logFile = path.join(os.tmpdir(), `yingji-bench-server-${process.pid}-${port}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1', YINGJI_CITY_CODE: '4420', YINGJI_LOG_LEVEL: settings.logLevel },
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

async function login(baseUrl: string, username: string): Promise<string> {
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
async function expectOk(baseUrl: string, c: TCase & { expectedTotal?: number }): Promise<void> {
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

async function benchTarget(target: TTarget, machine: TMachine, passwordHash: string): Promise<TRunReport> {
  const label = `${target.kind}/${target.scale}`;
  console.log(`\n[bench] ${label}: generating data …`);
  const prepared = await prepare(target, passwordHash);
  const g = prepared.generated;
  console.log(`[bench] ${label}: ${JSON.stringify(g.counts)} in ${g.ms} ms (fingerprint ${g.fingerprint}); ${prepared.database}`);
  let server: TServer | undefined;
  const results: TCaseResult[] = [];
  const timings: NonNullable<TRunReport['timings']> = [];
  const traceFile = path.join(os.tmpdir(), `yingji-bench-trace-${process.pid}-${target.kind}-${target.scale}.jsonl`);
  /** PGlite's traced cases, replayed once the server has stopped and freed the data folder. */
  const pendingRaw: { result: TCaseResult; trace: Awaited<ReturnType<typeof traceCase>> }[] = [];
  let measured = false;
  try {
    server = await startServer({ ...prepared.serverEnv, ...(settings.rawSql ? { YINGJI_SQL_TRACE: traceFile } : {}) });
    const { baseUrl } = server;
    const adminCookie = await login(baseUrl, BENCH_ACCOUNTS.cityAdmin);
    const townCookie = await login(baseUrl, BENCH_ACCOUNTS.townOfficer);
    const get = async <T>(path: string, cookie: string): Promise<T> => {
      const res = await fetch(new URL(path, baseUrl), { headers: { cookie } });
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
      return (await res.json()) as T;
    };
    const caseContext = {
      scale: target.scale,
      generated: g,
      adminCookie,
      townCookie,
      login: (username: string) => login(baseUrl, username),
      get,
    };
    if (settings.users) {
      const r = await simulateUsers({
        baseUrl,
        usernames: g.usernames,
        password: BENCH_PASSWORD,
        users: settings.users,
        seconds: settings.usersSeconds,
        thinkMs: settings.usersThinkMs,
        serverPid: server.child.pid!,
        seed: settings.seed,
      });
      console.log(`[bench] ${label}: ${describeUserLoad(r)}`);
      timings.push({
        name: `${r.users} simulated users, mixed roles: p95 of every request`,
        seconds: r.p95 / 1000,
        detail: describeUserLoad(r),
      });
    }
    const cases = (settings.users ? [] : [...(await benchCases(caseContext)), ...(await enforcementCases(caseContext))]).filter(
      (c) => !settings.only || settings.only.some((word) => c.name.toLowerCase().includes(word)),
    );
    const load: TLoadOptions = {
      baseUrl,
      serverPid: server.child.pid!,
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
      postmasterPid: target.kind === 'postgres' ? await localPostmaster(prepared.serverEnv.DATABASE_URL!) : null,
    };
    for (const c of cases) {
      await c.before?.(baseUrl);
      await expectOk(baseUrl, c);
      const r = await runCase(load, c);
      results.push(r);
      if (settings.rawSql && replayable(c)) {
        const trace = await traceCase(baseUrl, c, traceFile);
        if (target.kind === 'postgres')
          r.raw = await rawOnPostgres(prepared.serverEnv.DATABASE_URL!, trace, {
            connections: c.connections ?? settings.connections,
            seconds: settings.durationSeconds,
            warmupSeconds: settings.warmupSeconds,
            apiP50: r.p50,
          });
        else pendingRaw.push({ result: r, trace });
      }
      console.log(
        `[bench] ${label}: ${c.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ` +
          `p99 ${r.p99.toFixed(1)} ms, Node CPU ${r.serverCpuMsPerRequest.toFixed(2)} ms/req` +
          (r.databaseCpuMsPerRequest !== null ? `, PostgreSQL CPU ${r.databaseCpuMsPerRequest.toFixed(2)} ms/req` : '') +
          (r.non2xx || r.errors ? ` — ${r.non2xx} non-2xx, ${r.errors} errors ${JSON.stringify(r.statusCodes)}` : ''),
      );
    }
    if (!settings.only && !settings.users) {
      timings.push(await timeCaseDocument(baseUrl, adminCookie));
      if (target.scale === 'city') {
        timings.push(await timeDraw(baseUrl, (username) => login(baseUrl, username), BENCH_DRAW_ACCOUNTS));
        timings.push(await timeImport(baseUrl, adminCookie, prepared.serverEnv));
      }
      timings.push(await timeHazardAction(baseUrl, townCookie, { ...settings, serverPid: server.child.pid! }));
    }
    measured = true;
  } finally {
    await server?.stop();
    fs.rmSync(traceFile, { force: true });
    if (measured && pendingRaw.length > 0) {
      console.log(`[bench] ${label}: the same SQL straight through PGlite, ${pendingRaw.length} cases …`);
      const raw = await rawOnPglite(
        prepared.serverEnv.YINGJI_DATA_DIR!,
        pendingRaw.map((p) => ({ trace: p.trace, apiRps: p.result.rps })),
        { seconds: Math.min(settings.durationSeconds, 5), warmupSeconds: 1 },
      );
      pendingRaw.forEach((p, i) => (p.result.raw = raw[i]));
    }
    if (server && !settings.keep) fs.rmSync(server.logFile, { force: true });
    await prepared.cleanup();
  }
  return {
    kind: target.kind,
    scale: target.scale,
    database: prepared.database,
    machine,
    generated: { counts: g.counts, fingerprint: g.fingerprint, seed: g.seed, ms: g.ms },
    settings: {
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
      logLevel: settings.logLevel,
    },
    results,
    timings,
  };
}

/** The postmaster of the PostgreSQL server behind `url` when it runs on this machine (the parent of our backend), else null. */
async function localPostmaster(url: string): Promise<number | null> {
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

async function main(): Promise<void> {
  const machine = machineInfo();
  console.log(`[bench] ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  if (!settings.databaseUrl)
    console.log('[bench] BENCH_DATABASE_URL not set: PGlite only (set it to a PostgreSQL server to add the PostgreSQL and province runs)');
  const passwordHash = await benchPasswordHash();
  const reports: TRunReport[] = [];
  for (const target of targets()) reports.push(await benchTarget(target, machine, passwordHash));
  const at = new Date();
  appendRun(settings.results, at, machine, reports);
  console.log(`\n[bench] results appended to ${path.relative(process.cwd(), settings.results)}`);
}

main().catch((e: unknown) => {
  console.error(`[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
