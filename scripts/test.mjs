// @ts-check
/**
 * `npm test`: every test, in two Vitest processes side by side.
 *
 * The browser journeys run one at a time (each starts its own server and Chromium) and spend most of their time
 * waiting on the browser; the domain and server files keep both cores busy. In one Vitest process the journeys could
 * only start after every other file had ended (Vitest runs a project without file parallelism in a group of its own,
 * after the others), so the cores sat half idle for the journeys' whole length. Here the journeys run in their own
 * process at normal priority while the domain and server files run beside them at a lower one (`nice`), filling the
 * time the journeys wait without slowing what a journey waits for.
 *
 * Each process prints its own `N passed, N failed` line (server/test/summary-reporter.ts); this script keeps those
 * lines and prints one combined line at the very end, which CI reads. With arguments (`npm test -- some/file.test.ts`,
 * `--project server`), it runs one ordinary Vitest with them.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

// the package's bin script (its exports do not name it)
const vitest = path.join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const args = process.argv.slice(2);

/** @param {string[]} argv @param {boolean} lowPriority */
function command(argv, lowPriority) {
  const base = [process.execPath, vitest, 'run', ...argv];
  const nice = lowPriority && spawnSync('nice', ['-n', '0', 'true']).status === 0;
  return nice ? ['nice', '-n', '10', ...base] : base;
}

if (args.length > 0) {
  const [cmd, ...rest] = command(args, false);
  const child = spawn(/** @type {string} */ (cmd), rest, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;
  const runs = [
    { name: 'domain+server', argv: ['--project', 'domain', '--project', 'server'], lowPriority: true },
    { name: 'e2e', argv: ['--project', 'e2e'], lowPriority: false },
  ];
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  /** @type {Array<Promise<{ name: string; code: number; summary: RegExpExecArray | null }>>} */
  const done = runs.map(
    (run) =>
      new Promise((resolve) => {
        const [cmd, ...rest] = command(run.argv, run.lowPriority);
        const child = spawn(/** @type {string} */ (cmd), rest, { stdio: ['ignore', 'pipe', 'pipe'] });
        children.push(child);
        /** @type {RegExpExecArray | null} */
        let summary = null;
        // Whole lines only, so the two processes' lines never mix within a line.
        readline.createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) }).on('line', (line) => {
          const match = SUMMARY.exec(line);
          if (match) summary = match;
          process.stdout.write(match ? `[${run.name}] ${line}\n` : `${line}\n`);
        });
        readline.createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stderr) }).on('line', (line) => {
          process.stderr.write(`${line}\n`);
        });
        child.on('close', (code, signal) => resolve({ name: run.name, code: code ?? (signal ? 1 : 0), summary }));
      }),
  );
  // Ctrl-C or CI's timeout: stop both runs, not only this script.
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(sig, () => {
      for (const child of children) child.kill(sig);
      process.exit(130);
    });
  }
  const results = await Promise.all(done);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const { name, code, summary } of results) {
    if (summary) {
      passed += Number(summary[1]);
      failed += Number(summary[2]);
      skipped += Number(summary[3] ?? 0);
    }
    // A run that failed without a summary line (it did not start, or crashed) still counts as a failure.
    if (code !== 0 && (!summary || Number(summary[2]) === 0)) {
      process.stdout.write(`FAILED TEST: the ${name} run ended with exit ${code}\n`);
      failed += 1;
    }
  }
  process.stdout.write(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
}
