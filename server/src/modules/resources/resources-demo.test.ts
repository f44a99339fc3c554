/**
 * The demo's shelters (bench/src/resources.gen.ts) reproduce the seed's census (§三(一)) through the totals endpoint,
 * summed from the rows: 451 shelters, 833,700 m², 196,000 people; central city 313,000 m², 75,800 people. Its stock
 * keeps every lot's balance equal to its movements, with alerts of every stock kind and overdue loans.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillGenerator } from '../../../../bench/src/drill.gen';
import { planResourcesGenerator } from '../../../../bench/src/plan-resources.gen';
import { resourcesGenerator } from '../../../../bench/src/resources.gen';
import { queryRows } from '../../db/client';
import { demoContext } from '../../../test/demo-context';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let cookie: string;
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-12-04T02:00:00.000Z');
  cookie = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  const ctx = () => demoContext(h.db);
  // the plans are generated before the resources, as bench/src/generate.ts orders them, and linked after; the drill
  // generator takes its organisers and task owners from the accounts (as drill-demo.test.ts sets them up)
  await h.createUser({ role: 'bureau_leader' });
  await h.createUser({ role: 'town_officer', divisionCode: '442000006' });
  await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
  await drillGenerator.generate(ctx());
  await resourcesGenerator.generate(ctx());
  await planResourcesGenerator.generate(ctx());
});
afterAll(() => h.close());

describe('the demo’s resources', () => {
  it('sums the census rows to the seed’s shelter figures', async () => {
    const t = (await h.call('GET', '/api/shelters/totals', { cookie })).json();
    expect(t.all).toEqual({ shelters: 451, areaM2: 833_700, capacity: 196_000 });
    expect(t.centralCity).toMatchObject({ areaM2: 313_000, capacity: 75_800 });
    expect(t.byTown.reduce((s: number, r: { shelters: number }) => s + r.shelters, 0)).toBe(451);
  });

  it('stores supplies at the shelters of the pre-positioned points, read from their ledger', async () => {
    const stocked = (await h.call('GET', '/api/shelters?hasStock=true', { cookie })).json();
    expect(stocked.total).toBe(3);
    const stock = (await h.call('GET', `/api/shelters/${stocked.items[0].id}/stock`, { cookie })).json();
    expect(stock.warehouses).toHaveLength(1);
    expect(stock.items.some((r: { balance: number }) => r.balance > 0)).toBe(true);
  });

  it('keeps balances equal to movements, with alerts of every kind', async () => {
    expect((await h.call('GET', '/api/resources/balance-check', { cookie })).json().mismatches).toEqual([]);
    const a = (await h.call('GET', '/api/resources/alerts', { cookie })).json();
    for (const kind of ['below_minimum', 'expiring', 'expired', 'maintenance_due', 'loan_overdue'])
      expect(a.byKind[kind], kind).toBeGreaterThan(0);
    const loans = (await h.call('GET', '/api/resources/loans?overdue=true', { cookie })).json();
    expect(loans.total).toBe(5);
    // each open loan left its lot by a loan-out movement
    const outs = (await h.call('GET', '/api/resources/movements?kind=loan_out', { cookie })).json();
    expect(outs.total).toBe(5);
  });

  it('holds one round of flood-season checks, two towns still in progress', async () => {
    const rounds = (await h.call('GET', '/api/flood-checks', { cookie })).json();
    expect(rounds.items.map((r: { name: string }) => r.name)).toEqual(['2026年汛前检查']);
    const v = (await h.call('GET', `/api/flood-checks/${rounds.items[0].id}`, { cookie })).json();
    expect(v.towns).toMatchObject({ inProgress: 2, notStarted: 0, complete: v.towns.units - 2 });
  });

  it('links the plans to what they rely on: the city’s 三防 plan to its warehouses, each town’s to its own', async () => {
    const plan = async (name: string, divisionCode: string) => {
      const [row] = await queryRows<{ id: number }>(
        h.db,
        sql`SELECT id FROM emergency_plans WHERE name LIKE ${'%' + name} AND division_code = ${divisionCode}`,
      );
      return (await h.call('GET', `/api/drill/plans/${row!.id}`, { cookie })).json() as {
        linkedResources: { kind: string; divisionCode: string }[];
      };
    };
    const [w] = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM resource_warehouses WHERE kind IN ('city', 'prepositioned')`,
    );
    const city = await plan('防汛防旱防风应急预案', '4420');
    expect(city.linkedResources.filter((r) => r.kind === 'warehouse')).toHaveLength(w!.n);
    const shelters = await plan('应急避难场所启用预案', '4420');
    expect(shelters.linkedResources.filter((r) => r.kind === 'shelter')).toHaveLength(20);
    const town = await plan('三防应急预案', TOWNS.tanzhou);
    expect(town.linkedResources.length).toBeGreaterThan(1);
    expect(town.linkedResources.every((r) => r.divisionCode === TOWNS.tanzhou)).toBe(true);
  });
});
