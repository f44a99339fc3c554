/**
 * Issue 20's figures, on a fresh database with Zhongshan's 70 sites and 97 channels (bench/src/fire.gen.ts) and the
 * real server: ingestion rate in batches of 100 (masked and merged), alarm-to-incident latency of single alarms, the
 * board with 10 viewers while alarms stream in, and memory over a sustained stream.
 *
 *   node --import tsx bench/src/fire-ingest-bench.ts                 # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/src/fire-ingest-bench.ts   # a throwaway database in that server, dropped after
 *   FIRE_BENCH_SECONDS=20 FIRE_BENCH_MEMORY_SECONDS=120 (defaults)
 *   FIRE_BENCH_PHASES=ingest,single,board,memory (default: all four; one of them to profile it alone)
 *   FIRE_BENCH_OPEN=<n>: n more open incidents before the board phase (its cost at 150 and 1,500 open, fire-open.gen.ts)
 *   FIRE_BENCH_HEAPSNAPSHOTS=<folder>: heap snapshots of the server's thread at the start and end of the memory run
 *   node --expose-gc …: the memory run also reports the heap after a full collection at its start, middle and end
 *
 * CPU is reported per thread beside the process total: the main thread runs the HTTP server and this bench's client,
 * the others are PGlite's worker thread (when embedded), libuv's pool and V8's helpers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { sql } from 'drizzle-orm';
import { destination, fromLocal } from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import { startServer } from '../../server/src/server';
import { loadConfig } from '../../server/src/config';
import { hashPassword } from '../../server/src/shared/passwords';
import * as orgRepo from '../../server/src/modules/org/org.repo';
import { insertFireKey, insertFireRegistry } from './fire-registry.gen';
import { boardPhase, watchBoard } from './fire-board-bench';
import { cpuSplit, pct, r1, residentByKind, threadCpu } from './fire-bench-measure';
import { createRandom } from './prng';
import { throwawayPostgres } from './throwaway-database';

const env = process.env;
const SECONDS = Number(env.FIRE_BENCH_SECONDS ?? 20);
const MEMORY_SECONDS = Number(env.FIRE_BENCH_MEMORY_SECONDS ?? 120);
const PHASES = new Set((env.FIRE_BENCH_PHASES ?? 'ingest,single,board,memory').split(','));
const EXTRA_OPEN = Number(env.FIRE_BENCH_OPEN ?? 0);
const SNAPSHOTS = env.FIRE_BENCH_HEAPSNAPSHOTS;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fire-bench-'));

async function main() {
  const throwaway = await throwawayPostgres('fire_bench');
  const config = {
    ...loadConfig(),
    dataDir,
    port: 0,
    logLevel: 'silent' as const,
    ...(throwaway ? { databaseUrl: throwaway.url } : {}),
  };
  const server = await startServer(config, () => undefined);
  const db = server.database.db;
  const now = new Date().toISOString();
  const towns = new Map(
    (await queryRows<{ code: string; name: string }>(db, sql`SELECT code, name FROM divisions WHERE level = 'town'`)).map((t) => [
      t.name,
      t.code,
    ]),
  );
  const reg = await insertFireRegistry(db, createRandom(20_260_101).fork('fire'), towns, now);
  const channelIds = reg.channels.map((c) => c.id);
  const key = await insertFireKey(db, 7, channelIds, now);
  // a mask zone round the first site's east, so some alarms are suppressed
  const z0 = reg.channels[0]!;
  const zc = destination(z0.p, 90, 3000);
  await db.execute(sql`INSERT INTO fire_mask_zones (name, kind, polygons, source, created_at, updated_at) VALUES ('基准砖窑', 'kiln',
    ${JSON.stringify([[[fromLocal(zc, -400, -400), fromLocal(zc, 400, -400), fromLocal(zc, 400, 400), fromLocal(zc, -400, 400)]]])}::jsonb, 'drawn', ${now}::timestamptz, ${now}::timestamptz)`);
  const hash = await hashPassword('Bench#Fire2026');
  await orgRepo.insertUser(db, {
    username: 'fire_duty',
    displayName: '基准值班员',
    role: 'duty_officer',
    divisionCode: '4420',
    departmentId: null,
    passwordHash: hash,
    passwordChangedAt: now,
    mustChangePassword: false,
    createdAt: now,
    updatedAt: now,
  } as never);
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ username: 'fire_duty', password: 'Bench#Fire2026' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (!cookie) throw new Error(`login failed: ${login.status}`);

  let seq = 0;
  const rnd = createRandom(42);
  /** A smoke column seen by one channel: cameras re-alarm on it every few seconds while it burns. */
  const fire = () => {
    const kiln = rnd.chance(0.1);
    const ch = kiln ? z0 : rnd.pick(reg.channels);
    return {
      channel: ch.code,
      bearingDeg: kiln ? 90 : (ch.heading + rnd.int(-25, 25) + 360) % 360,
      distanceM: kiln ? 3000 : rnd.int(1500, 7000),
    };
  };
  const burning = Array.from({ length: 40 }, fire);
  /** One batch of alarms from the 40 columns burning now; now and then one goes out and another starts. */
  const batch = (size = 100) => {
    if (rnd.chance(0.2)) burning[rnd.int(0, burning.length - 1)] = fire();
    const t = new Date().toISOString();
    return Array.from({ length: size }, () => {
      const f = rnd.pick(burning);
      return {
        alarmId: `b-${seq++}`,
        channel: f.channel,
        at: t,
        bearingDeg: f.bearingDeg,
        distanceM: f.distanceM + rnd.int(-20, 20),
        confidence: 0.7,
      };
    });
  };
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${server.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { accepted: number; suppressed: number; items: { incidentId: number | null }[] };
    if (!res.ok) throw new Error(`${p} answered ${res.status}: ${JSON.stringify(json).slice(0, 200)}`);
    return json;
  };

  // 1. ingestion rate: 2 clients posting batches of 100 for SECONDS
  await post('/api/fire/ingest/alarms', { alarms: batch() });
  if (PHASES.has('ingest')) await ingestPhase();
  if (PHASES.has('single')) await singlePhase();
  if (PHASES.has('board'))
    await boardPhase({
      url: server.url,
      cookie,
      db,
      seconds: SECONDS,
      extraOpen: EXTRA_OPEN,
      postBatch: () => post('/api/fire/ingest/alarms', { alarms: batch() }),
    });
  if (PHASES.has('memory')) await memoryPhase();
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await throwaway?.drop();

  async function ingestPhase() {
    const latencies: number[] = [];
    let alarms = 0;
    let suppressed = 0;
    const until = performance.now() + SECONDS * 1000;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const threads0 = threadCpu();
    await Promise.all(
      [0, 1].map(async () => {
        while (performance.now() < until) {
          const s = performance.now();
          const r = await post('/api/fire/ingest/alarms', { alarms: batch() });
          latencies.push(performance.now() - s);
          alarms += r.accepted + r.suppressed;
          suppressed += r.suppressed;
        }
      }),
    );
    const rate = alarms / ((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    // the process's CPU (server, PGlite when embedded, and this client) per batch: what one free core would sustain
    const cpuPerBatch = (cpu.user + cpu.system) / 1000 / latencies.length;
    console.log(
      `ingest: ${alarms} alarms (${suppressed} suppressed) at ${Math.round(rate)} alarms/s wall; batch p50 ${r1(pct(latencies, 50))} p99 ${r1(pct(latencies, 99))} ms; ` +
        `process CPU ${r1(cpuPerBatch)} ms per batch of 100 = ${Math.round((100 * 1000) / cpuPerBatch)} alarms per CPU-second (${r1((cpuPerBatch * 10) / 1000)} ms an alarm); load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    console.log(`ingest CPU ms per batch by thread: ${cpuSplit(threads0, latencies.length)}`);
  }

  async function singlePhase() {
    // 2. alarm-to-incident: one alarm at a time, the incident id in the answer
    const single: number[] = [];
    const cpu1 = process.cpuUsage();
    const threads1 = threadCpu();
    for (let i = 0; i < 500; i++) {
      const a = batch(5)[0]!;
      const s = performance.now();
      const r = await post('/api/fire/ingest/alarm', a);
      single.push(performance.now() - s);
      if (!r.items[0]!.incidentId && r.suppressed === 0) throw new Error('no incident');
    }
    const cpuSingle = process.cpuUsage(cpu1);
    console.log(
      `alarm-to-incident: p50 ${r1(pct(single, 50))} p99 ${r1(pct(single, 99))} ms (500 single alarms); process CPU ${r1((cpuSingle.user + cpuSingle.system) / 1000 / 500)} ms per alarm; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    console.log(`alarm-to-incident CPU ms per alarm by thread: ${cpuSplit(threads1, 500)}`);
  }

  async function memoryPhase() {
    // 4. memory over a sustained stream of 1,000 alarms/s, with 10 duty screens polling the board every 3 s as the page
    // does (so that the board's kept rows, texts and change answers are part of what must stay flat)
    const gc = (globalThis as { gc?: () => void }).gc;
    const mem: { t: number; rss: number; heap: number; wasm: number }[] = [];
    const probe = async (label: string) => {
      // the database's side: its size on disk and the backend's own memory (PGlite: inside its WASM memory)
      const [d] = await queryRows<{ size: number; backend: number; buffers: string }>(
        db,
        sql`SELECT pg_database_size(current_database())::float8 AS size, current_setting('shared_buffers') AS buffers,
          (SELECT sum(total_bytes) FROM pg_backend_memory_contexts)::float8 AS backend`,
      );
      const m = residentByKind();
      const before = process.memoryUsage();
      gc?.();
      const after = process.memoryUsage();
      const at = Math.round((performance.now() - memStart) / 1000);
      console.log(
        `memory ${label} (${at} s, ${sent} alarms): RSS ${Math.round(before.rss / 2 ** 20)} MiB, heap used ${Math.round(before.heapUsed / 2 ** 20)} MiB` +
          (gc ? `, after a full GC ${Math.round(after.heapUsed / 2 ** 20)} MiB (RSS ${Math.round(after.rss / 2 ** 20)})` : '') +
          `, external ${Math.round(after.external / 2 ** 20)} MiB, array buffers ${Math.round(after.arrayBuffers / 2 ** 20)} MiB; ` +
          `RssAnon ${m.anon} RssFile ${m.file} MiB (malloc heap ${m.mallocHeap}, compiled code ${m.code}), largest WebAssembly memory ${m.wasm} MiB resident of ${m.wasmSize} MiB ` +
          `(${m.wasmMemories - 1} others ${m.wasmOthers} MiB); ` +
          `database ${Math.round(d!.size / 2 ** 20)} MiB on disk, backend memory contexts ` +
          `${Math.round(d!.backend / 2 ** 20)} MiB, shared_buffers ${d!.buffers}; load average ${os.loadavg()[0]!.toFixed(1)}`,
      );
      if (SNAPSHOTS && label !== 'middle')
        console.log(`heap snapshot: ${v8.writeHeapSnapshot(path.join(SNAPSHOTS, `fire-${label}.heapsnapshot`))}`);
    };
    const memStart = performance.now();
    const memUntil = memStart + MEMORY_SECONDS * 1000;
    let sent = 0;
    // every 5 s: RSS, heap and the WebAssembly memory's resident part; a line a minute shows where RSS grows
    const sample = setInterval(() => {
      const { rss, heapUsed } = process.memoryUsage();
      const w = residentByKind();
      mem.push({ t: performance.now(), rss: rss / 2 ** 20, heap: heapUsed / 2 ** 20, wasm: w.wasm });
      if (mem.length % 12 === 0)
        console.log(
          `memory at ${Math.round((performance.now() - memStart) / 1000)} s: RSS ${Math.round(rss / 2 ** 20)} MiB, WebAssembly ${w.wasm} MiB resident of ${w.wasmSize} MiB, heap ${Math.round(heapUsed / 2 ** 20)} MiB`,
        );
    }, 5000);
    let probed = 0;
    const cpu3 = process.cpuUsage();
    const threads3 = threadCpu();
    let polls = 0;
    const viewers = watchBoard({ url: server.url, cookie }, memUntil, 3000, () => polls++);
    while (performance.now() < memUntil) {
      const s = performance.now();
      const elapsed = s - memStart;
      // start after a 20-second warm-up, middle, and end (just before the last batches)
      const due = [Math.min(20_000, MEMORY_SECONDS * 100), MEMORY_SECONDS * 500, MEMORY_SECONDS * 1000 - 2000][probed];
      if (due !== undefined && elapsed >= due) await probe((['start', 'middle', 'end'] as const)[probed++]!);
      await post('/api/fire/ingest/alarms', { alarms: batch() });
      sent += 100;
      const wait = 100 - (performance.now() - s);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    clearInterval(sample);
    await viewers;
    const cpuMem = process.cpuUsage(cpu3);
    const third = Math.max(1, Math.floor(mem.length / 3));
    const avg = (xs: typeof mem, k: 'rss' | 'heap' | 'wasm') => xs.reduce((a, m) => a + m[k], 0) / xs.length;
    console.log(
      `memory: ${sent} alarms over ${MEMORY_SECONDS} s, ${polls} board polls by 10 viewers; RSS first third ${Math.round(avg(mem.slice(0, third), 'rss'))} MiB, last third ${Math.round(avg(mem.slice(-third), 'rss'))} MiB; heap ${Math.round(avg(mem.slice(0, third), 'heap'))} → ${Math.round(avg(mem.slice(-third), 'heap'))} MiB; ` +
        `WebAssembly resident ${Math.round(avg(mem.slice(0, third), 'wasm'))} → ${Math.round(avg(mem.slice(-third), 'wasm'))} MiB; ` +
        `process CPU ${r1((cpuMem.user + cpuMem.system) / 1000 / (sent / 100))} ms per batch`,
    );
    console.log(`memory run CPU ms per batch by thread: ${cpuSplit(threads3, sent / 100)}`);
  }
}

await main();
