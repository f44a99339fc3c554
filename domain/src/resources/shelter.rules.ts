/** Pure rules of shelters (应急避难场所): capacity, coordinates, distance, totals. */

/** Capacity from the effective area and the per-person standard (rounded down), unless an override was recorded. */
export function shelterCapacity(areaM2: number, perPersonM2: number, override: number | null): number {
  if (override !== null) return override;
  return Math.floor(areaM2 / perPersonM2 + 1e-9);
}

export interface TBounds {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

/** Coordinates must lie in the city's extent (setting `resources.cityBounds`). */
export function coordinatesProblem(longitude: number, latitude: number, bounds: TBounds): string | null {
  if (longitude < bounds.minLon || longitude > bounds.maxLon || latitude < bounds.minLat || latitude > bounds.maxLat)
    return `坐标（${longitude}, ${latitude}）不在本市范围内（经度 ${bounds.minLon}–${bounds.maxLon}，纬度 ${bounds.minLat}–${bounds.maxLat}）`;
  return null;
}

const EARTH_RADIUS_M = 6_371_008.8; // IUGG mean radius
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function haversineMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * A box around a point that holds every point within `metres` (for an index pre-filter before the exact distance).
 */
export function boxAround(longitude: number, latitude: number, metres: number): TBounds {
  const dLat = (metres / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLon = dLat / Math.max(0.01, Math.cos(rad(latitude)));
  return { minLon: longitude - dLon, maxLon: longitude + dLon, minLat: latitude - dLat, maxLat: latitude + dLat };
}

/** The `limit` nearest of the shelters to a point, with their distance in metres, nearest first. */
export function nearestShelters<T extends { id: number; longitude: number; latitude: number }>(
  shelters: readonly T[],
  point: { longitude: number; latitude: number },
  limit: number,
): (T & { distanceM: number })[] {
  return shelters
    .map((s) => ({ ...s, distanceM: Math.round(haversineMetres(point.longitude, point.latitude, s.longitude, s.latitude)) }))
    .sort((a, b) => a.distanceM - b.distanceM || a.id - b.id)
    .slice(0, limit);
}

export interface TShelterTotals {
  shelters: number;
  areaM2: number;
  capacity: number;
}

/** Sums shelters into totals (area in m², capacity in people). */
export function sumShelters(rows: readonly { areaM2: number; capacity: number }[]): TShelterTotals {
  const zero: TShelterTotals = { shelters: 0, areaM2: 0, capacity: 0 };
  return rows.reduce<TShelterTotals>(
    (t, r) => ({ shelters: t.shelters + 1, areaM2: t.areaM2 + r.areaM2, capacity: t.capacity + r.capacity }),
    zero,
  );
}
