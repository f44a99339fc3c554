import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type THarness } from '../../test/harness';

/** Anonymous readers of the public routes are counted per address; signed-in users and other addresses are not. */
describe('rate limit on the public routes', () => {
  let h: THarness;
  let cookie: string;
  beforeAll(async () => {
    h = await createHarness({ publicRateLimit: { max: 3, windowMs: 60_000 } });
    ({ cookie } = await h.userWithSession({ role: 'bureau_officer' }));
  });
  afterAll(() => h.close());

  const anonymous = (remoteAddress = '203.0.113.7') =>
    h.app.inject({ method: 'GET', url: '/api/public/draws', remoteAddress, headers: {} });

  it('answers an address its first requests, then 429 with Retry-After and a Chinese message', async () => {
    for (let i = 0; i < 3; i++) expect((await anonymous()).statusCode).toBe(200);
    const refused = await anonymous();
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ code: 'too_many_requests', message: expect.stringMatching(/^访问过于频繁，请 \d+ 秒后再试$/) });
    // another address is counted on its own
    expect((await anonymous('198.51.100.9')).statusCode).toBe(200);
  });

  it('does not count a signed-in user, nor refuse one whose address is past its rate', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/public/draws', remoteAddress: '203.0.113.7', headers: { cookie } });
    expect(res.statusCode).toBe(200);
  });
});
