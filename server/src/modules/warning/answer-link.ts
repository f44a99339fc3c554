/**
 * Signed one-time answer links: `<payload>.<signature>`, the payload the recipient's id and the link's expiry, the
 * signature an HMAC-SHA256 of it with the server's secret (made at first use, kept in `server_secrets`). No password:
 * holding the link is the proof; "one-time" is the recipient's state (an answered call cannot be answered again).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '@yingji/domain';

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export const newLinkSecret = () => randomBytes(32).toString('base64url');

export function signAnswerLink(secret: string, recipientId: number, expiresAt: Date): string {
  const payload = b64(`${recipientId}:${Math.floor(expiresAt.getTime() / 1000)}`);
  return `${payload}.${b64(createHmac('sha256', secret).update(payload).digest())}`;
}

/** The recipient and expiry of a genuine link; a forged or damaged one is refused (404: it names nothing). */
export function verifyAnswerLink(secret: string, token: string): { recipientId: number; expiresAt: Date } {
  const forged = new AppError('not_found', '应答链接无效：请使用短信中的完整链接');
  const [payload, signature] = token.split('.');
  if (!payload || !signature) throw forged;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw forged;
  const m = /^(\d{1,15}):(\d{1,12})$/.exec(Buffer.from(payload, 'base64url').toString());
  if (!m) throw forged;
  return { recipientId: Number(m[1]), expiresAt: new Date(Number(m[2]) * 1000) };
}
