/**
 * The demo's shelters (bench/src/resources.gen.ts) reproduce the seed's census (§三(一)) through the totals endpoint,
 * summed from the rows: 451 shelters, 833,700 m², 196,000 people; central city 313,000 m², 75,800 people. Its stock
 * keeps every lot's balance equal to its movements, with alerts of every stock kind and overdue loans.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillGenerator } from '../../../../bench/src/drill.gen';
import { planResourcesGenerator } from '../../../../bench/src/plan-resources.gen';
import { resourcesGenerator } from '../../../../bench/src/resources.gen';
import {
  ALERT_KINDS,
  bureauDate,
  effectiveMinimum,
  expiryStatus,
  guidanceFor,
  isLoanOverdue,
  maintenanceDueOn,
  reserveShortfall,
  type TAlertKind,
  type TLoanState,
  type TWarehouseKind,
} from '@yingji/domain';
import { queryRows } from '../../db/client';
import { readTrace, SQL_TRACE_HEADER } from '../../db/sql-trace';
import { snapshotVersion } from '../../kit/snapshot-cache';
import { demoContext } from '../../../test/demo-context';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let cookie: string;
const traceFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resources-demo-')), 'trace.jsonl');
beforeAll(async () => {
  h = await createHarness({ sqlTraceFile: traceFile });
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
afterAll(async () => {
  await h.close();
  fs.rmSync(path.dirname(traceFile), { recursive: true, force: true });
});

/** The statements a GET ran (the session's look-up included), from the SQL trace. */
async function statementsOf(url: string, who = cookie): Promise<string[]> {
  const id = `t${Math.random().toString(36).slice(2)}`;
  const res = await h.call('GET', url, { cookie: who, headers: { [SQL_TRACE_HEADER]: id } });
  expect(res.statusCode, url).toBe(200);
  return readTrace(traceFile, id)!.statements.map((st) => st.sql);
}

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
    expect((await h.call('GET', '/api/resources/balance-check', { cookie })).json()).toMatchObject({ mismatches: [], stockMismatches: [] });
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

  it('lists alerts in one statement whose counts equal those taken straight from the rows, for the city and a town', async () => {
    const today = bureauDate(h.clock.now());
    const { expiringDays } = await h.services.settings.get('resources');
    const guidance = await h.services.settings.get('reserveGuidance');
    type TLot = { warehouseId: number; itemId: number; divisionCode: string; balance: number; expiresOn: string | null; lastOn: string };
    const lots = await queryRows<TLot>(
      h.db,
      sql`SELECT warehouse_id AS "warehouseId", item_id AS "itemId", division_code AS "divisionCode", balance, expires_on::text AS "expiresOn",
                 coalesce(last_maintained_on, received_on)::text AS "lastOn" FROM resource_lots`,
    );
    const warehouses = await queryRows<{ id: number; kind: TWarehouseKind; divisionCode: string }>(
      h.db,
      sql`SELECT id, kind, division_code AS "divisionCode" FROM resource_warehouses`,
    );
    const items = await queryRows<{ id: number; code: string; maintenanceDays: number | null }>(
      h.db,
      sql`SELECT id, code, maintenance_days AS "maintenanceDays" FROM resource_items`,
    );
    const own = await queryRows<{ warehouseId: number; itemId: number; quantity: number }>(
      h.db,
      sql`SELECT warehouse_id AS "warehouseId", item_id AS "itemId", quantity FROM resource_minimums`,
    );
    const loans = await queryRows<{ state: TLoanState; expectedReturnOn: string; divisionCode: string; borrowerDivisionCode: string }>(
      h.db,
      sql`SELECT state, expected_return_on::text AS "expectedReturnOn", division_code AS "divisionCode", borrower_division_code AS "borrowerDivisionCode" FROM resource_loans`,
    );
    const counted = (scope: string) => {
      const n: Record<TAlertKind, number> = { below_minimum: 0, expiring: 0, expired: 0, maintenance_due: 0, loan_overdue: 0 };
      const mine = (code: string) => code.startsWith(scope);
      for (const w of warehouses.filter((w) => mine(w.divisionCode)))
        for (const i of items) {
          const m = effectiveMinimum(
            own.find((o) => o.warehouseId === w.id && o.itemId === i.id)?.quantity ?? null,
            guidanceFor(guidance, w.kind, i.code),
          );
          const held = lots.filter((l) => l.warehouseId === w.id && l.itemId === i.id);
          if (m && reserveShortfall(held, m.quantity, today) > 0) n.below_minimum++;
        }
      for (const l of lots.filter((l) => mine(l.divisionCode) && l.balance > 0)) {
        const e = expiryStatus(l.expiresOn, today, expiringDays);
        if (e) n[e]++;
        const due = maintenanceDueOn(l.lastOn, items.find((i) => i.id === l.itemId)!.maintenanceDays);
        if (due !== null && due <= today) n.maintenance_due++;
      }
      n.loan_overdue = loans.filter((l) => (mine(l.divisionCode) || mine(l.borrowerDivisionCode)) && isLoanOverdue(l, today)).length;
      return n;
    };
    const town = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
    for (const [who, scope] of [
      [cookie, '4420'],
      [town, TOWNS.tanzhou],
    ] as const) {
      const a = (await h.call('GET', '/api/resources/alerts', { cookie: who })).json();
      const expected = counted(scope);
      expect(a.byKind, scope).toEqual(expected);
      const total = ALERT_KINDS.reduce((s, k) => s + expected[k], 0);
      expect(total, scope).toBeGreaterThan(0);
      expect(a.items).toHaveLength(Math.min(total, 1000));
      expect(a.byTown.reduce((s: number, t: { count: number }) => s + t.count, 0)).toBe(total);
      // in kind order, each kind listed as many times as it is counted
      const kinds = a.items.map((i: { kind: TAlertKind }) => ALERT_KINDS.indexOf(i.kind));
      expect(kinds).toEqual([...kinds].sort((x, y) => x - y));
      for (const k of ALERT_KINDS) expect(a.items.filter((i: { kind: string }) => i.kind === k).length, k).toBe(expected[k]);
      // a kind asked alone: the same count
      expect((await h.call('GET', '/api/resources/alerts?kind=expired', { cookie: who })).json().byKind.expired).toBe(expected.expired);
      // the workbench's stock item counts the same rows
      const item = (await h.call('GET', '/api/workbench', { cookie: who }))
        .json()
        .items.find((i: { key: string }) => i.key === 'resources.stock_alerts');
      expect(item.count, scope).toBe(expected.below_minimum + expected.expired);
    }
  });

  it('answers the ledgers and alert lists in one statement each after the snapshot read, and read again from the kept answer', async () => {
    // was: stock 1 + 2 (page, total), loans 1 + 3 (page, total, lines), alerts 1 + 5 (four kinds, division names)
    // the town officer's sign-in is a write: every list below is computed again, then kept (kit/snapshot-cache.ts `createKeptJson`)
    const town = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.shiqi })).cookie;
    const lists = [
      ['/api/resources/stock?page=1&pageSize=20', cookie],
      ['/api/resources/stock?page=99&pageSize=20', cookie],
      ['/api/resources/loans?page=1&pageSize=20', cookie],
      ['/api/resources/alerts', cookie],
      ['/api/resources/alerts', town],
    ] as const;
    // the session's look-up is not counted
    const own = async (url: string, who: string) => (await statementsOf(url, who)).filter((st) => !/from "sessions"/.test(st));
    const stamp = await snapshotVersion(h.db);
    for (const [url, who] of lists) {
      const st = await own(url, who);
      expect(st[0], url).toMatch(/pg_current_snapshot/);
      expect(st.length, url).toBe(2);
    }
    // on a PostgreSQL server other test files' writes move the snapshot: kept is claimed while it has not moved
    for (const [url, who] of lists) {
      const st = await own(url, who);
      if (stamp === (await snapshotVersion(h.db))) expect(st, url).toEqual([expect.stringMatching(/pg_current_snapshot/)]);
    }
    // the one statement still answers the total of an empty page
    const past = (await h.call('GET', '/api/resources/stock?page=99&pageSize=20', { cookie })).json();
    const first = (await h.call('GET', '/api/resources/stock?page=1&pageSize=20', { cookie })).json();
    expect(past).toEqual({ items: [], total: first.total });
    expect(first.items).toHaveLength(20);
  });
});
