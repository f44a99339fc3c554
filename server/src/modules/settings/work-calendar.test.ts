import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type THarness } from '../../../test/harness';

let h: THarness;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  admin = (await h.userWithSession({ role: 'admin' })).cookie;
});
afterAll(() => h?.close());

describe('the working-day calendar setting (行政处罚法 art. 85)', () => {
  it('ships 2025 and 2026 from the State Council notices', async () => {
    const doc = (await h.call('GET', '/api/settings', { cookie: admin })).json();
    expect(doc.workCalendar.years.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);
    expect(doc.workCalendar.years[1].workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('takes a new year, and refuses a date outside it naming the field, changing nothing', async () => {
    const current = (await h.call('GET', '/api/settings', { cookie: admin })).json().workCalendar;
    const bad = await h.call('PUT', '/api/settings/workCalendar', {
      cookie: admin,
      body: { value: { years: [...current.years, { year: 2027, holidays: ['2026-12-31'], workdays: [], source: '通知' }] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('2026-12-31 不在 2027 年内');
    expect((await h.call('GET', '/api/settings', { cookie: admin })).json().workCalendar.years).toHaveLength(2);

    const year2027 = { year: 2027, holidays: ['2027-01-01'], workdays: [], source: '国务院办公厅关于2027年部分节假日安排的通知' };
    const ok = await h.call('PUT', '/api/settings/workCalendar', {
      cookie: admin,
      body: { value: { years: [...current.years, year2027] } },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      (await h.call('GET', '/api/settings', { cookie: admin })).json().workCalendar.years.map((y: { year: number }) => y.year),
    ).toEqual([2025, 2026, 2027]);
  });
});
