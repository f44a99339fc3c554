/**
 * The alert list, the stock ledger and the loan ledger are kept while nothing changed (kit/snapshot-cache.ts
 * `createKeptJson`): read again, a list runs no statement of its own; after each kind of write (a receipt, an issue, a loan request, a return, a
 * setting) the next answer is computed again and shows the write.
 *
 * The snapshot is the whole server's: on a PostgreSQL server shared with other test files their writes move it too,
 * so "kept" is claimed only where it did not move between the two reads (as map.test.ts does); on the embedded
 * database nothing else writes, and every claim is checked. "Computed again after a write" is claimed everywhere.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTrace, SQL_TRACE_HEADER } from '../../db/sql-trace';
import { snapshotVersion } from '../../kit/snapshot-cache';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { resourcesFixture } from './resources.fixture';

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-kept-')), 'trace.jsonl');
let h: THarness;
let admin: string;
let f: Awaited<ReturnType<typeof resourcesFixture>>;
let traced = 0;

const LISTS = {
  alerts: '/api/resources/alerts',
  stock: '/api/resources/stock?page=1&pageSize=20',
  loans: '/api/resources/loans?page=1&pageSize=20',
} as const;
type TList = keyof typeof LISTS;

/** One traced read: its answer, whether it ran a statement on the resources tables, the snapshot before and after. */
async function read(list: TList) {
  const id = `kept-${++traced}`;
  const before = await snapshotVersion(h.db);
  const res = await h.call('GET', LISTS[list], { cookie: f.keeper, headers: { [SQL_TRACE_HEADER]: id } });
  expect(res.statusCode, res.body).toBe(200);
  const listed = readTrace(file, id)!.statements.some((s) => s.sql.includes('resource_'));
  return { text: res.body, json: res.json(), listed, before, after: await snapshotVersion(h.db) };
}

/** Each list read twice (the second kept where the snapshot did not move), then the write, then each list again. */
async function around(write: () => Promise<void>) {
  const kept = {} as Record<TList, string>;
  for (const list of Object.keys(LISTS) as TList[]) {
    const first = await read(list);
    const second = await read(list);
    expect(second.text, list).toBe(first.text);
    if (second.after === first.before) expect(second.listed, `${list} kept`).toBe(false);
    kept[list] = second.text;
  }
  await write();
  const after = {} as Record<TList, Awaited<ReturnType<typeof read>>>;
  for (const list of Object.keys(LISTS) as TList[]) {
    after[list] = await read(list);
    expect(after[list].listed, `${list} computed again after the write`).toBe(true);
  }
  return { kept, after };
}

