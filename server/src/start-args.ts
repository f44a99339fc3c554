import fs from 'node:fs';
import path from 'node:path';

/**
 * The Node.js flags `npm start` runs the server with, read from package.json's `start` script, so that the bench and
 * the browser journeys start the server exactly as a bureau does. Among them `--max-semi-space-size=2`: V8's young
 * generation grows to 16 MiB per semi-space by default, and under 200 users that alone held the server's peak RSS
 * at 380–390 MiB; with 2 MiB it peaks at about 255 MiB for the same Node CPU per request (bench/RESULTS.md,
 * 2026-12-05, issue 15 item 7).
 */
export function startNodeArgs(repoRoot = path.resolve(import.meta.dirname, '../..')): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /\bnode ((?:\S+ )*?)server\/src\/main\.ts/.exec(pkg.scripts.start);
  if (!match) throw new Error(`package.json's start script does not run server/src/main.ts with node: ${pkg.scripts.start}`);
  return match[1]!.trim().split(/\s+/);
}
