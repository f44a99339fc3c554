/**
 * The issue's figures for warnings and call-and-answer, measured in one process on the embedded database (PGlite, as a
 * bureau installs it) over real HTTP: a red warning to the whole city (≈ 3,000 people on the chain) resolved and
 * queued; answers per second from the signed links; the board's p95 with 20 viewers polling while answers arrive;
 * how late escalation timers fire with 10,000 pending; and a restart with timers pending.
 *
 *   node --import tsx bench/src/warning-bench.ts            (prints a Markdown table)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/src/warning-bench.ts   (the same on PostgreSQL: a throwaway
 *   database is created in that server and dropped at the end)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../server/src/db/client';
import { buildApp } from '../../server/src/http/app';
import { signAnswerLink } from '../../server/src/modules/warning/answer-link';
import * as notificationRepo from '../../server/src/modules/notification/notification.repo';
import { systemClock } from '../../server/src/shared/context';
import { machineInfo } from './machine';
import { generateChain } from './warning.gen';
import { throwawayPostgres } from './throwaway-database';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (n: number) => `${Math.round(n)} ms`;

/**
 * A POST over a kept-alive connection with node:http: the phones' side of the bench, in this same process, so it
 * should cost as little CPU as a client can (fetch's streams cost about three times as much).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
function post(url: string, body: string, origin: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

/**
 * WARNING_BENCH_PROFILE=<dir>: a CPU profile of the answers phase alone (server, viewers and HTTP client share this
 * process), written as <dir>/answers.cpuprofile for Chrome's DevTools or any .cpuprofile reader.
 */
