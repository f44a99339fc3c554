/**
 * The demo's accidents (bench/src/accident.gen.ts) reproduce the seed's figures through the statistics endpoint:
 * nothing is stored but the accidents themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accidentGenerator } from '../../../../bench/src/accident.gen';
import { demoContext } from '../../../test/demo-context';
import { createHarness, type THarness } from '../../../test/harness';

let h: THarness;
let cookie: string;
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-12-04T02:00:00.000Z');
  const counts = await accidentGenerator.generate(demoContext(h.db, { bureauStaff: ['b4420-01'] }));
  expect(counts.accidents).toBeGreaterThan(150);
  cookie = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
});
afterAll(() => h.close());

describe('the demo’s accident statistics', () => {
  it('2024 against 2023: 11 towns with a double decline, 工贸 −61.1 % accidents and −62.5 % deaths', async () => {
    const s = (await h.call('GET', '/api/accidents/stats?period=2024', { cookie })).json();
    expect(s.doubleDeclineTowns).toHaveLength(11);
    expect(s.byIndustry.find((r: { key: string }) => r.key === '工贸')).toMatchObject({
      current: { count: 7, deaths: 6 },
      previous: { count: 18, deaths: 16 },
      countChange: -61.1,
      deathsChange: -62.5,
    });
  });

  it('Q1 2025 against Q1 2024: 工贸 −66.7 % for both', async () => {
    const s = (await h.call('GET', '/api/accidents/stats?period=2025-Q1', { cookie })).json();
    expect(s.byIndustry.find((r: { key: string }) => r.key === '工贸')).toMatchObject({ countChange: -66.7, deathsChange: -66.7 });
  });

  it('has some late reports, and a roster day next week flagged', async () => {
    const s = (await h.call('GET', '/api/accidents/stats?period=2024', { cookie })).json();
    expect(s.reporting.reduce((n: number, r: { lateSteps: number }) => n + r.lateSteps, 0)).toBeGreaterThan(0);
    const roster = (await h.call('GET', '/api/duty/roster?from=2026-12-04&to=2026-12-17', { cookie })).json();
    expect(roster.days.filter((d: { gaps: string[] }) => d.gaps.length).map((d: { date: string }) => d.date)).toEqual(['2026-12-13']);
  });
});