const post = async (url: string, cookie: string, body: object, status = 200) => {
  const res = await h.call('POST', url, { cookie, body });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const pumpRow = (stock: { items: { itemId: number; warehouseId: number }[] }) =>
  stock.items.find((r) => r.itemId === f.pump && r.warehouseId === f.cityWarehouse);
const kinds = (alerts: { byKind: Record<string, number> }) => alerts.byKind;

beforeAll(async () => {
  h = await createHarness({ sqlTraceFile: file });
  admin = (await h.userWithSession({ role: 'admin', username: 'admin1' })).cookie;
  f = await resourcesFixture(h);
  await post(
    '/api/resources/receipts',
    f.keeper,
    {
      warehouseId: f.cityWarehouse,
      source: 'purchase',
      receivedOn: '2026-03-01',
      acceptors: ['王保管', '李验收'],
      lines: [{ itemId: f.pump, quantity: 2, expiresOn: '2026-03-20', unitPriceFen: 800_000 }],
    },
    201,
  );
  const min = await h.call('PUT', `/api/resources/warehouses/${f.cityWarehouse}/minimums`, {
    cookie: f.keeper,
    body: { itemId: f.pump, quantity: 4 },
  });
  expect(min.statusCode, min.body).toBe(204);
});
afterAll(() => h.close());

describe('kept lists change after every kind of write', () => {
  let loanId: number;

  it('a receipt: the pump is no longer below its minimum', async () => {
    const { kept, after } = await around(async () => {
      await post(
        '/api/resources/receipts',
        f.keeper,
        {
          warehouseId: f.cityWarehouse,
          source: 'donation',
          receivedOn: '2026-03-02',
          acceptors: ['王保管', '李验收'],
          lines: [{ itemId: f.pump, quantity: 3, expiresOn: '2027-06-30', unitPriceFen: 800_000 }],
        },
        201,
      );
    });
    expect(pumpRow(JSON.parse(kept.stock))).toMatchObject({ balance: 2, minimum: 4 });
    expect(pumpRow(after.stock.json)).toMatchObject({ balance: 5, minimum: 4 });
    expect(kinds(JSON.parse(kept.alerts))).toMatchObject({ below_minimum: 1, expiring: 1 });
    expect(kinds(after.alerts.json)).toMatchObject({ below_minimum: 0, expiring: 1 });
  });

  it('an issue: below the minimum again', async () => {
    const { after } = await around(async () => {
      await post(
        '/api/resources/issues',
        f.keeper,
        {
          warehouseId: f.cityWarehouse,
          itemId: f.pump,
          quantity: 2,
          recipient: '石岐街道',
          purpose: '排涝',
        },
        201,
      );
    });
    expect(pumpRow(after.stock.json)).toMatchObject({ balance: 3 });
    expect(kinds(after.alerts.json)).toMatchObject({ below_minimum: 1, expiring: 0 });
  });

  it('a loan request: the loan ledger lists it', async () => {
    const { kept, after } = await around(async () => {
      loanId = (
        await post(
          '/api/resources/loans',
          f.town,
          {
            warehouseId: f.cityWarehouse,
            borrowerUnit: '坦洲镇应急管理办公室',
            borrowerDivisionCode: TOWNS.tanzhou,
            contact: '陈主任',
            contactPhone: '13800000001',
            purpose: '低洼地段排涝',
            expectedReturnOn: '2026-03-20',
            lines: [{ itemId: f.pump, quantity: 2 }],
          },
          201,
        )
      ).id;
    });
    expect(JSON.parse(kept.loans).total).toBe(0);
    expect(after.loans.json).toMatchObject({ total: 1, items: [{ id: loanId, state: 'requested' }] });
  });

  it('a return: the loan is returning and the good pump is back in stock', async () => {
    await post(`/api/resources/loans/${loanId}/approve`, f.leader, {});
    await post(`/api/resources/loans/${loanId}/issue`, f.keeper, {});
    const lineId = (await h.call('GET', `/api/resources/loans/${loanId}`, { cookie: f.keeper })).json().lines[0].id;
    const { kept, after } = await around(async () => {
      await post(`/api/resources/loans/${loanId}/returns`, f.keeper, {
        returnedOn: '2026-03-02',
        items: [{ lineId, quantity: 1, condition: 'good' }],
      });
    });
    expect(JSON.parse(kept.loans).items[0]).toMatchObject({ state: 'issued' });
    expect(pumpRow(JSON.parse(kept.stock))).toMatchObject({ balance: 1 });
    expect(after.loans.json.items[0]).toMatchObject({ state: 'returning' });
    expect(pumpRow(after.stock.json)).toMatchObject({ balance: 2 });
  });

  it('a setting: the expiring days and the reserve guidance', async () => {
    const saveSetting = async (key: string, value: unknown) => {
      const res = await h.call('PUT', `/api/settings/${key}`, { cookie: admin, body: { value } });
      expect(res.statusCode, res.body).toBe(200);
    };
    // a lot expiring in 18 days: 临期 at 30 days, not at 10
    await post(
      '/api/resources/receipts',
      f.keeper,
      {
        warehouseId: f.cityWarehouse,
        source: 'purchase',
        receivedOn: '2026-03-02',
        acceptors: ['王保管', '李验收'],
        lines: [{ itemId: f.rope, quantity: 1, expiresOn: '2026-03-20', unitPriceFen: 100 }],
      },
      201,
    );
    const current = (await h.call('GET', '/api/settings', { cookie: admin })).json();
    const days = await around(() => saveSetting('resources', { ...current.resources, expiringDays: 10 }));
    expect(kinds(JSON.parse(days.kept.alerts))).toMatchObject({ expiring: 1 });
    expect(kinds(days.after.alerts.json)).toMatchObject({ expiring: 0 });

    const guidance = await around(() =>
      saveSetting('reserveGuidance', [{ kind: 'city', itemCode: 'RS-ROPE', quantity: 5, source: '储备指导标准' }]),
    );
    const rope = (s: { items: { itemId: number; minimum: number | null }[] }) => s.items.find((r) => r.itemId === f.rope);
    expect(rope(JSON.parse(guidance.kept.stock))).toMatchObject({ minimum: null });
    expect(rope(guidance.after.stock.json)).toMatchObject({ minimum: 5, minimumFrom: 'guidance' });
    // the rope's 1 is below the guidance's 5 now, beside the pump's 2 below its own 4
    expect(kinds(JSON.parse(guidance.kept.alerts))).toMatchObject({ below_minimum: 1 });
    expect(kinds(guidance.after.alerts.json)).toMatchObject({ below_minimum: 2 });
  });
});
