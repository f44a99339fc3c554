import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../server/src/db/client';
import { readTrace, replayStatement, SQL_TRACE_HEADER, type TTracedRequest } from '../../server/src/db/sql-trace';
import type { TCase } from './load';

/**
 * Issue 15 item 4: beside each case's API figures, the time of the same SQL run straight through the database driver,
 * with no HTTP, no Fastify, no drizzle and no JSON. The server (started with YINGJI_SQL_TRACE) writes the statements of
 * one request of the case (db/sql-trace.ts); they are then run again, in order, as one "raw request":
 * - on PostgreSQL at the case's concurrency (a pool of as many connections, each running raw requests back to back),
 *   so its p50 compares with the API's p50 at the same load;
 * - on PGlite one at a time after the server has stopped (one backend: ten at once would only queue), so the figure
 *   to compare is the time per request at full throughput, 1000 / req/s, on both sides.
 * The aim is API ≤ 1.5 × raw + 2 ms.
 */
export interface TRawResult {
  statements: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** The API's time per request and the raw one, as compared for the engine (see above), and whether the aim holds. */
  apiMs: number;
  rawMs: number;
  aimMet: boolean;
}

/** One request of the case with the trace header; its statements as the server ran them. */
export async function traceCase(baseUrl: string, c: TCase, traceFile: string): Promise<TTracedRequest> {
  const id = randomUUID();
  const res = await fetch(new URL(c.path, baseUrl), {
    method: c.method,
    headers: {
      [SQL_TRACE_HEADER]: id,
      ...(c.cookie ? { cookie: c.cookie } : {}),
      ...(c.bodies ? { 'content-type': 'application/json', origin: baseUrl } : {}),
    },
    body: c.bodies?.[0],
  });
  await res.arrayBuffer();
  const trace = readTrace(traceFile, id);
  if (!trace) throw new Error(`${c.name}: the server wrote no SQL trace (was it started with YINGJI_SQL_TRACE?)`);
  return trace;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : Number.NaN;

function summarise(latencies: number[], seconds: number) {
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const aim = (apiMs: number, rawMs: number) => apiMs <= 1.5 * rawMs + 2;

/** Reads only: a case that writes (a POST) is not replayed, its statements would change the data under the others. */
export const replayable = (c: TCase) => c.method === 'GET';

/** PostgreSQL: the statements run again at `connections` at once for `seconds` (after a warm-up), compared by p50. */
export async function rawOnPostgres(
  url: string,
  trace: TTracedRequest,
  options: { connections: number; seconds: number; warmupSeconds: number; apiP50: number },
): Promise<TRawResult> {
  const pool = new pg.Pool({ connectionString: url, max: options.connections });
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        const client = await pool.connect();
        try {
          while (performance.now() < until) {
            const started = performance.now();
            for (const s of trace.statements) await client.query(s.sql, s.params);
            latencies.push(performance.now() - started);
          }
        } finally {
          client.release();
        }
      }),
    );
    return latencies;
  };
  try {
    if (options.warmupSeconds > 0) await run(options.warmupSeconds);
    const started = performance.now();
    const latencies = await run(options.seconds);
    const s = summarise(latencies, (performance.now() - started) / 1000);
    return { statements: trace.statements.length, ...s, apiMs: options.apiP50, rawMs: s.p50, aimMet: aim(options.apiP50, s.p50) };
  } finally {
    await pool.end();
  }
}

/**
 * PGlite: after the server has stopped, the data folder opened on this thread and each case's statements run one raw
 * request after another for `seconds`, compared by time per request at throughput (1000 / req/s).
 */
export async function rawOnPglite(
  dataDir: string,
  traced: { trace: TTracedRequest; apiRps: number }[],
  options: { seconds: number; warmupSeconds: number },
): Promise<TRawResult[]> {
  const database = await openDatabase({ dataDir, worker: false });
  try {
    const results: TRawResult[] = [];
    for (const { trace, apiRps } of traced) {
      const run = async (seconds: number) => {
        const latencies: number[] = [];
        const until = performance.now() + seconds * 1000;
        do {
          const started = performance.now();
          for (const s of trace.statements) await replayStatement(database, s);
          latencies.push(performance.now() - started);
        } while (performance.now() < until);
        return latencies;
      };
      if (options.warmupSeconds > 0) await run(options.warmupSeconds);
      const started = performance.now();
      const s = summarise(await run(options.seconds), (performance.now() - started) / 1000);
      const apiMs = 1000 / apiRps;
      const rawMs = 1000 / s.rps;
      results.push({ statements: trace.statements.length, ...s, apiMs, rawMs, aimMet: aim(apiMs, rawMs) });
    }
    return results;
  } finally {
    await database.close();
  }
}
