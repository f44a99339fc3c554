/** What the hazard views should show, counted straight from the hazards rows as they are in the database. */
import { expect } from 'vitest';
import { isHazardOverdue, type THazardState } from '@yingji/domain';
import { hazards } from '../../../db/schema/index';
import type { THarness } from '../../../../test/harness';

export const NOW = '2026-05-20T02:00:00.000Z'; // 2026-05-20 in Asia/Shanghai
export const TODAY = '2026-05-20';

export type TRow = typeof hazards.$inferSelect;
export const inScope = (r: TRow, scope: string) => r.divisionCode.startsWith(scope);
export const isClosed = (r: TRow) => r.state === 'closed' && r.closedOn !== null;

export function expectedDashboard(rows: TRow[], by: 'town' | 'category', from: string, to: string, scope: string) {
  const now = new Date(NOW);
  const out = new Map<string, { open: number; overdue: number; majorOpen: number; foundInPeriod: number; closedInPeriod: number }>();
  for (const r of rows.filter((x) => inScope(x, scope))) {
    const key = by === 'town' ? r.divisionCode : r.category;
    const t = out.get(key) ?? { open: 0, overdue: 0, majorOpen: 0, foundInPeriod: 0, closedInPeriod: 0 };
    if (r.state !== 'closed') {
      t.open++;
      if (isHazardOverdue({ state: r.state as THazardState, deadline: r.deadline }, now)) t.overdue++;
      if (r.level === 'major') t.majorOpen++;
    }
    if (r.foundOn >= from && r.foundOn <= to) t.foundInPeriod++;
    if (isClosed(r) && r.closedOn! >= from && r.closedOn! <= to) t.closedInPeriod++;
    out.set(key, t);
  }
  return out;
}

/** Reads through the app and checks the dashboard against the rows; the harness is read when called. */
export function statsReader(harness: () => THarness) {
  const rowsNow = async (): Promise<TRow[]> => harness().db.select().from(hazards);
  const get = async (cookie: string, url: string) => {
    const res = await harness().call('GET', url, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  async function checkDashboard(cookie: string, scope: string, q: { from?: string; to?: string }) {
    const rows = await rowsNow();
    for (const by of ['town', 'category'] as const) {
      const params = new URLSearchParams({ by, ...q }).toString();
      const d = await get(cookie, `/api/hazard-stats/dashboard?${params}`);
      const from = q.from ?? '2026-05-01';
      const to = q.to ?? '2026-05-31';
      expect([d.from, d.to]).toEqual([from, to]);
      const want = expectedDashboard(rows, by, from, to, scope);
      const zero = { open: 0, overdue: 0, majorOpen: 0, foundInPeriod: 0, closedInPeriod: 0 };
      for (const r of d.rows)
        expect({ key: r.key, ...r, label: undefined }, `${by} ${r.key} ${params}`).toEqual({
          key: r.key,
          label: undefined,
          ...(want.get(r.key) ?? zero),
        });
      for (const key of want.keys())
        expect(
          d.rows.some((r: { key: string }) => r.key === key),
          `${key} listed`,
        ).toBe(true);
      const total = [...want.values()].reduce(
        (t, r) => ({
          open: t.open + r.open,
          overdue: t.overdue + r.overdue,
          majorOpen: t.majorOpen + r.majorOpen,
          foundInPeriod: t.foundInPeriod + r.foundInPeriod,
          closedInPeriod: t.closedInPeriod + r.closedInPeriod,
        }),
        zero,
      );
      expect(d.total).toMatchObject(total);
    }
  }

  return { rowsNow, get, checkDashboard };
}

export const PERIODS: { from?: string; to?: string }[] = [
  {},
  { from: '2026-01-01', to: '2026-03-31' },
  { from: '2026-01-15', to: '2026-04-10' },
  { from: '2026-04-01', to: '2026-04-30' },
  { from: '2026-03-31', to: '2026-03-31' },
  { from: '2026-02-10', to: '2026-05-20' },
  { from: '2025-12-01', to: '2026-12-31' },
];
