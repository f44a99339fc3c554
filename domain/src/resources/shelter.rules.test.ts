import { describe, expect, it } from 'vitest';
import { boxAround, coordinatesProblem, haversineMetres, nearestShelters, shelterCapacity, sumShelters } from './shelter.rules';

const ZS = { minLon: 113.15, maxLon: 113.77, minLat: 22.18, maxLat: 22.79 };
// One degree of arc on the mean sphere: 6,371,008.8 m × π / 180 = 111,195.08 m.
const DEG = 111_195.08;

describe('shelter capacity', () => {
  it.each([
    [1000, 2, null, 500],
    [1001, 2, null, 500],
    [999.9, 2, null, 499],
    [1275, 4.25, null, 300],
    [1000, 2, 420, 420],
    [0, 2, null, 0],
  ])('%f m² at %f m²/person, override %s → %i', (area, per, override, capacity) =>
    expect(shelterCapacity(area, per, override)).toBe(capacity),
  );
});

describe('coordinates', () => {
  it.each([
    [113.39, 22.52, null],
    [113.15, 22.18, null],
    [113.77, 22.79, null],
    [113.14, 22.52, '坐标（113.14, 22.52）不在本市范围内（经度 113.15–113.77，纬度 22.18–22.79）'],
    [113.39, 22.8, '坐标（113.39, 22.8）不在本市范围内（经度 113.15–113.77，纬度 22.18–22.79）'],
    [116.4, 39.9, '坐标（116.4, 39.9）不在本市范围内（经度 113.15–113.77，纬度 22.18–22.79）'],
  ])('(%f, %f) → %s', (lon, lat, problem) => expect(coordinatesProblem(lon, lat, ZS)).toBe(problem));
});

describe('haversine distance against hand-computed values', () => {
  it('0.01° north is 0.01 × 111,195.08 m', () => {
    expect(haversineMetres(113.39, 22.52, 113.39, 22.53)).toBeCloseTo(0.01 * DEG, 1); // 1111.95 m
  });
  it('0.01° east at 22.52° N is 0.01 × 111,195.08 × cos 22.52° m', () => {
    // cos 22.52° = 0.923737 → 1027.15 m
    expect(haversineMetres(113.39, 22.52, 113.4, 22.52)).toBeCloseTo(1027.15, 0);
  });
  it('a 3-4-5 triangle near the equator is 5 units', () => {
    expect(haversineMetres(0, 0, 0.03, 0.04)).toBeCloseTo(0.05 * DEG, -1); // 5,559.75 m, within 10 m
  });
  it('is zero at the same point and symmetric', () => {
    expect(haversineMetres(113.39, 22.52, 113.39, 22.52)).toBe(0);
    expect(haversineMetres(113.2, 22.3, 113.6, 22.7)).toBeCloseTo(haversineMetres(113.6, 22.7, 113.2, 22.3), 6);
  });
  it('orders the nearest shelters and gives whole metres', () => {
    const shelters = [
      { id: 1, longitude: 113.4, latitude: 22.52 },
      { id: 2, longitude: 113.39, latitude: 22.53 },
      { id: 3, longitude: 113.39, latitude: 22.521 },
    ];
    expect(nearestShelters(shelters, { longitude: 113.39, latitude: 22.52 }, 2).map((s) => [s.id, s.distanceM])).toEqual([
      [3, 111],
      [1, 1027],
    ]);
  });
  it('boxes every point within the radius', () => {
    const b = boxAround(113.39, 22.52, 1000);
    expect(haversineMetres(113.39, 22.52, b.maxLon, 22.52)).toBeCloseTo(1000, 0);
    expect(haversineMetres(113.39, 22.52, 113.39, b.maxLat)).toBeCloseTo(1000, 0);
  });
});

describe('totals', () => {
  it('sums the rows', () => {
    expect(
      sumShelters([
        { areaM2: 1000, capacity: 200 },
        { areaM2: 2500.5, capacity: 600 },
      ]),
    ).toEqual({ shelters: 2, areaM2: 3500.5, capacity: 800 });
  });
});
