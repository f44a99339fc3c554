import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type THarness } from '../../../test/harness';

let h: THarness;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  admin = (await h.userWithSession({ role: 'admin' })).cookie;
});
afterAll(() => h?.close());

describe('settings cache', () => {
  // On PGlite a query outside an open transaction waits for it to end: a reload awaited inside one never returned
  // (seen as a hung case action or hazard registration in the browser when the 5-second cache had just expired).
  it('answers inside a transaction after the cache has expired, without waiting on a query outside it', { timeout: 15_000 }, async () => {
    await h.services.settings.getAll();
    h.clock.advanceMinutes(1);
    const value = await h.db.transaction(async () => {
      const inside = h.services.settings.get('hazard');
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('settings.get waited on the open transaction')), 5_000));
      return Promise.race([inside, timeout]);
    });
    expect(value).toMatchObject({ resumptionReviewDays: 10 });
  });

  it('serves the new value right after a change, even with an older refresh still under way', async () => {
    h.clock.advanceMinutes(1);
    void h.services.settings.getAll(); // starts a refresh of the old values
    const put = await h.call('PUT', '/api/settings/hazard', {
      cookie: admin,
      body: { value: { resumptionReviewDays: 7, maxDeadlineDays: 365, dueSoonDays: 7 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    await new Promise((r) => setTimeout(r, 50)); // let the stale refresh finish
    expect((await h.services.settings.get('hazard')).resumptionReviewDays).toBe(7);
    h.clock.advanceMinutes(1);
    await h.services.settings.getAll(); // a refresh after the change reads the stored value
    await new Promise((r) => setTimeout(r, 50));
    expect((await h.services.settings.get('hazard')).resumptionReviewDays).toBe(7);
  });
});
