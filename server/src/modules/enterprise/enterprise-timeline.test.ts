import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineGenerator } from '../../../../bench/src/enterprise-timeline.gen';
import { demoContext } from '../../../test/demo-context';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { firm, inspection } from '../../../test/inspection-fixtures';

/** The firm's page: its timeline (the read model of the modules' events) and its checks, each in the reader's scope. */
let h: THarness;
let city: string;
let tanzhou: string;
let xiaolan: string;
let mine: number;
let theirs: number;

beforeAll(async () => {
  h = await createHarness();
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
  mine = (await firm(h.db, { divisionCode: TOWNS.tanzhou })).id;
  theirs = (await firm(h.db, { divisionCode: TOWNS.xiaolan })).id;
  // What the modules announce, raised as they raise it: inside a writer's transaction, through the kit's bus.
  const ctx = { actor: null, ip: null } as never;
  const announce = (enterpriseId: number, day: string, n: number) =>
    h.db.transaction(async (tx) => {
      const base = { enterpriseId, occurredAt: `${day}T02:00:00.000Z` };
      await h.services.events.emit(
        tx,
        'inspection.completed',
        { ...base, ref: `inspection:${n}`, summary: `检查 ${n}`, inspectionId: n, inspectionKind: 'ad_hoc', findingCount: 0 },
        ctx,
      );
      await h.services.events.emit(tx, 'case.filed', { ...base, ref: `case:${n}`, summary: `立案 ${n}`, caseId: n }, ctx);
    });
  await announce(mine, '2026-01-05', 1);
  await announce(mine, '2026-02-10', 2);
  await announce(mine, '2026-02-20', 3);
  await announce(theirs, '2026-02-21', 4);
  await inspection(h.db, { enterpriseId: mine, divisionCode: TOWNS.tanzhou, inspectedOn: '2026-02-20' });
  await inspection(h.db, { enterpriseId: theirs, divisionCode: TOWNS.xiaolan, inspectedOn: '2026-02-21' });
});
afterAll(() => h.close());

const timeline = (cookie: string, id: number, query = '') => h.call('GET', `/api/enterprises/${id}/timeline${query}`, { cookie });

describe('a firm’s timeline', () => {
  it('pages the modules’ events newest first, each with the record it links to', async () => {
    const first = (await timeline(tanzhou, mine, '?pageSize=4')).json();
    expect(first.total).toBe(6);
    expect(first.items.map((e: { ref: string }) => e.ref)).toEqual(['case:3', 'inspection:3', 'case:2', 'inspection:2']);
    expect(first.items[1]).toMatchObject({ module: 'inspection', kind: 'ad_hoc', summary: '检查 3', at: '2026-02-20T02:00:00.000Z' });
    const second = (await timeline(tanzhou, mine, '?pageSize=4&page=2')).json();
    expect(second.items.map((e: { ref: string }) => e.ref)).toEqual(['case:1', 'inspection:1']);
  });

  it('shows one module’s events when asked (the page’s tabs), and refuses an unknown one in Chinese', async () => {
    const cases = (await timeline(tanzhou, mine, '?module=case')).json();
    expect(cases.total).toBe(3);
    expect(cases.items.every((e: { module: string }) => e.module === 'case')).toBe(true);
    expect((await timeline(tanzhou, mine, '?module=hazard')).json()).toEqual({ items: [], total: 0 });
    const bad = await timeline(tanzhou, mine, '?module=weather');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'module', message: expect.stringContaining('动态类别不正确') });
  });

  it('is read only within the reader’s scope: another town’s firm reads as absent; the bureau reads both', async () => {
    expect((await timeline(xiaolan, mine)).statusCode).toBe(404);
    expect((await timeline(tanzhou, theirs)).statusCode).toBe(404);
    expect((await timeline(xiaolan, theirs)).json().total).toBe(2);
    expect((await timeline(city, mine)).json().total).toBe(6);
    expect((await timeline(city, 999_999)).statusCode).toBe(404);
  });
});

describe('a firm’s checks', () => {
  it('lists one firm’s inspections, and none of another town’s firm', async () => {
    const list = async (cookie: string, id: number) => (await h.call('GET', `/api/inspections?enterpriseId=${id}`, { cookie })).json();
    expect((await list(tanzhou, mine)).items.map((i: { enterpriseId: number }) => i.enterpriseId)).toEqual([mine]);
    expect((await list(tanzhou, mine)).byKind).toEqual({ planned: 0, ad_hoc: 1, unannounced: 0 });
    expect((await list(tanzhou, theirs)).total).toBe(0);
    expect((await list(xiaolan, mine)).total).toBe(0);
    expect((await list(city, theirs)).total).toBe(1);
  });
});

describe('the demo’s timelines (bench/src/enterprise-timeline.gen.ts)', () => {
  it('writes each generated record’s event as the listeners would, in words, linked to the record', async () => {
    const counts = await timelineGenerator.generate(demoContext(h.db, { seed: 1, now: '2026-03-02T02:00:00.000Z' }));
    expect(counts).toEqual({ enterprise_events: 2 });
    const page = (await timeline(tanzhou, mine, '?module=inspection')).json();
    expect(page.items[0]).toMatchObject({
      kind: 'ad_hoc',
      summary: '日常检查（2026-02-20）：发现问题 0 项',
      at: '2026-02-20T08:00:00.000Z',
    });
    expect(page.items[0].ref).toMatch(/^inspection:\d+$/);
  });
});
