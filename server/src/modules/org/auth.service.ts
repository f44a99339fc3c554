import { createHash, randomBytes } from 'node:crypto';
import {
  AppError,
  checkPasswordStrength,
  isLocked,
  isPasswordExpired,
  isSessionIdle,
  lockedMessage,
  permissionsOf,
  registerFailedLogin,
  reusedPasswordViolation,
  ZRoleSchema,
  type TChangePassword,
  type TLogin,
  type TMe,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TActorContext, TClock, TRequestContext } from '../../shared/context';
import { iso } from '../../shared/iso';
import { burnVerify, hashPassword, verifyPassword } from '../../shared/passwords';
import type { TAuditService } from '../audit/audit.service';
import type { TSettingsService } from '../settings/settings.service';
import * as repo from './org.repo';
import type { TSessionCache } from './session-cache';
import type { TUsersService } from './users.service';
import { createAttemptLimiter } from '../../shared/attempt-limiter';

export type TAuthService = ReturnType<typeof createAuthService>;

export interface TSession {
  id: string;
  actor: TActorContext;
  mustChangePassword: boolean;
  passwordExpired: boolean;
  /** The user's sign-in before this session's (ISO), null at the first. */
  previousLoginAt: string | null;
}

const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');
// last_seen_at is written at most this often, so a read request costs no write.
const TOUCH_EVERY_MS = 60_000;

/** Failed sign-ins from one client address within 15 minutes before it must wait. */
export const ADDRESS_FAILURES_MAX = 30;

