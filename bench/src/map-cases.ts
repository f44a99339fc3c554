import type { TBenchCase, TCaseContext } from './cases';
import { BENCH_DRAW_ACCOUNTS } from './generate';

/**
 * Issue 21 item 4: the city map (一张图). The layer list, then every layer's points with the per-town counts as a bureau
 * officer (the whole city, the most points) and the two largest as a town officer (石岐). "The map with all layers"
 * is the sum of the officer's layer cases: the page asks for one layer at a time. Layers are kept per (layer, scope)
 * while the database has not changed: the cases measure the kept answer (the first asking after a write computes it
 * again, in SQL that writes the points' JSON; RESULTS.md gives that cost apart). Then one point's details (the tooltip and the click). With
 * `BENCH_CASES=map,shelters` the shelters layer is measured after the resources cases' 10,000-shelter import.
 */
export async function mapCases({ townCookie, login, get }: TCaseContext): Promise<TBenchCase[]> {
  const officer = await login(BENCH_DRAW_ACCOUNTS.officer);
  const { layers } = await get<{ layers: { key: string }[] }>('/api/map/layers', officer);
  const firms = await get<{ points: [number, number, number, string][] }>('/api/map/layers/risk.firms/points', officer);
  const firm = firms.points[0]?.[2];
  if (firm === undefined) throw new Error('no graded firm on the risk.firms layer');
  return [
    { name: 'map layers list, bureau officer', method: 'GET', path: '/api/map/layers', cookie: officer },
    ...layers.map((l): TBenchCase => ({
      name: `map layer ${l.key}, bureau officer`,
      method: 'GET',
      path: `/api/map/layers/${l.key}/points`,
      cookie: officer,
    })),
    ...['risk.firms', 'inspection.month'].map((key): TBenchCase => ({
      name: `map layer ${key}, town officer (石岐)`,
      method: 'GET',
      path: `/api/map/layers/${key}/points`,
      cookie: townCookie,
    })),
    {
      name: 'map point details (risk.firms, the first red firm), bureau officer',
      method: 'GET',
      path: `/api/map/layers/risk.firms/points/${firm}`,
      cookie: officer,
    },
  ];
}
