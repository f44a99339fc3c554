import type { TPasswordPolicy } from './settings.schema';
import { addDays, addMinutes } from '../shared/time';

export type TPasswordRule = 'min_length' | 'min_classes' | 'contains_username' | 'reused';
export interface TPasswordViolation {
  rule: TPasswordRule;
  message: string;
}

const CLASSES: readonly { test: RegExp; label: string }[] = [
  { test: /[A-Z]/, label: '大写字母' },
  { test: /[a-z]/, label: '小写字母' },
  { test: /[0-9]/, label: '数字' },
  { test: /[^A-Za-z0-9]/, label: '符号' },
];

/** How many of the four classes (upper, lower, digit, symbol) a password uses. */
export const countPasswordClasses = (password: string): number => CLASSES.filter((c) => c.test.test(password)).length;

/**
 * The strength rules a new password must meet (seed: 强口令; defaults 12 characters, 3 of 4 classes,
 * not containing the user name). Reuse of the last N passwords needs the stored hashes and is checked
 * by the service, which reports it with `reusedPasswordViolation`.
 */
export function checkPasswordStrength(password: string, username: string, policy: TPasswordPolicy): TPasswordViolation[] {
  const violations: TPasswordViolation[] = [];
  const length = [...password].length;
  if (length < policy.minLength) {
    violations.push({ rule: 'min_length', message: `密码至少需要 ${policy.minLength} 个字符，当前只有 ${length} 个` });
  }
  const classes = countPasswordClasses(password);
  if (classes < policy.minClasses) {
    violations.push({
      rule: 'min_classes',
      message: `密码需包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类，当前只有 ${classes} 类`,
    });
  }
  if (policy.forbidUsername && username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) {
    violations.push({ rule: 'contains_username', message: '密码不能包含用户名' });
  }
  return violations;
}

export const reusedPasswordViolation = (policy: TPasswordPolicy): TPasswordViolation => ({
  rule: 'reused',
  message: `新密码不能与最近 ${policy.historyCount} 次使用过的密码相同`,
});

/** A password set at `changedAt` has expired once `maxAgeDays` whole days have passed (day 89 valid, day 90 expired). */
export const isPasswordExpired = (changedAt: Date, now: Date, policy: TPasswordPolicy): boolean =>
  now.getTime() >= addDays(changedAt, policy.maxAgeDays).getTime();

export interface TLockoutState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export const isLocked = (state: TLockoutState, now: Date): boolean =>
  state.lockedUntil !== null && now.getTime() < state.lockedUntil.getTime();

/**
 * State after a failed login. The `maxFailedAttempts`-th consecutive failure locks the account for
 * `lockoutMinutes`; once a lock has run out the count starts again.
 */
export function registerFailedLogin(state: TLockoutState, now: Date, policy: TPasswordPolicy): TLockoutState {
  const lockRanOut = state.lockedUntil !== null && !isLocked(state, now);
  const failedAttempts = (lockRanOut ? 0 : state.failedAttempts) + 1;
  if (failedAttempts >= policy.maxFailedAttempts) {
    return { failedAttempts, lockedUntil: addMinutes(now, policy.lockoutMinutes) };
  }
  return { failedAttempts, lockedUntil: lockRanOut ? null : state.lockedUntil };
}

export const lockedMessage = (lockedUntil: Date, now: Date): string => {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
  return `连续登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`;
};

/** A session unused for `sessionIdleMinutes` has ended. */
export const isSessionIdle = (lastSeenAt: Date, now: Date, policy: TPasswordPolicy): boolean =>
  now.getTime() >= addMinutes(lastSeenAt, policy.sessionIdleMinutes).getTime();

const ONE_TIME_ALPHABET = {
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  lower: 'abcdefghijkmnopqrstuvwxyz',
  digit: '23456789',
  symbol: '#%+=@!?',
};

/**
 * A one-time password that meets any policy up to 4 classes and `length`, built from random bytes the
 * caller supplies (the domain reads no entropy source itself). Ambiguous characters (0 O 1 l I) are left out.
 */
export function buildOneTimePassword(randomBytes: Uint8Array, length = 16): string {
  const sets = [ONE_TIME_ALPHABET.upper, ONE_TIME_ALPHABET.lower, ONE_TIME_ALPHABET.digit, ONE_TIME_ALPHABET.symbol];
  const all = sets.join('');
  if (randomBytes.length < length) throw new Error('buildOneTimePassword needs at least `length` random bytes');
  const chars = Array.from({ length }, (_, i) => {
    const set = i < sets.length ? sets[i]! : all;
    return set[randomBytes[i]! % set.length]!;
  });
  // Move the guaranteed class characters to places chosen by the remaining bytes.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = (randomBytes[(i + length) % randomBytes.length]! + i) % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