export function createAuthService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  users: TUsersService;
  clock: TClock;
  sessions: TSessionCache;
}) {
  // Password guessing across accounts from one address (the per-account lockout does not see unknown usernames, nor
  // one try at each of many accounts): 30 failures in 15 minutes, then that address waits.
  const addressFailures = createAttemptLimiter({ max: ADDRESS_FAILURES_MAX, windowMs: 15 * 60_000 });
  const { db, audit, settings, users, clock, sessions } = deps;

  /** A transaction that writes users or sessions: the sessions kept are forgotten once it has ended. */
  async function writingSessions(run: (tx: Db) => Promise<void>): Promise<void> {
    try {
      await db.transaction(run);
    } finally {
      sessions.forget();
    }
  }

  async function me(session: Pick<TSession, 'actor' | 'passwordExpired' | 'previousLoginAt'>): Promise<TMe> {
    const [user, passwordPolicy] = await Promise.all([users.loadDto(db, session.actor.id), settings.get('passwordPolicy')]);
    const firm = user.role === 'enterprise_user';
    return {
      user,
      permissions: permissionsOf(user.role),
      passwordExpired: session.passwordExpired,
      previousLoginAt: session.previousLoginAt,
      passwordPolicy,
      enterpriseId: firm ? user.enterpriseId : null,
      enterpriseName: firm ? user.enterpriseName : null,
    };
  }

  /** Checks the password (with lockout), opens a session and returns its token; every outcome is audited. */
  async function login(input: TLogin, clientAddress: string | null): Promise<{ token: string; me: TMe }> {
    const policy = await settings.get('passwordPolicy');
    const now = clock();
    const ctx: TRequestContext = { actor: null, clientAddress };
    const address = clientAddress ?? 'unknown';
    const wait = addressFailures.retryAfterMs(address, now);
    if (wait > 0) {
      throw new AppError('too_many_requests', `该网络地址登录失败次数过多，请 ${Math.ceil(wait / 60_000)} 分钟后再试`);
    }
    const user = await repo.findUserByUsername(db, input.username);
    if (!user) {
      addressFailures.fail(address, now);
      await burnVerify(input.password);
      throw new AppError('unauthenticated', '用户名或密码错误');
    }
    const lockState = { failedAttempts: user.failedAttempts, lockedUntil: user.lockedUntil ? new Date(user.lockedUntil) : null };
    if (isLocked(lockState, now)) throw new AppError('locked', lockedMessage(lockState.lockedUntil!, now));
    const ok = await verifyPassword(user.passwordHash, input.password);
    if (!ok) {
      addressFailures.fail(address, now);
      const next = registerFailedLogin(lockState, now, policy);
      const lockedNow = isLocked(next, now);
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, user.id, { failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil?.toISOString() ?? null });
        await audit.record(tx, ctx, {
          action: lockedNow ? 'lock' : 'login_failed',
          entity: 'user',
          entityId: user.id,
          actorName: input.username,
          after: { failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil?.toISOString() ?? null },
          divisionCode: user.divisionCode,
        });
      });
      if (lockedNow) throw new AppError('locked', lockedMessage(next.lockedUntil!, now));
      throw new AppError('unauthenticated', '用户名或密码错误');
    }
    if (user.disabled) throw new AppError('forbidden', '该账号已停用，请联系管理员');
    const token = randomBytes(32).toString('base64url');
    const actor: TActorContext = {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: ZRoleSchema.parse(user.role),
      divisionCode: user.divisionCode,
    };
    await db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, { failedAttempts: 0, lockedUntil: null, lastLoginAt: now.toISOString() });
      await repo.insertSession(tx, {
        id: tokenId(token),
        userId: user.id,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        clientAddress,
        // Kept with the session: the home page's 上次登录 is the sign-in before this one, not this one.
        previousLoginAt: user.lastLoginAt,
      });
      await audit.record(
        tx,
        { actor, clientAddress },
        { action: 'login', entity: 'session', entityId: user.id, divisionCode: user.divisionCode },
      );
    });
    const passwordExpired = isPasswordExpired(new Date(user.passwordChangedAt), now, policy);
    return { token, me: await me({ actor, passwordExpired, previousLoginAt: iso(user.lastLoginAt) }) };
  }

  /** The session behind a cookie token, or null when unknown, idle too long, or its user disabled. */
  async function resolve(token: string): Promise<TSession | null> {
    const id = tokenId(token);
    const found = await sessions.find(id, (key) => repo.findSession(db, key));
    if (!found) return null;
    const policy = await settings.get('passwordPolicy');
    const now = clock();
    const lastSeen = new Date(found.session.lastSeenAt);
    if (found.user.disabled || isSessionIdle(lastSeen, now, policy)) {
      await writingSessions((tx) => repo.deleteSession(tx, id));
      return null;
    }
    if (now.getTime() - lastSeen.getTime() >= TOUCH_EVERY_MS) {
      await repo.touchSession(db, id, now.toISOString());
      sessions.touched(id, now.toISOString());
    }
    const u = found.user;
    return {
      id,
      actor: { id: u.id, username: u.username, displayName: u.displayName, role: ZRoleSchema.parse(u.role), divisionCode: u.divisionCode },
      mustChangePassword: u.mustChangePassword,
      passwordExpired: isPasswordExpired(new Date(u.passwordChangedAt), now, policy),
      previousLoginAt: iso(found.session.previousLoginAt),
    };
  }

  async function logout(session: TSession, clientAddress: string | null): Promise<void> {
    await writingSessions(async (tx) => {
      await repo.deleteSession(tx, session.id);
      await audit.record(
        tx,
        { actor: session.actor, clientAddress },
        { action: 'logout', entity: 'session', entityId: session.actor.id, divisionCode: session.actor.divisionCode },
      );
    });
  }

  /** Sets a new password under the policy; other sessions of the user end. */
  async function changePassword(session: TSession, input: TChangePassword, clientAddress: string | null): Promise<TMe> {
    const policy = await settings.get('passwordPolicy');
    const user = await repo.findUser(db, session.actor.id);
    if (!user) throw new AppError('unauthenticated', '请先登录');
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('invalid', '当前密码不正确', { field: 'currentPassword' });
    }
    const violations = checkPasswordStrength(input.newPassword, user.username, policy);
    if (violations.length === 0) {
      const recent = await repo.recentPasswordHashes(db, user.id, policy.historyCount);
      for (const old of recent) {
        if (await verifyPassword(old, input.newPassword)) {
          violations.push(reusedPasswordViolation(policy));
          break;
        }
      }
    }
    if (violations.length > 0) {
      throw new AppError('rule_violation', violations.map((v) => v.message).join('；'), { field: 'newPassword', details: { violations } });
    }
    const passwordHash = await hashPassword(input.newPassword);
    const now = clock().toISOString();
    await writingSessions(async (tx) => {
      await repo.updateUser(tx, user.id, { passwordHash, passwordChangedAt: now, mustChangePassword: false, updatedAt: now });
      await repo.addPasswordHistory(tx, user.id, passwordHash, now);
      await repo.deleteUserSessions(tx, user.id, session.id);
      await audit.record(
        tx,
        { actor: session.actor, clientAddress },
        {
          action: 'password_change',
          entity: 'user',
          entityId: user.id,
          before: { passwordChangedAt: new Date(user.passwordChangedAt).toISOString(), mustChangePassword: user.mustChangePassword },
          after: { passwordChangedAt: now, mustChangePassword: false },
          divisionCode: user.divisionCode,
        },
      );
    });
    return me({ ...session, passwordExpired: false });
  }

  return { login, resolve, logout, changePassword, me };
}
