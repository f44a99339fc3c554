import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type THarness } from '../../test/harness';

let h: THarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/**
 * The login page asks "who is signed in?" of GET /api/auth/session, which is public and answers 200 with null for a
 * visitor, so no failing request shows in the browser's console; /api/auth/me keeps its 401.
 */
describe('GET /api/auth/session', () => {
  it('answers a visitor 200 with null, and /api/auth/me still 401', async () => {
    const res = await h.call('GET', '/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ me: null });
    expect((await h.call('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('answers a signed-in user with the same user as /api/auth/me', async () => {
    const { cookie } = await h.userWithSession({ role: 'town_officer', divisionCode: '442000107' });
    const res = await h.call('GET', '/api/auth/session', { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json().me).toEqual((await h.call('GET', '/api/auth/me', { cookie })).json());
    expect(res.json().me.user.role).toBe('town_officer');
  });

  it('answers null for an unknown or expired cookie and clears it', async () => {
    const res = await h.call('GET', '/api/auth/session', { cookie: 'yingji_session=not-a-session' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ me: null });
    expect(res.cookies.find((c) => c.name === 'yingji_session')?.value).toBe('');
    const { cookie } = await h.userWithSession({ role: 'bureau_officer' });
    h.clock.advanceMinutes(31); // idle timeout 30 minutes
    expect((await h.call('GET', '/api/auth/session', { cookie })).json()).toEqual({ me: null });
  });
});
