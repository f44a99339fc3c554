import { describe, expect, it } from 'vitest';
import {
  destination,
  distanceM,
  firePosition,
  fromLocal,
  inCity,
  maskingZone,
  mergeTarget,
  polygonPosition,
  polygonsFromGeoJson,
  toLocal,
  triangulate,
  type TLngLat,
  type TPolygon,
} from './fire-geo.rules';

const O: TLngLat = [113.4, 22.5];
const local = (x: number, y: number) => fromLocal(O, x, y);
// a 2 km square centred on O, with a 400 m hole in its middle
const square: TPolygon = [[local(-1000, -1000), local(1000, -1000), local(1000, 1000), local(-1000, 1000)]];
const donut: TPolygon = [square[0]!, [local(-200, -200), local(200, -200), local(200, 200), local(-200, 200)]];

describe('mask polygon: inside, outside, on the edge (the edge masks)', () => {
  it.each([
    ['centre', square, local(0, 0), 'inside'],
    ['near a corner, inside', square, local(990, 990), 'inside'],
    ['outside to the east', square, local(1500, 0), 'outside'],
    ['on the east edge', square, local(1000, 0), 'edge'],
    ['on a vertex', square, local(1000, 1000), 'edge'],
    ['half a metre outside the edge (within the 1 m tolerance)', square, local(1000.5, 0), 'edge'],
    ['two metres outside the edge', square, local(1002, 0), 'outside'],
    ['two metres inside the edge', square, local(998, 0), 'inside'],
    ['in the hole', donut, local(0, 0), 'outside'],
    ['on the hole’s edge', donut, local(200, 0), 'edge'],
    ['between the hole and the outer ring', donut, local(500, 0), 'inside'],
    ['a degenerate ring', [[local(0, 0), local(1, 1)]], local(0, 0), 'outside'],
  ] as const)('%s', (_name, polygon, p, expected) => {
    expect(polygonPosition(polygon, p)).toBe(expected);
  });

  it('picks the first zone holding the point, edge included, and none outside every zone', () => {
    const zones = [
      { id: 1, polygons: [donut] },
      { id: 2, polygons: [square] },
    ];
    expect(maskingZone(zones, local(0, 0))?.id).toBe(2);
    expect(maskingZone(zones, local(1000, 0))?.id).toBe(1);
    expect(maskingZone(zones, local(500, 0))?.id).toBe(1);
    expect(maskingZone(zones, local(3000, 0))).toBeNull();
  });
});

describe('merging at exactly R and T (both inclusive)', () => {
  const t0 = new Date('2026-03-02T04:00:00Z');
  const open = [{ id: 7, position: O, lastSeenAt: t0 }];
  const rule = { radiusM: 500, windowMin: 10 };
  const at = (ms: number) => new Date(t0.getTime() + ms);
  it.each([
    ['same place, same minute', O, at(60_000), 7],
    ['exactly R away, exactly T later', destination(O, 90, 500), at(600_000), 7],
    ['exactly R north', destination(O, 0, 500), at(0), 7],
    ['a metre past R', destination(O, 90, 501), at(0), null],
    ['a millisecond past T', O, at(600_001), null],
  ] as const)('%s', (_name, position, when, expected) => {
    expect(mergeTarget({ position, at: when }, open, rule)?.id ?? null).toBe(expected);
  });
  it('joins the nearest of two open incidents in range', () => {
    const two = [
      { id: 1, position: destination(O, 90, 400), lastSeenAt: t0 },
      { id: 2, position: destination(O, 90, 100), lastSeenAt: t0 },
    ];
    expect(mergeTarget({ position: O, at: t0 }, two, rule)?.id).toBe(2);
  });
  it('measures exactly R as R', () => {
    expect(distanceM(O, destination(O, 90, 500))).toBeCloseTo(500, 2);
  });
});

describe('fire position from site, heading and calibration', () => {
  const geometry = { headingDeg: 90, fovDeg: 60, rangeM: 10_000 };
  const cal = { bearingOffsetDeg: 2, distanceOffsetM: -100 };
  const at = (p: [number, number]) => toLocal(O, p);
  it('uses the device’s bearing plus the offset, half the range when no distance is measured', () => {
    const r = firePosition(O, geometry, cal, { bearingDeg: 100 });
    expect(r.bearingDeg).toBe(102);
    expect(r.uncertaintyM).toBe(5000);
    const p = at(r.position);
    expect(p.x).toBeCloseTo(5000 * Math.sin((102 * Math.PI) / 180), 3);
    expect(p.y).toBeCloseTo(5000 * Math.cos((102 * Math.PI) / 180), 3);
  });
  it('takes the bearing from the pixel box: centre at three quarters of the width is heading + fov/4', () => {
    const r = firePosition(O, geometry, cal, { box: { x: 1400, y: 500, w: 80, h: 60, imageWidth: 1920 }, distanceM: 3000 });
    expect(r.bearingDeg).toBe(107);
    // 2,900 m after the offset; 1° lateral spread 50.62 m + 10 % of the distance 290 m
    expect(r.uncertaintyM).toBeCloseTo(340.62, 2);
    expect(Math.hypot(at(r.position).x, at(r.position).y)).toBeCloseTo(2900, 3);
  });
  it('wraps a bearing past north', () => {
    expect(firePosition(O, { ...geometry, headingDeg: 355 }, { bearingOffsetDeg: 10, distanceOffsetM: 0 }, {}).bearingDeg).toBe(5);
  });
});

