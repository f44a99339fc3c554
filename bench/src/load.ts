import fs from 'node:fs';
import autocannon, { type Result } from 'autocannon';
import { parentPid, processCpuMs } from './machine';
import type { TRawResult } from './raw-sql';

export interface TCase {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Cookie of the logged-in user the case runs as. */
  cookie?: string;
  /** Request bodies, used in turn (login rotates over many accounts). */
  bodies?: string[];
  /**
   * Concurrent connections for this case instead of the run's (BENCH_CONNECTIONS): 1 for the latency one user sees
   * when recording (ten writers at once queue on the audit chain, a throughput figure, not a latency).
   */
  connections?: number;
  /** Run once before the case is checked and measured (data the earlier cases must not see). */
  before?: (baseUrl: string) => Promise<void>;
}

export interface TCaseResult {
  name: string;
  method: string;
  path: string;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** CPU of the Node server process (all threads) per completed request. */
  serverCpuMsPerRequest: number;
  /** CPU of the local PostgreSQL server processes per request, when the database is a local server. */
  databaseCpuMsPerRequest: number | null;
  /** The same request's SQL straight through the driver (raw-sql.ts), for read cases. */
  raw?: TRawResult;
}

export interface TLoadOptions {
  baseUrl: string;
  serverPid: number;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /**
   * PID of the local PostgreSQL server's postmaster, to count the CPU of that server (the postmaster and
   * its children: backends, checkpointer, WAL writer …) and of no other cluster on the machine.
   */
  postmasterPid: number | null;
}

/** CPU in ms of a PostgreSQL server: its postmaster and the processes it forked (one backend per connection …). */
function postgresCpuMs(postmasterPid: number): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      // the postmaster counts its ended backends too, so that a connection closing mid-case does not take its CPU away
      if (pid === postmasterPid) total += processCpuMs(pid, { reapedChildren: true });
      else if (parentPid(pid) === postmasterPid) total += processCpuMs(pid);
    } catch {
      // the process ended between readdir and read
    }
  }
  return total;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

interface TRun {
  latencies: number[];
  result: Result;
}

function fire(options: TLoadOptions, c: TCase, seconds: number): Promise<TRun> {
  const url = new URL(c.path, options.baseUrl);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (c.cookie) headers.cookie = c.cookie;
  // The server refuses a state-changing request whose Origin is not its own (CSRF guard).
  if (c.method !== 'GET') Object.assign(headers, { 'content-type': 'application/json', origin: url.origin });
  const bodies = c.bodies ?? [];
  let next = 0;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.origin,
        connections: c.connections ?? options.connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: c.method,
            path: url.pathname + url.search,
            headers,
            ...(bodies.length
              ? {
                  setupRequest: (request) => {
                    request.body = bodies[next++ % bodies.length]!;
                    return request;
                  },
                }
              : {}),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve({ latencies, result })),
    );
    instance.on('response', (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/**
 * Drives one case over loopback with autocannon from this process, while the server runs in its own
 * process, so the server's CPU per request is not mixed with the load generator's. A short warm-up
 * (JIT, connection pools, caches) is run first and not counted.
 */
export async function runCase(options: TLoadOptions, c: TCase): Promise<TCaseResult> {
  if (options.warmupSeconds > 0) await fire(options, c, options.warmupSeconds);
  const cpuBefore = processCpuMs(options.serverPid);
  const pgBefore = options.postmasterPid ? postgresCpuMs(options.postmasterPid) : 0;
  const started = performance.now();
  const { latencies, result } = await fire(options, c, options.durationSeconds);
  const seconds = (performance.now() - started) / 1000;
  const cpu = processCpuMs(options.serverPid) - cpuBefore;
  const pg = options.postmasterPid ? postgresCpuMs(options.postmasterPid) - pgBefore : 0;

  latencies.sort((a, b) => a - b);
  const requests = latencies.length;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = Number(stat.count);
  return {
    name: c.name,
    method: c.method,
    path: c.path,
    requests,
    seconds,
    rps: requests / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    serverCpuMsPerRequest: requests ? cpu / requests : Number.NaN,
    databaseCpuMsPerRequest: options.postmasterPid && requests ? pg / requests : null,
  };
}
