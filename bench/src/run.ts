import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_ACCOUNTS, BENCH_DRAW_ACCOUNTS, BENCH_PASSWORD, benchPasswordHash, type TScale } from './generate';
import { benchCases } from './cases';
import { enforcementCases, timeCaseDocument } from './case-cases';
import { runCase, type TCaseResult, type TLoadOptions } from './load';
import { machineInfo, type TMachine } from './machine';
import { appendRun, type TRunReport } from './results';
import { timeImport } from './import-timing';
import { timeDraw } from './draw-timing';
import { timeHazardAction } from './hazard-timing';
import { describeUserLoad, simulateUsers } from './users-load';
import { rawOnPglite, rawOnPostgres, replayable, traceCase } from './raw-sql';
import { prepare } from './run-database';
import { expectOk, localPostmaster, login, startServer, type TServer } from './run-server';

/**
 * `npm run bench`: for each database (PGlite always; PostgreSQL when BENCH_DATABASE_URL is set) and scale,
 * generate the data, start the real server (`server/src/main.ts`) in its own process on a free loopback
 * port, drive it with autocannon from this process, and append the figures to bench/RESULTS.md.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');

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
  /** Which engines to run (`pglite,postgres`); PostgreSQL still needs BENCH_DATABASE_URL. */
  engines: (env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim()),
  /** A PostgreSQL database an earlier run kept (BENCH_KEEP=1), measured again without generating (run-database.ts). */
  reuse: env.BENCH_REUSE_DATABASE || undefined,
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
  if (wanted('city', false) && settings.engines.includes('pglite')) list.push({ kind: 'pglite', scale: 'city' });
  if (settings.databaseUrl && settings.engines.includes('postgres')) {
    for (const scale of ['city', 'province'] as const) if (wanted(scale, true)) list.push({ kind: 'postgres', scale });
  }
  return list;
}

async function benchTarget(target: TTarget, machine: TMachine, passwordHash: string): Promise<TRunReport> {
  const label = `${target.kind}/${target.scale}`;
  console.log(`\n[bench] ${label}: generating data …`);
  const prepared = await prepare(target, passwordHash, settings);
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
    server = await startServer(
      { ...prepared.serverEnv, ...(settings.rawSql ? { YINGJI_SQL_TRACE: traceFile } : {}) },
      { repoRoot, logLevel: settings.logLevel },
    );
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
