import fs from 'node:fs';
import type { TScale } from './generate';
import type { TCaseResult } from './load';
import type { TMachine } from './machine';

export interface TRunReport {
  kind: 'pglite' | 'postgres';
  scale: TScale;
  database: string;
  machine: TMachine;
  generated: { counts: Record<string, number>; fingerprint: string; seed: number; ms: number };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number; logLevel: string };
  results: TCaseResult[];
  /** One-off operations timed end to end (a regulator import), with what they did. */
  timings?: { name: string; seconds: number; detail: string }[];
}

const HEADER = `# Benchmark results

How to run (from the repository root; bench/README.md lists the settings):

\`\`\`sh
npm run bench                                          # PGlite, city scale
BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
                                                       # + PostgreSQL, city and province scale
\`\`\`

Each run appends a dated section below; earlier sections are kept. The server is the real one
(\`server/src/main.ts\`) in its own process; autocannon drives it over loopback from the runner
process. Latencies are the client's. "Node CPU" is the user + system CPU of the server process (all
its threads, argon2's included) divided by the requests it answered in the measured window; with
PGlite the database runs inside that process, so its work is counted there. "PostgreSQL CPU" is the
CPU of the PostgreSQL server when it runs on the same machine (its postmaster and every process it
forked: backends, checkpointer, WAL writer …) over the same window, divided the same way.

The cases: login (argon2id verify, a session row and an audit entry per login); the first page of
the user list as the city administrator (users are listed by administrators only: \`user.read\` is
admin-only in domain/src/org/org.policy.ts, so a town officer cannot be measured on it); at province
scale also as the provincial administrator, whose scope holds every user; the divisions list and
\`/api/auth/me\` as a town officer (the cheapest authenticated requests: the session lookup and one query);
the enterprise registry: the first page unfiltered, filtered by town and category, and by keyword, as the
city (or provincial) administrator and as a town officer. At city scale the regulator import is timed end
to end over HTTP: a 40,000-row .xlsx built from the registry itself (10 % renamed, 1,492 new firms, the
rest unchanged) uploaded, previewed and applied.
`;

const ms = (v: number): string => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '—');
const cpu = (v: number | null): string => (v === null ? '—' : Number.isFinite(v) ? v.toFixed(2) : '—');

/** The API beside its own SQL run straight through the driver (raw-sql.ts), and the aim API ≤ 1.5 × raw + 2 ms. */
function rawTable(report: TRunReport): string[] {
  const rows = report.results.filter((r) => r.raw);
  if (rows.length === 0) return [];
  const compared =
    report.kind === 'pglite'
      ? 'time per request at throughput (1000 / req/s): the API at its connections, the SQL one request at a time (one backend)'
      : `p50 at ${report.settings.connections} connections on both sides`;
  const met = rows.filter((r) => r.raw!.aimMet).length;
  return [
    `API against raw SQL (the statements one request ran, again straight through the driver; compared: ${compared}). Aim API ≤ 1.5 × raw + 2 ms: met by ${met} of ${rows.length}.`,
    '',
    '| case | statements | raw SQL req/s | raw SQL p50 ms | raw SQL p99 ms | API ms | raw ms | API / raw | aim |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => {
      const x = r.raw!;
      return `| ${r.name} | ${x.statements} | ${x.rps.toFixed(0)} | ${ms(x.p50)} | ${ms(x.p99)} | ${ms(x.apiMs)} | ${ms(x.rawMs)} | ${(x.apiMs / x.rawMs).toFixed(2)} | ${x.aimMet ? 'met' : 'not met'} |`;
    }),
    '',
  ];
}

function section(report: TRunReport): string {
  const counts = Object.entries(report.generated.counts)
    .map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`)
    .join(', ');
  const lines = [
    `### ${report.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}, ${report.scale} scale`,
    '',
    `- Database: ${report.database}`,
    `- Data: ${counts} (seed ${report.generated.seed}, fingerprint \`${report.generated.fingerprint}\`, generated in ${(report.generated.ms / 1000).toFixed(1)} s)`,
    ...(report.results.length
      ? [
          `- Load: ${report.settings.connections} connections, ${report.settings.durationSeconds} s per case after a ${report.settings.warmupSeconds} s warm-up; server log level \`${report.settings.logLevel}\``,
          '',
          '| case | request | requests | req/s | p50 ms | p95 ms | p99 ms | Node CPU ms/req | PostgreSQL CPU ms/req | non-2xx / errors |',
          '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
          ...report.results.map(
            (r) =>
              `| ${r.name} | \`${r.method} ${r.path}\` | ${r.requests.toLocaleString('en-US')} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${cpu(r.serverCpuMsPerRequest)} | ${cpu(r.databaseCpuMsPerRequest)} | ${r.non2xx} / ${r.errors} |`,
          ),
        ]
      : [`- Server log level \`${report.settings.logLevel}\``]),
    '',
    ...rawTable(report),
    ...(report.timings?.length
      ? [
          '| operation | seconds | what it did |',
          '|---|---:|---|',
          ...report.timings.map((t) => `| ${t.name} | ${t.seconds < 1 ? t.seconds.toFixed(3) : t.seconds.toFixed(1)} | ${t.detail} |`),
          '',
        ]
      : []),
  ];
  return lines.join('\n');
}

/** Appends one dated section with every report of the run to RESULTS.md, creating the file with its how-to. */
export function appendRun(file: string, at: Date, machine: TMachine, reports: TRunReport[]): void {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER;
  const when = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const body = [
    `## ${when}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, Node ${machine.node}, ${machine.os}; ` +
      `load average ${machine.loadAverage} at the start. Commit ${machine.commit} (\`+\`: with uncommitted changes).`,
    '',
    ...reports.map(section),
  ].join('\n');
  fs.writeFileSync(file, `${existing.trimEnd()}\n\n${body}`);
}
