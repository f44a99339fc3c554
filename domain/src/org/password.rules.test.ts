import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY as policy } from './settings.schema';
import {
  buildOneTimePassword,
  checkPasswordStrength,
  countPasswordClasses,
  isLocked,
  isPasswordExpired,
  isSessionIdle,
  registerFailedLogin,
  type TLockoutState,
} from './password.rules';

const rules = (pw: string, user = 'zhangsan') => checkPasswordStrength(pw, user, policy).map((v) => v.rule);

describe('password strength (defaults: 12 characters, 3 of 4 classes, not the user name)', () => {
  it.each([
    ['Abcdefgh1!x', ['min_length'], '11 characters'],
    ['Abcdefgh1!xy', [], '12 characters, 4 classes'],
    ['abcdefghijkl', ['min_classes'], '1 class'],
    ['abcdefghijK1', [], '3 classes: lower, upper, digit'],
    ['abcdefghijkL', ['min_classes'], '2 classes: lower, upper'],
    ['abcdefgh123!', [], '3 classes: lower, digit, symbol'],
    ['ABCDEFGH123!', [], '3 classes: upper, digit, symbol'],
    ['1234567890!@', ['min_classes'], '2 classes: digit, symbol'],
    ['Zhangsan#2026', ['contains_username'], 'contains the user name'],
    ['ZHANGSAN#2026', ['contains_username'], 'contains the user name in other case'],
    ['短密码A1', ['min_length'], 'Chinese characters count as characters'],
    ['', ['min_length', 'min_classes'], 'empty'],
  ])('%s → %j (%s)', (pw, expected) => {
    expect(rules(pw)).toEqual(expected);
  });

  it('counts classes', () => {
    expect(countPasswordClasses('aA1!')).toBe(4);
    expect(countPasswordClasses('中文密码')).toBe(1); // a non-ASCII character counts as a symbol
  });

  it('names each rule in Chinese with the figures', () => {
    const [v] = checkPasswordStrength('Abcdefgh1!x', 'u', policy);
    expect(v!.message).toBe('密码至少需要 12 个字符，当前只有 11 个');
  });

  it('follows the policy settings', () => {
    expect(checkPasswordStrength('abcdefgh', 'u', { ...policy, minLength: 8, minClasses: 1 })).toEqual([]);
    expect(checkPasswordStrength('Zhangsan#2026', 'zhangsan', { ...policy, forbidUsername: false })).toEqual([]);
  });
});

describe('password expiry (90 days)', () => {
  const changed = new Date('2026-01-01T00:00:00Z');
  it.each([
    [0, false],
    [89, false],
    [89.999, false],
    [90, true],
    [365, true],
  ])('day %s → expired %s', (days, expected) => {
    expect(isPasswordExpired(changed, new Date(changed.getTime() + days * 86_400_000), policy)).toBe(expected);
  });
});

describe('lockout (5 failures lock for 15 minutes)', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const fail = (n: number, at = t0): TLockoutState => {
    let s: TLockoutState = { failedAttempts: 0, lockedUntil: null };
    for (let i = 0; i < n; i++) s = registerFailedLogin(s, at, policy);
    return s;
  };

  it('4 failures do not lock', () => {
    expect(isLocked(fail(4), t0)).toBe(false);
  });
  it('the 5th failure locks for 15 minutes', () => {
    const s = fail(5);
    expect(s.lockedUntil?.toISOString()).toBe('2026-01-01T00:15:00.000Z');
    expect(isLocked(s, t0)).toBe(true);
  });
  it('a 6th attempt is still locked', () => {
    expect(isLocked(fail(6), t0)).toBe(true);
  });
  it('the lock ends at exactly 15 minutes', () => {
    const s = fail(5);
    expect(isLocked(s, new Date(t0.getTime() + 15 * 60_000 - 1))).toBe(true);
    expect(isLocked(s, new Date(t0.getTime() + 15 * 60_000))).toBe(false);
  });
  it('after the lock ran out, the count starts again', () => {
    const later = new Date(t0.getTime() + 16 * 60_000);
    const s = registerFailedLogin(fail(5), later, policy);
    expect(s).toEqual({ failedAttempts: 1, lockedUntil: null });
  });
});

describe('session idle timeout (30 minutes)', () => {
  const seen = new Date('2026-01-01T00:00:00Z');
  it.each([
    [29, false],
    [30, true],
  ])('%s minutes idle → ended %s', (m, expected) => {
    expect(isSessionIdle(seen, new Date(seen.getTime() + m * 60_000), policy)).toBe(expected);
  });
});

describe('one-time passwords', () => {
  it('always meet the default policy', () => {
    for (let seed = 0; seed < 200; seed++) {
      const bytes = Uint8Array.from({ length: 32 }, (_, i) => (seed * 31 + i * 17 + ((seed * i) % 7)) % 256);
      const pw = buildOneTimePassword(bytes);
      expect(pw).toHaveLength(16);
      expect(checkPasswordStrength(pw, 'admin', policy)).toEqual([]);
      expect(countPasswordClasses(pw)).toBe(4);
    }
  });
});
