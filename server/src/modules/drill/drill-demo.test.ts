/**
 * The demo's plans, drills and training (bench/src/drill.gen.ts) reproduce the seed's figures through the module's
 * own endpoints: training totals are sums of the generated sessions, drills and reviews are records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillGenerator } from '../../../../bench/src/drill.gen';
import { demoContext } from '../../../test/demo-context';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let cookie: string;
let counts: Record<string, number>;
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-12-04T02:00:00.000Z');
  cookie = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  await h.createUser({ role: 'bureau_leader' });
  await h.createUser({ role: 'town_officer', divisionCode: '442000006' });
  await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
  counts = await drillGenerator.generate(demoContext(h.db));
});
afterAll(() => h.close());

describe('the demo’s plans, drills and training', () => {
  it('builds the plan system: city special and department plans and three plans for each of the 23 towns', () => {
    expect(counts.emergency_plans).toBe(15 + 23 * 3);
    expect(counts.drill_tasks).toBe(7);
  });

  it('training totals from the rows equal the seed: 1,300 officers in two years, 2,601 sessions for 89,730 principals, 750 三防 staff', async () => {
    const t = (await h.call('GET', '/api/drill/training/totals?by=kind&from=2024-01-01&to=2025-12-31', { cookie })).json();
    const row = (k: string) => t.rows.find((r: { key: string }) => r.key === k);
    expect(row('officer').officers).toBe(1300);
    expect(row('principal')).toMatchObject({ sessions: 2601, principals: 89_730 });
    expect(row('sanfang').sanfangStaff).toBe(750);
  });

  it('has the 2025 fireworks drill with 14 retailers observing and the single-blind forest-fire drill with six phases', async () => {
    const list = (await h.call('GET', '/api/drill/drills?year=2025&pageSize=200', { cookie })).json();
    const fireworks = list.items.find((d: { title: string }) => d.title.startsWith('2025年度烟花爆竹'));
    const forest = list.items.find((d: { title: string }) => d.title.startsWith('2025年森林火灾'));
    const f = (await h.call('GET', `/api/drill/drills/${fireworks.id}`, { cookie })).json();
    expect(f).toMatchObject({ observerCount: 14, townName: '三乡镇' });
    expect(f.observers).toHaveLength(14);
    const g = (await h.call('GET', `/api/drill/drills/${forest.id}`, { cookie })).json();
    expect(g).toMatchObject({ notice: 'single_blind', jointMilitary: true });
    expect(g.phases.map((p: { name: string }) => p.name)).toEqual([
      '火情上报',
      '交通管制',
      '人员疏散',
      '火场指挥调度',
      '明火处置',
      '火场清理',
    ]);
    expect(new Set(g.tasks.map((t: { state: string }) => t.state))).toEqual(new Set(['open', 'done']));
  });

  it('has review tasks in every state and a compliance view from the plans', async () => {
    for (const state of ['open', 'done', 'signed_off'])
      expect((await h.call('GET', `/api/drill/tasks?state=${state}`, { cookie })).json().total, state).toBeGreaterThan(0);
    const c = (await h.call('GET', '/api/drill/compliance?by=town', { cookie })).json();
    expect(c.total.plans).toBe(15 + 23 * 3);
    expect(c.total.overdue).toBeGreaterThan(0);
  });
});