async function startProfile(): Promise<((name: string) => Promise<void>) | null> {
  const dir = process.env.WARNING_BENCH_PROFILE;
  if (!dir) return null;
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (name) => {
    const { profile } = await session.post('Profiler.stop');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yingji-warning-bench-'));
  const rows: [string, string, string][] = [];
  const postgres = await throwawayPostgres('warning_bench');
  const open = () => (postgres ? openDatabase({ databaseUrl: postgres.url }) : openDatabase({ dataDir: dir }));
  let database = await open();
  try {
    await database.migrate();
    // Each answer link is opened from its own phone; one bench address would meet the anonymous per-address limit.
    let built = await buildApp({ database, logLevel: false, publicRateLimit: false });
    await built.services.modules.org.users.ensureDivisions('4420');
    await built.services.start();
    console.error('[bench] started');
    const chain = await generateChain(database.db, { villagesPerTown: 10, gridPerVillage: Number(process.env.BENCH_GRID ?? 12) });
    await built.services.modules.org.users.ensureAdmin('4420');
    console.error(`[bench] chain ${JSON.stringify(chain)}`);
    const ctx = {
      actor: { id: 1, role: 'duty_officer' as const, divisionCode: '4420', username: 'bench', displayName: '基准测试值班员' },
      clientAddress: null,
    };
    // The call settings are the defaults: red 10 minutes, one repeat, links valid 24 h.
    // No warm-up here: the warning module fills the settings cache at start (a cold process once stalled here).
    const address = await built.app.listen({ port: 0, host: '127.0.0.1' });
    console.error(`[bench] listening ${address}`);
    const input = (text: string) => ({
      kind: '暴雨',
      level: 'red' as const,
      areaAll: true,
      towns: [],
      issuedAt: new Date().toISOString(),
      expectedUntil: null,
      text,
      source: 'meteorological' as const,
      attachment: null,
    });

    // 1. One red warning to the whole city, resolved and queued (recipients, SMS deliveries, timers, log, audit).
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const w1 = await built.services.modules.warning.warnings.issue(ctx, input('全市暴雨红色预警（基准测试）'), address);
    const issueMs = performance.now() - t0;
    rows.push([
      `red warning to the whole city resolved and queued (${w1.called} recipients, ${chain.towns} towns, ${chain.villages} villages)`,
      `${ms(issueMs)} (Node CPU ${ms(cpuMs(c0))})`,
      '≤ 2 s',
    ]);

    // 2. Answers from the signed links over HTTP, 20 at a time, while 20 viewers poll the board.
    const secret = await notificationRepo.secret(database.db, 'answer-link', () => 'unused', new Date().toISOString());
    const recipients = await queryRows<{ id: number }>(
      database.db,
      sql`SELECT id FROM warning_recipients WHERE warning_id = ${w1.id} ORDER BY id`,
    );
    const expires = new Date(Date.now() + 86_400_000);
    const tokens = recipients.map((r) => signAnswerLink(secret, r.id, expires));
    const answerCount = Math.min(Number(process.env.BENCH_ANSWERS ?? 1500), tokens.length - 1000);
    let next = 0;
    /** `count` more answers over HTTP, 20 at a time; returns the seconds taken and the Node CPU an answer. */
    const answer = async (count: number) => {
      const end = next + count;
      const a0 = performance.now();
      const ac0 = process.cpuUsage();
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < end) {
            const token = tokens[next++]!;
            const res = await post(`${address}/api/warning-answers/${token}`, '{"note":""}', address);
            if (res.status !== 200) throw new Error(`answer ${res.status}: ${res.body}`);
          }
        }),
      );
      return { seconds: (performance.now() - a0) / 1000, cpu: cpuMs(ac0) / count };
    };
    // 2a. Answers alone: what the server processes a second.
    const profile = await startProfile();
    const alone = await answer(answerCount);
    await profile?.('answers');
    console.error(`[bench] ${answerCount} answers in ${alone.seconds.toFixed(1)} s`);
    rows.push([
      `answers over HTTP from signed links (${answerCount}, 20 concurrent, each audited; the bench's HTTP client runs in the same process)`,
      `${Math.round(answerCount / alone.seconds)} /s (Node CPU ${alone.cpu.toFixed(2)} ms an answer)`,
      '≥ 500 /s',
    ]);

    // 2b. 20 viewers read the board every 250 ms: alone for 5 s, then while 1,000 more answers arrive, then while the
    //     next whole-city warning is sent (≈ 3,000 recipients written in one transaction).
    const boardTimes: number[] = [];
    let viewing = true;
    const board = built.services.modules.warning.warnings.board;
    const viewProfile = await startProfile();
    const v0 = process.cpuUsage();
    const viewers = Array.from({ length: 20 }, async () => {
      while (viewing) {
        const s = performance.now();
        await board(ctx, w1.id);
        boardTimes.push(performance.now() - s);
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    await new Promise((r) => setTimeout(r, 5_000));
    const idleReads = boardTimes.splice(0);
    const readCpu = cpuMs(v0) / idleReads.length;
    await viewProfile?.('board');
    const during = await answer(1000);
    const duringAnswers = boardTimes.splice(0);
    const s0 = performance.now();
    await built.services.modules.warning.warnings.issue(ctx, input('第二次全市预警'), address);
    const sendMs = performance.now() - s0;
    viewing = false;
    await Promise.all(viewers);
    const duringSend = boardTimes.splice(0);
    rows.push([
      `board read p95 with 20 viewers (each every 250 ms): alone (${idleReads.length} reads, Node CPU ${readCpu.toFixed(2)} ms a read) / during 1,000 answers at ${Math.round(1000 / during.seconds)} /s (${duringAnswers.length} reads) / during a whole-city send of ${ms(sendMs)} (${duringSend.length} reads)`,
      `${ms(pct(idleReads, 95))} / ${ms(pct(duringAnswers, 95))} / ${ms(pct(duringSend, 95))}`,
      '≤ 50 ms during a send',
    ]);

    // 3. 10,000 pending timers: two more whole-city warnings, all timers spread over the next 60 s, fired by the
    //    server's own job loop (one indexed query a second); lateness = when its tick finished − due.
    await built.services.modules.warning.warnings.issue(ctx, input('第三次全市预警'), address);
    await built.services.modules.warning.warnings.issue(ctx, input('第四次全市预警'), address);
    console.error('[bench] three more warnings issued');
    const [{ n: pending } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM warning_timers WHERE fired_at IS NULL`,
    );
    const start = Date.now() + 5_000;
    await database.db.execute(
      sql`UPDATE warning_timers SET due_at = to_timestamp((${start} + (id % 60000)) / 1000.0) WHERE fired_at IS NULL`,
    );
    const lateness: number[] = [];
    const tick = built.services.modules.warning.warnings.tick;
    while (Date.now() < start + 62_000) {
      const now = systemClock();
      let fired = 0;
      do {
        const before = Date.now();
        fired = await tick(now);
        if (fired > 0) {
          const due = await queryRows<{ due: string }>(
            database.db,
            sql`SELECT due_at AS due FROM warning_timers WHERE fired_at = ${now.toISOString()}`,
          );
          const done = Date.now();
          for (const d of due) lateness.push(done - new Date(d.due).getTime());
          void before;
        }
      } while (fired >= 1000);
      console.error(`[bench] t+${Math.round((Date.now() - start) / 1000)} s: ${lateness.length} fired`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    rows.push([
      `escalation timers fired with ${pending} pending (${lateness.length} due in 60 s): lateness p50 / p95 / max`,
      `${ms(pct(lateness, 50))} / ${ms(pct(lateness, 95))} / ${ms(Math.max(...lateness))}`,
      '≤ 5 s',
    ]);

    // 4. Restart: the timers left pending survive, and a new server fires the first due ones.
    const [{ n: left } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM warning_timers WHERE fired_at IS NULL`,
    );
    agent.destroy();
    await built.app.close();
    await database.close();
    const r0 = performance.now();
    database = await open();
    await database.migrate();
    built = await buildApp({ database, logLevel: false, publicRateLimit: false });
    await built.services.start();
    const restartMs = performance.now() - r0;
    const [{ n: after } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM warning_timers WHERE fired_at IS NULL`,
    );
    const firstDue = await built.services.modules.warning.warnings.tick(new Date(Date.now() + 11 * 60_000));
    rows.push([
      `restart with ${left} timers pending: start, timers still pending, fired by the new server's first tick`,
      `${ms(restartMs)}, ${after}, ${firstDue}`,
      'nothing lost',
    ]);
    await built.app.close();
  } finally {
    await database.close().catch(() => undefined);
    await postgres?.drop().catch((e: unknown) => console.error('[bench] drop', e));
    await rm(dir, { recursive: true, force: true });
  }
  const m = machineInfo();
  console.log(
    `\nDatabase: ${postgres ? 'PostgreSQL (BENCH_DATABASE_URL, a throwaway database)' : 'PGlite (embedded)'}\nMachine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, load ${m.loadAverage}, commit ${m.commit}\n`,
  );
  console.log('| case | measured | target |\n|---|---|---|');
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
}

await main();
