// `npm run build -w web`: builds web/dist with Vite, unless it was already built from exactly these sources.
// The inputs (web's sources and config, the domain rules it bundles, the lock file) are hashed; the hash is kept in
// dist/.build-stamp after a successful build, and a build with the same hash is skipped. `npm start` and `npm test`
// both build first, so a second run (or CI's second database) no longer rebuilds, and never empties dist/ while a
// server started by the first run is serving it. YINGJI_WEB_BUILD=always builds regardless.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const web = import.meta.dirname;
const root = path.resolve(web, '..');
const stampFile = path.join(web, 'dist', '.build-stamp');

const INPUTS = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'web/package.json',
  'web/tsconfig.json',
  'domain/src',
  'domain/package.json',
  'package-lock.json',
];

/** Every input file (tests excluded), sorted, so the hash depends on content and names only. */
function files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !/\.test\.tsx?$/.test(d.name))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
}

function inputHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files)) {
    hash.update(file.split(path.sep).join('/')).update('\0');
    hash.update(fs.readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

const wanted = inputHash();
const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
if (process.env.YINGJI_WEB_BUILD !== 'always' && built === wanted && fs.existsSync(path.join(web, 'dist', 'index.html'))) {
  console.log(`web/dist is up to date (sources ${wanted.slice(0, 12)}); not rebuilt`);
} else {
  await build({ root: web, configFile: path.join(web, 'vite.config.ts') });
  fs.writeFileSync(stampFile, `${wanted}\n`);
}
