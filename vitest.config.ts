import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Seconds each journey took in CI, on PostgreSQL (its log's file lines at 20a4cb7; a journey that ran on the embedded
 * database there is counted at its time divided by 1.15, the embedded run's slowness on journeys): the journeys are
 * dealt by these, so the two runs end together. A journey not listed is estimated from its size (about 210 bytes a
 * second there). Update the table when a journey grows or shrinks much.
 */
const JOURNEY_SECONDS: Record<string, number> = {
  'enterprise-journey': 100,
  'case-journey': 98,
  'hazard-journey': 65,
  'resources-journey': 64,
  'inspection-journey': 56,
  'org-journey': 52,
  'crash-safety': 55,
  'risk-journey': 48,
  'drill-journey': 42,
  'findings-journey': 37,
  'pages-journey': 30,
  'accident-journey': 29,
  'warning-journey': 28,
  'load-journey': 27,
  'fire-journey': 25,
  'auth-home-journey': 14,
};

/**
 * The browser journeys to run. CI runs `npm test` once per database engine and would pass its time limit running
 * every journey twice, so it sets YINGJI_E2E_PART=1/2 on one engine and 2/2 on the other: each journey runs once per
 * CI, on one engine or the other, dealt out longest first to the run with the less work so far, each run's work
 * weighed by its share. Every server test still runs on both engines. Without the variable (`npm test` on a
 * developer's machine) every journey runs.
 */
function journeys(): string[] {
  const part = process.env['YINGJI_E2E_PART'];
  if (!part) return ['e2e/src/**/*.test.ts'];
  const match = /^(\d+)\/(\d+)$/.exec(part);
  const [k, n] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!(n >= 1 && k >= 1 && k <= n)) throw new Error(`YINGJI_E2E_PART should be k/n (e.g. 1/2), not ${part}`);
  const dir = path.join(import.meta.dirname, 'e2e/src');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => ({
      file: `e2e/src/${f}`,
      seconds: JOURNEY_SECONDS[f.replace(/\.test\.ts$/, '')] ?? fs.statSync(path.join(dir, f)).size / 210,
    }))
    .sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file));
  // The embedded run (part 1) also runs the heavier server tests (PGlite is several times slower than PostgreSQL): its
  // share of the journeys is a little smaller. (Giving it the larger share was tried at 96cd824: its journeys then ran
  // beside its server tests for longer and both slowed, 610 s against 491; CI is short of cores, not of balance.)
  const weight = (i: number) => (n === 2 ? [10, 11][i]! : 1);
  const lightestOf = (xs: number[]) => xs.indexOf(Math.min(...xs));
  const loads = new Array<number>(n).fill(0);
  const parts = Array.from({ length: n }, () => [] as string[]);
  for (const { file, seconds } of files) {
    const pinned = n === 2 && file.endsWith('crash-safety.test.ts') ? 1 : -1;
    const lightest = pinned >= 0 ? pinned : lightestOf(loads.map((l, i) => l / weight(i)));
    loads[lightest] += seconds;
    parts[lightest]!.push(file);
  }
  return parts[k - 1]!;
}

/**
 * Server tests that walk the HTTP layer rather than the storage (every route with each role and odd encodings of its
 * path; generated bad bodies for every write endpoint) ask the same of either engine and take minutes on the embedded
 * one. In CI they run once, on PostgreSQL (YINGJI_E2E_PART=2/2), where a partial write is also the harder to hide; the
 * embedded run (1/2) leaves them out. Without the variable they run.
 */
const HTTP_WALKS = ['server/src/http/route-walk.test.ts', 'server/src/http/fuzz.test.ts'];
/**
 * Likewise one kill test per engine: the fire outbox's kill -9 of a real server runs on the embedded database (1/2),
 * the crash test of imports and restores (e2e/src/crash-safety.test.ts) on PostgreSQL (2/2).
 */
const KILL_ON_EMBEDDED = ['server/src/modules/fire/fire-restart.test.ts'];
const leaveOut = { '1/2': HTTP_WALKS, '2/2': KILL_ON_EMBEDDED }[process.env['YINGJI_E2E_PART'] ?? ''] ?? [];
/** The domain's tests touch no database: in CI they run once, in the PostgreSQL run (2/2), the lighter of the two. */
const domainLeftOut = process.env['YINGJI_E2E_PART'] === '1/2';

export default defineConfig({
  test: {
    projects: [
      // Test files of a project share their worker's module cache (isolate: false): every server file imported the
      // whole server again (about 2 s each on this machine's two cores, 146 s a run). Each file still gets its own
      // database and app from the harness; the server and domain suites take less than half the time.
      { test: { name: 'domain', include: domainLeftOut ? [] : ['domain/src/**/*.test.ts'], isolate: false } },
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...leaveOut],
          globalSetup: ['server/test/global-setup.ts'],
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: journeys(),
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['e2e/src/support/global-setup.ts'],
          setupFiles: ['e2e/src/support/diagnostics-setup.ts'],
          // a page that waits for the server may take seconds on a busy 2-core machine (CI runs both engines at once)
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
    // Vitest's default on two cores is one worker, which ran every file one after another. With two, the server and
    // domain files run beside the browser journeys (one journey at a time, `fileParallelism: false` above), which
    // spend most of their time waiting on the browser and the journey's own server.
    maxWorkers: 2,
    reporters: ['default', './server/test/summary-reporter.ts'],
  },
});