describe('triangulation against hand-computed positions', () => {
  const B1 = local(1000, 0);
  it.each([
    // A at the origin looking NE, B 1 km east looking NW: they meet at (500, 500); r = 707.1 m each, at 90°
    ['right angle', 45, B1, 315, { x: 500, y: 500 }, 17.453],
    // A looking north, B at (1000, 1000) looking west: they meet at (0, 1000); r = 1,000 m each
    ['north and west', 0, local(1000, 1000), 270, { x: 0, y: 1000 }, 24.682],
    // A north, B 1 km east at 330°: t = 2,000, s = 1,732.05, at 30°: √(1732.05² + 2000²)·σ / 0.5
    ['narrow 30°', 0, B1, 330, { x: 0, y: 1732.051 }, 92.354],
  ] as const)('%s', (_name, ba, siteB, bb, expected, uncertainty) => {
    const r = triangulate({ site: O, bearingDeg: ba }, { site: siteB, bearingDeg: bb })!;
    const p = toLocal(O, r.position);
    expect(p.x).toBeCloseTo(expected.x, 1);
    expect(p.y).toBeCloseTo(expected.y, 1);
    expect(r.uncertaintyM).toBeCloseTo(uncertainty, 1);
  });
  it('refuses parallel rays, rays meeting at under 5°, and rays that meet behind a camera', () => {
    expect(triangulate({ site: O, bearingDeg: 0 }, { site: B1, bearingDeg: 0 })).toBeNull();
    expect(triangulate({ site: O, bearingDeg: 0 }, { site: B1, bearingDeg: 356 })).toBeNull();
    expect(triangulate({ site: O, bearingDeg: 225 }, { site: B1, bearingDeg: 135 })).toBeNull();
  });
  it('doubles the uncertainty with a 2° bearing error', () => {
    expect(triangulate({ site: O, bearingDeg: 45 }, { site: B1, bearingDeg: 315 }, 2)!.uncertaintyM).toBeCloseTo(34.906, 1);
  });
});

describe('city bounds', () => {
  it.each([
    [[113.4, 22.5], true],
    [[113.1, 22.15], true],
    [[113.09, 22.5], false],
    [[113.4, 22.81], false],
    [[0, 0], false],
  ] as const)('%j in the city: %s', (p, expected) => expect(inCity(p)).toBe(expected));
});

describe('GeoJSON import', () => {
  const ringA = [
    [113.4, 22.5],
    [113.41, 22.5],
    [113.41, 22.51, 12],
  ];
  it.each([
    ['a Polygon', { type: 'Polygon', coordinates: [ringA] }, 1],
    ['a MultiPolygon', { type: 'MultiPolygon', coordinates: [[ringA], [ringA]] }, 2],
    ['a Feature', { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ringA] } }, 1],
    [
      'a FeatureCollection',
      { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ringA] } }] },
      1,
    ],
  ])('reads %s', (_n, g, n) => {
    const r = polygonsFromGeoJson(g);
    expect('polygons' in r && r.polygons.length).toBe(n);
    if ('polygons' in r) expect(r.polygons[0]![0]![2]).toEqual([113.41, 22.51]);
  });
  it.each([
    ['a point', { type: 'Point', coordinates: [113.4, 22.5] }, '不支持的几何类型：Point（只接受 Polygon、MultiPolygon）'],
    [
      'a two-point ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [113.4, 22.5],
            [113.41, 22.5],
          ],
        ],
      },
      '多边形的环须至少有 3 个 [经度, 纬度] 点',
    ],
    ['an empty collection', { type: 'FeatureCollection', features: [] }, 'GeoJSON 中没有多边形'],
    ['a string', 'abc', '不是 GeoJSON 对象'],
  ])('refuses %s', (_n, g, problem) => expect(polygonsFromGeoJson(g)).toEqual({ problem }));
});
