/**
 * The forest-fire tests' world on a real database: an admin, a bureau officer and a duty officer; two camera sites
 * 2 km apart (S-A in 五桂山 with channels A1 and A2, S-B in 三乡 with B1) and one platform key for all three channels.
 * The bindings below are live: a test file calls `useFireWorld()` and reads them after its beforeAll.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { fromLocal, type TLngLat } from '@yingji/domain';
import { queryRows } from '../../db/client';
import { createHarness, type THarness } from '../../../test/harness';

export let h: THarness;
export let admin: string;
export let officer: string;
export let duty: string;
const names: Record<'admin' | 'officer' | 'duty', string> = { admin: '', officer: '', duty: '' };
/** Moves the clock and signs in again (sessions time out after 30 idle minutes). */
export async function at(move: () => void) {
  move();
  admin = await h.login(names.admin);
  officer = await h.login(names.officer);
  duty = await h.login(names.duty);
}
export let key: string;
export const A: TLngLat = [113.45, 22.45];
export const B = fromLocal(A, 2000, 0);
export const ch: Record<string, number> = {};

export const post = (path: string, body: unknown, k: string | null = key) =>
  h.call('POST', path, { body, origin: null, ...(k ? { headers: { 'x-api-key': k } } : {}) });
export const alarm = (id: string, channel: string, at: Date, extra: Record<string, unknown> = {}) => ({
  alarmId: id,
  channel,
  at: at.toISOString(),
  ...extra,
});
export const count = async (table: string) =>
  (await queryRows<{ n: number }>(h.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n;
export const minutes = (m: number) => new Date(h.clock.now().getTime() + m * 60_000);

/** Builds the world before the file's tests and closes it after. */
export function useFireWorld(): void {
  beforeAll(async () => {
    h = await createHarness();
    for (const [k, role] of [
      ['admin', 'admin'],
      ['officer', 'bureau_officer'],
      ['duty', 'duty_officer'],
    ] as const)
      names[k] = (await h.createUser({ role })).username;
    await at(() => undefined);
    const site = async (code: string, p: TLngLat, divisionCode: string) =>
      (
        await h.call('POST', '/api/fire/sites', {
          cookie: officer,
          body: { code, name: `${code}高点`, divisionCode, longitude: p[0], latitude: p[1], heightM: 300 },
        })
      ).json();
    const sa = await site('S-A', A, '442000006');
    const sb = await site('S-B', B, '442000114');
    for (const [s, code, heading] of [
      [sa, 'A1', 90],
      [sa, 'A2', 45],
      [sb, 'B1', 315],
    ] as const) {
      const res = await h.call('POST', `/api/fire/sites/${s.id}/channels`, {
        cookie: officer,
        body: { code, name: `${code}通道`, kind: 'optical', headingDeg: heading, fovDeg: 60, rangeM: 10_000 },
      });
      expect(res.statusCode).toBe(201);
      ch[code] = res.json().id;
    }
    const created = await h.call('POST', '/api/fire/keys', {
      cookie: admin,
      body: { platform: '海康平台', channelIds: [ch.A1, ch.A2, ch.B1] },
    });
    expect(created.statusCode).toBe(201);
    key = created.json().key;
  });
  afterAll(() => h.close());
}
