/**
 * The feedback form's challenge, with no external captcha: a small sum whose numbers travel in a token signed with
 * HMAC-SHA256. The key is made at start and kept in memory (a restart only voids challenges outstanding for at most
 * ten minutes); a token answers for one report, expires, and is answered once (a wrong answer spends it too).
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { challengeQuestion } from '@yingji/domain';

export const CHALLENGE_TTL_MS = 10 * 60_000;

const b64 = (b: Buffer) => b.toString('base64url');

export function createChallenger(key: Buffer = randomBytes(32)) {
  /** Nonces already accepted, with their expiry: a solved token is not reused. */
  const used = new Map<string, number>();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();

  function issue(reportId: number, now: Date) {
    const a = randomInt(1, 21);
    const b = randomInt(1, 21);
    const payload = b64(Buffer.from(JSON.stringify({ r: reportId, a, b, e: now.getTime() + CHALLENGE_TTL_MS, n: b64(randomBytes(9)) })));
    return { question: challengeQuestion(a, b).question, token: `${payload}.${b64(sign(payload))}` };
  }

  /** Why the answer is not accepted (Chinese, with the field), or null; a checked token is spent. */
  function check(reportId: number, token: string, answer: number, now: Date): { message: string; field: string } | null {
    const [payload, mac] = token.split('.');
    const expected = payload ? sign(payload) : null;
    const given = Buffer.from(mac ?? '', 'base64url');
    if (!payload || !expected || given.length !== expected.length || !timingSafeEqual(given, expected))
      return { message: '验证问题无效，请刷新后重试', field: 'token' };
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { r: number; a: number; b: number; e: number; n: string };
    const at = now.getTime();
    for (const [n, e] of used) if (e < at) used.delete(n);
    if (c.r !== reportId || c.e < at || used.has(c.n)) return { message: '验证问题已过期，请刷新后重试', field: 'token' };
    used.set(c.n, c.e); // spent even when wrong: each question gets one guess
    if (challengeQuestion(c.a, c.b).answer !== answer) return { message: '验证问题回答错误，请回答新的验证问题', field: 'answer' };
    return null;
  }

  return { issue, check };
}
export type TChallenger = ReturnType<typeof createChallenger>;
