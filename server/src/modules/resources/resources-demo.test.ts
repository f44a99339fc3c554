/**
 * The demo's shelters (bench/src/resources.gen.ts) reproduce the seed's census (§三(一)) through the totals endpoint,
 * summed from the rows: 451 shelters, 833,700 m², 196,000 people; central city 313,000 m², 75,800 people. Its stock
 * keeps every lot's balance equal to its movements, with alerts of every stock kind and overdue loans.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDivisions } from '../../../../bench/src/divisions';
import { SCALES } from '../../../../bench/src/generate';
import { createRandom } from '../../../../bench/src/prng';
import { resourcesGenerator } from '../../../../bench/src/resources.gen';
import { createHarness, type THarness } from '../../../test/harness';

let h: THarness;
let cookie: string;
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-12-04T02:00:00.000Z');
  cookie = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  await resourcesGenerator.generate({
    db: h.db,
    spec: SCALES.city,
    random: createRandom(20_260_101),
    divisions: loadDivisions('4420'),
    passwordHash: '',
    now: '2026-12-04T02:00:00.000Z',
    made: { usernames: [], townOfficers: [], bureauStaff: [] },
    batchSize: 500,
    fingerprint: createHash('sha256'),
  });
});
afterAll(() => h.close());

describe('the demo’s resources', () => {
  it('sums the census rows to the seed’s shelter figures', async () => {
    const t = (await h.call('GET', '/api/shelters/totals', { cookie })).json();
    expect(t.all).toEqual({ shelters: 451, areaM2: 833_700, capacity: 196_000 });
    expect(t.centralCity).toMatchObject({ areaM2: 313_000, capacity: 75_800 });
    expect(t.byTown.reduce((s: number, r: { shelters: number }) => s + r.shelters, 0)).toBe(451);
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
});
