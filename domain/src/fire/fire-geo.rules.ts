/**
 * Forest-fire geometry: where a camera alarm is, whether a mask zone holds it, and where two bearings meet.
 * Positions are [longitude, latitude] in degrees (WGS-84); bearings are degrees clockwise from true north.
 * Distances use a local east/north plane around the points, exact enough over a camera's 10–20 km range.
 */

export type TLngLat = readonly [number, number];

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Metres east and north of `origin` (equirectangular projection at the origin's latitude). */
export function toLocal(origin: TLngLat, p: TLngLat): { x: number; y: number } {
  return {
    x: (p[0] - origin[0]) * RAD * EARTH_RADIUS_M * Math.cos(origin[1] * RAD),
    y: (p[1] - origin[1]) * RAD * EARTH_RADIUS_M,
  };
}

/** The point `x` metres east and `y` metres north of `origin`. */
export function fromLocal(origin: TLngLat, x: number, y: number): [number, number] {
  return [origin[0] + x / (RAD * EARTH_RADIUS_M * Math.cos(origin[1] * RAD)), origin[1] + y / (RAD * EARTH_RADIUS_M)];
}

/** Great-circle distance in metres (haversine). */
export function distanceM(a: TLngLat, b: TLngLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLng = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A bearing brought into [0, 360). */
export const normalizeBearing = (b: number): number => ((b % 360) + 360) % 360;

/** The point `distance` metres from `origin` along `bearing`. */
export function destination(origin: TLngLat, bearing: number, distance: number): [number, number] {
  const b = bearing * RAD;
  return fromLocal(origin, distance * Math.sin(b), distance * Math.cos(b));
}

/** A polygon: its outer ring first, then holes; each ring a list of [lng, lat] (closing point optional). */
export type TPolygon = readonly (readonly TLngLat[])[];

/** Where a point lies relative to one ring: on its boundary within `toleranceM`, inside or outside. */
function ringPosition(ring: readonly TLngLat[], p: TLngLat, toleranceM: number): 'edge' | 'inside' | 'outside' {
  const pts = ring.map((q) => toLocal(p, q));
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const a = pts[i]!;
    const b = pts[j]!;
    // distance from the point (the origin) to segment ab
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(a.x * dx + a.y * dy) / len2));
    if (Math.hypot(a.x + t * dx, a.y + t * dy) <= toleranceM) return 'edge';
    if (a.y > 0 !== b.y > 0 && 0 < ((b.x - a.x) * (0 - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}

/**
 * Where a point lies relative to a polygon with holes. A point on the boundary (within `toleranceM`, 1 m by
 * default) is `edge`; a mask treats the edge as inside, since a kiln on the zone's line is the kiln the zone was
 * drawn for.
 */
export function polygonPosition(polygon: TPolygon, p: TLngLat, toleranceM = 1): 'edge' | 'inside' | 'outside' {
  const [outer, ...holes] = polygon;
  if (!outer || outer.length < 3) return 'outside';
  const o = ringPosition(outer, p, toleranceM);
  if (o !== 'inside') return o;
  for (const hole of holes) {
    const h = ringPosition(hole, p, toleranceM);
    if (h === 'edge') return 'edge';
    if (h === 'inside') return 'outside';
  }
  return 'inside';
}

/** A mask zone holds the point when it is inside or on the boundary of any of its polygons. */
export const zoneHolds = (polygons: readonly TPolygon[], p: TLngLat): boolean =>
  polygons.some((poly) => polygonPosition(poly, p) !== 'outside');

/** The first zone (in the order given) holding the point, or null. */
export function maskingZone<Z extends { id: number; polygons: readonly TPolygon[] }>(zones: readonly Z[], p: TLngLat): Z | null {
  for (const z of zones) if (zoneHolds(z.polygons, p)) return z;
  return null;
}

/** A channel's orientation: where its image centre points, how wide it sees, how far it reliably detects. */
export interface TChannelGeometry {
  /** Bearing of the image centre, degrees from north. */
  headingDeg: number;
  /** Horizontal field of view, degrees. */
  fovDeg: number;
  /** Reliable detection range, metres. */
  rangeM: number;
}

/** The calibration in force at the alarm's time: added to the computed bearing, and to a device's distance. */
export interface TCalibration {
  bearingOffsetDeg: number;
  distanceOffsetM: number;
}

export interface TAlarmSighting {
  /** Bearing the device reports, degrees from north. */
  bearingDeg?: number | null;
  /** Pixel box of the smoke or fire in the image: its horizontal centre gives the bearing when no bearing is sent. */
  box?: { x: number; y: number; w: number; h: number; imageWidth: number } | null;
  /** Distance the device estimates (laser rangefinder or terrain model), metres. */
  distanceM?: number | null;
}

export interface TFirePosition {
  position: [number, number];
  /** The corrected bearing from the site. */
  bearingDeg: number;
  /** Radius in metres within which the fire lies with good confidence. */
  uncertaintyM: number;
  method: 'single' | 'triangulated';
}

/** A pixel box's bearing: the image centre points along the heading, each edge half the field of view aside. */
export function boxBearing(geometry: TChannelGeometry, box: NonNullable<TAlarmSighting['box']>): number {
  const centre = box.x + box.w / 2;
  return geometry.headingDeg + (centre / box.imageWidth - 0.5) * geometry.fovDeg;
}

/**
 * The fire's position from one channel: the site, the bearing (the device's, else from the pixel box, else the
 * heading) corrected by the calibration, and the device's distance (corrected) or half the channel's range. With a
 * measured distance the uncertainty is the lateral spread of a 1° bearing error plus 10 % of the distance; without
 * one it is half the range: one camera fixes a line, not a point.
 */
export function firePosition(
  site: TLngLat,
  geometry: TChannelGeometry,
  calibration: TCalibration,
  sighting: TAlarmSighting,
): TFirePosition {
  const raw = sighting.bearingDeg ?? (sighting.box ? boxBearing(geometry, sighting.box) : geometry.headingDeg);
  const bearingDeg = normalizeBearing(raw + calibration.bearingOffsetDeg);
  const measured = sighting.distanceM != null;
  const distance = measured ? Math.max(0, sighting.distanceM! + calibration.distanceOffsetM) : geometry.rangeM / 2;
  const uncertaintyM = measured ? distance * Math.tan(1 * RAD) + distance * 0.1 : geometry.rangeM / 2;
  return { position: destination(site, bearingDeg, distance), bearingDeg, uncertaintyM, method: 'single' };
}

/**
 * The intersection of two bearings (triangulation) and its uncertainty: each bearing's error of `sigmaDeg` moves
 * the point sideways by r·σ; the two spreads combine and grow as the rays meet at a narrower angle (÷ sin γ).
 * Null when the rays are (nearly, under `minAngleDeg`) parallel or meet behind either camera.
 */
export function triangulate(
  a: { site: TLngLat; bearingDeg: number },
  b: { site: TLngLat; bearingDeg: number },
  sigmaDeg = 1,
  minAngleDeg = 5,
): { position: [number, number]; uncertaintyM: number; rangeA: number; rangeB: number } | null {
  const bl = toLocal(a.site, b.site);
  const da = { x: Math.sin(a.bearingDeg * RAD), y: Math.cos(a.bearingDeg * RAD) };
  const db = { x: Math.sin(b.bearingDeg * RAD), y: Math.cos(b.bearingDeg * RAD) };
  const cross = da.x * db.y - da.y * db.x;
  const sinGamma = Math.abs(cross);
  if (sinGamma < Math.sin(minAngleDeg * RAD)) return null;
  // a + s·da = b + t·db
  const s = (bl.x * db.y - bl.y * db.x) / cross;
  const t = (bl.x * da.y - bl.y * da.x) / cross;
  if (s <= 0 || t <= 0) return null;
  const sigma = sigmaDeg * RAD;
  const uncertaintyM = Math.hypot(s * sigma, t * sigma) / sinGamma;
  return { position: fromLocal(a.site, s * da.x, s * da.y), uncertaintyM, rangeA: s, rangeB: t };
}

/** An open incident as merging sees it. */
export interface TMergeCandidate {
  id: number;
  position: TLngLat;
  lastSeenAt: Date;
}

/**
 * Which open incident an alarm joins: the nearest one within `radiusM` whose last alarm is at most `windowMin`
 * minutes before this one (both bounds inclusive: an alarm at exactly R and exactly T joins). Null starts a new one.
 */
export function mergeTarget<C extends TMergeCandidate>(
  alarm: { position: TLngLat; at: Date },
  open: readonly C[],
  rule: { radiusM: number; windowMin: number },
): C | null {
  let best: C | null = null;
  let bestD = Infinity;
  // a degree of latitude is at least 110.5 km: farther apart in latitude than that can never be within R
  const maxDLat = (rule.radiusM + 1) / 110_500;
  for (const c of open) {
    const gap = alarm.at.getTime() - c.lastSeenAt.getTime();
    if (gap > rule.windowMin * 60_000) continue;
    if (Math.abs(c.position[1] - alarm.position[1]) > maxDLat) continue;
    const d = distanceM(alarm.position, c.position);
    // a tolerance of a millimetre so that "exactly R" survives floating point
    if (d <= rule.radiusM + 1e-3 && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Zhongshan's bounding box (中山市: about 113.15–113.70 E, 22.18–22.78 N), for refusing coordinates off the city. */
export const CITY_BOUNDS = { minLng: 113.1, maxLng: 113.75, minLat: 22.15, maxLat: 22.8 } as const;
export const inCity = (p: TLngLat): boolean =>
  p[0] >= CITY_BOUNDS.minLng && p[0] <= CITY_BOUNDS.maxLng && p[1] >= CITY_BOUNDS.minLat && p[1] <= CITY_BOUNDS.maxLat;

/**
 * The polygons of a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection (other geometries are refused with
 * the reason). Coordinates are [lng, lat] as GeoJSON writes them; a third (height) value is dropped.
 */
export function polygonsFromGeoJson(input: unknown): { polygons: TPolygon[] } | { problem: string } {
  const out: TPolygon[] = [];
  const ring = (r: unknown): TLngLat[] | null =>
    Array.isArray(r) &&
    r.length >= 3 &&
    r.every((p) => Array.isArray(p) && p.length >= 2 && p.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n)))
      ? (r as number[][]).map((p) => [p[0]!, p[1]!] as const)
      : null;
  const polygon = (coords: unknown): string | null => {
    if (!Array.isArray(coords) || coords.length === 0) return '多边形坐标为空';
    const rings = coords.map(ring);
    if (rings.some((r) => r === null)) return '多边形的环须至少有 3 个 [经度, 纬度] 点';
    out.push(rings as TLngLat[][]);
    return null;
  };
  const geometry = (g: unknown): string | null => {
    const t = (g as { type?: unknown } | null)?.type;
    const coords = (g as { coordinates?: unknown }).coordinates;
    if (t === 'Polygon') return polygon(coords);
    if (t === 'MultiPolygon') {
      if (!Array.isArray(coords)) return 'MultiPolygon 坐标不正确';
      for (const c of coords) {
        const p = polygon(c);
        if (p) return p;
      }
      return null;
    }
    return `不支持的几何类型：${String(t)}（只接受 Polygon、MultiPolygon）`;
  };
  const walk = (x: unknown): string | null => {
    const t = (x as { type?: unknown } | null)?.type;
    if (t === 'FeatureCollection') {
      const features = (x as { features?: unknown }).features;
      if (!Array.isArray(features)) return 'FeatureCollection 缺少 features';
      for (const f of features) {
        const p = walk(f);
        if (p) return p;
      }
      return null;
    }
    if (t === 'Feature') return geometry((x as { geometry?: unknown }).geometry ?? null);
    return geometry(x);
  };
  if (input === null || typeof input !== 'object') return { problem: '不是 GeoJSON 对象' };
  const problem = walk(input);
  if (problem) return { problem };
  if (out.length === 0) return { problem: 'GeoJSON 中没有多边形' };
  return { polygons: out };
}
