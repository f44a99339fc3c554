import {
  AppError,
  inScope,
  roleScopeProblem,
  userChangeProblem,
  ZRoleSchema,
  type TDepartment,
  type TDivision,
  type TUser,
  type TUserCreate,
  type TUserListQuery,
  type TUserUpdate,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TActorContext, TClock, TRequestContext } from '../../shared/context';
import { hashPassword, newOneTimePassword } from '../../shared/passwords';
import type { TAuditService } from '../audit/audit.service';
import { requirePermission } from '../../kit/access';
import * as repo from './org.repo';
import type { TSessionCache } from './session-cache';
import { DIVISION_HISTORY, loadCityDivisions } from './divisions.data';
import { iso } from '../../shared/iso';

export type TUsersService = ReturnType<typeof createUsersService>;

/** The presenter: what leaves the server about a user (never the hash, never lockout counters). */
export const toUserDto = (v: repo.TUserView): TUser => ({
  id: v.id,
  username: v.username,
  displayName: v.displayName,
  role: ZRoleSchema.parse(v.role),
  divisionCode: v.divisionCode,
  divisionName: v.divisionName,
  departmentId: v.departmentId,
  departmentName: v.departmentName,
  phone: v.phone,
  disabled: v.disabled,
  lockedUntil: iso(v.lockedUntil),
  mustChangePassword: v.mustChangePassword,
  passwordChangedAt: iso(v.passwordChangedAt),
  lastLoginAt: iso(v.lastLoginAt),
  createdAt: iso(v.createdAt)!,
  enterpriseId: v.enterpriseId,
  enterpriseName: v.enterpriseName,
});

/** What the audit log keeps of a user: the same fields a page shows. */
const auditView = (v: repo.TUserView | TUser) => {
  const { lastLoginAt: _l, ...rest } = 'createdAt' in v ? (v as TUser) : v;
  return rest;
};

export function createUsersService({
  db,
  audit,
  clock,
  sessions,
}: {
  db: Db;
  audit: TAuditService;
  clock: TClock;
  sessions: TSessionCache;
}) {
  /** A transaction that writes users or their sessions: the sessions kept are forgotten once it has ended. */
  async function writingUsers<T>(run: (tx: Db) => Promise<T>): Promise<T> {
    try {
      return await db.transaction(run);
    } finally {
      sessions.forget();
    }
  }

  async function loadDto(tx: Db, id: number): Promise<TUser> {
    const view = await repo.findUserView(tx, id);
    if (!view) throw new AppError('not_found', '用户不存在');
    return toUserDto(view);
  }

  async function checkDivisionAndDepartment(tx: Db, actor: TActorContext, divisionCode: string, departmentId: number | null | undefined) {
    if (!inScope(actor.divisionCode, divisionCode)) {
      throw new AppError('forbidden', '不能在您管辖范围以外的区划建立或调整用户', { field: 'divisionCode' });
    }
    if (!(await repo.findDivision(tx, divisionCode))) {
      throw new AppError('invalid', `行政区划 ${divisionCode} 不存在`, { field: 'divisionCode' });
    }
    if (departmentId !== undefined && departmentId !== null) {
      const department = await repo.findDepartment(tx, departmentId);
      if (!department || !inScope(actor.divisionCode, department.divisionCode)) {
        throw new AppError('invalid', '科室不存在或不在您的管辖范围内', { field: 'departmentId' });
      }
    }
  }

  /** An enterprise user speaks for one firm of their town; other roles carry none. */
  async function checkEnterprise(
    tx: Db,
    role: string,
    divisionCode: string,
    enterpriseId: number | null | undefined,
  ): Promise<number | null> {
    if (role !== 'enterprise_user') {
      if (enterpriseId) throw new AppError('invalid', '只有企业用户才能指定所属企业', { field: 'enterpriseId' });
      return null;
    }
    if (!enterpriseId) throw new AppError('invalid', '企业用户必须指定所属企业', { field: 'enterpriseId' });
    const firm = await repo.findEnterpriseTown(tx, enterpriseId);
    if (!firm) throw new AppError('invalid', '所属企业不存在', { field: 'enterpriseId' });
    if (firm.divisionCode !== divisionCode)
      throw new AppError('invalid', `所属企业“${firm.name}”不在该用户所在的镇街`, { field: 'enterpriseId' });
    return firm.id;
  }

  async function list(ctx: TRequestContext, query: TUserListQuery) {
    const actor = requirePermission(ctx, 'user.read');
    const { items, total } = await repo.listUsers(db, query, actor.divisionCode);
    return { items: items.map(toUserDto), total };
  }

  async function create(ctx: TRequestContext, input: TUserCreate): Promise<{ user: TUser; oneTimePassword: string }> {
    const actor = requirePermission(ctx, 'user.manage');
    const scopeProblem = roleScopeProblem(input.role, input.divisionCode);
    if (scopeProblem) throw new AppError('invalid', scopeProblem, { field: 'divisionCode' });
    const oneTimePassword = newOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const now = clock().toISOString();
    const user = await db.transaction(async (tx) => {
      await checkDivisionAndDepartment(tx, actor, input.divisionCode, input.departmentId);
      const enterpriseId = await checkEnterprise(tx, input.role, input.divisionCode, input.enterpriseId);
      if (await repo.findUserByUsername(tx, input.username)) {
        throw new AppError('conflict', `用户名 ${input.username} 已被使用`, { field: 'username' });
      }
      const row = await repo.insertUser(tx, {
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        divisionCode: input.divisionCode,
        departmentId: input.departmentId ?? null,
        phone: input.phone ?? null,
        enterpriseId,
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      });
      await repo.addPasswordHistory(tx, row.id, passwordHash, now);
      const dto = await loadDto(tx, row.id);
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'user',
        entityId: row.id,
        after: auditView(dto),
        divisionCode: dto.divisionCode,
      });
      return dto;
    });
    return { user, oneTimePassword };
  }

  async function update(ctx: TRequestContext, id: number, patch: TUserUpdate): Promise<TUser> {
    const actor = requirePermission(ctx, 'user.manage');
    return writingUsers(async (tx) => {
      const before = await loadDto(tx, id);
      const problem = userChangeProblem(actor, before, patch);
      if (problem) throw new AppError('forbidden', problem);
      const role = patch.role ?? before.role;
      const divisionCode = patch.divisionCode ?? before.divisionCode;
      const scopeProblem = roleScopeProblem(role, divisionCode);
      if (scopeProblem) throw new AppError('invalid', scopeProblem, { field: patch.divisionCode ? 'divisionCode' : 'role' });
      await checkDivisionAndDepartment(tx, actor, divisionCode, patch.departmentId);
      // Checked when the role, town or firm changes; an untouched account keeps its firm.
      const touched = patch.role !== undefined || patch.divisionCode !== undefined || patch.enterpriseId !== undefined;
      const enterpriseId = touched
        ? await checkEnterprise(
            tx,
            role,
            divisionCode,
            patch.enterpriseId === undefined ? (role === 'enterprise_user' ? before.enterpriseId : null) : patch.enterpriseId,
          )
        : before.enterpriseId;
      const now = clock().toISOString();
      await repo.updateUser(tx, id, { ...patch, enterpriseId, updatedAt: now });
      // A disabled account, or one whose role or scope changed, must log in again.
      if (patch.disabled === true || patch.role !== undefined || patch.divisionCode !== undefined || enterpriseId !== before.enterpriseId) {
        await repo.deleteUserSessions(tx, id);
      }
      const after = await loadDto(tx, id);
      const action =
        patch.disabled === true && !before.disabled ? 'disable' : patch.disabled === false && before.disabled ? 'enable' : 'update';
      await audit.record(tx, ctx, {
        action,
        entity: 'user',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
        divisionCode: after.divisionCode,
      });
      return after;
    });
  }

  async function resetPassword(ctx: TRequestContext, id: number): Promise<{ user: TUser; oneTimePassword: string }> {
    const actor = requirePermission(ctx, 'user.manage');
    const oneTimePassword = newOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const user = await writingUsers(async (tx) => {
      const before = await loadDto(tx, id);
      const problem = userChangeProblem(actor, before, {});
      if (problem) throw new AppError('forbidden', problem);
      const now = clock().toISOString();
      await repo.updateUser(tx, id, {
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: true,
        failedAttempts: 0,
        lockedUntil: null,
        updatedAt: now,
      });
      await repo.addPasswordHistory(tx, id, passwordHash, now);
      await repo.deleteUserSessions(tx, id);
      const after = await loadDto(tx, id);
      await audit.record(tx, ctx, {
        action: 'password_reset',
        entity: 'user',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
        divisionCode: after.divisionCode,
      });
      return after;
    });
    return { user, oneTimePassword };
  }

  async function listDepartments(ctx: TRequestContext): Promise<TDepartment[]> {
    const actor = requirePermission(ctx, 'department.read');
    return repo.listDepartments(db, actor.divisionCode);
  }

  async function createDepartment(ctx: TRequestContext, input: { name: string; divisionCode: string }): Promise<TDepartment> {
    const actor = requirePermission(ctx, 'department.manage');
    return db.transaction(async (tx) => {
      await checkDivisionAndDepartment(tx, actor, input.divisionCode, null);
      if (await repo.findDepartmentByName(tx, input.divisionCode, input.name)) {
        throw new AppError('conflict', `科室“${input.name}”已存在`, { field: 'name' });
      }
      const row = await repo.insertDepartment(tx, input);
      await audit.record(tx, ctx, { action: 'create', entity: 'department', entityId: row.id, after: row, divisionCode: row.divisionCode });
      return row;
    });
  }

  async function listDivisions(ctx: TRequestContext): Promise<TDivision[]> {
    const actor = requirePermission(ctx, 'division.read');
    return (await repo.listDivisions(db, actor.divisionCode)) as TDivision[];
  }

  async function listCityTowns(ctx: TRequestContext): Promise<TDivision[]> {
    const actor = requirePermission(ctx, 'division.read');
    return ((await repo.listDivisions(db, actor.divisionCode.slice(0, 4))) as TDivision[]).filter((d) => d.level === 'town');
  }

  async function listDivisionHistory(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'division.read');
    return repo.listDivisionHistory(db, actor.divisionCode.slice(0, 4));
  }

  /** Loads (or refreshes) the configured city's divisions and code history; cheap when already loaded. */
  async function ensureDivisions(cityCode: string): Promise<number> {
    const rows = loadCityDivisions(cityCode);
    const history = DIVISION_HISTORY[cityCode] ?? [];
    if (
      (await repo.countDivisions(
        db,
        rows.map((r) => r.code),
      )) === rows.length
    )
      return rows.length;
    await db.transaction(async (tx) => {
      await repo.upsertDivisions(tx, rows);
      await repo.replaceDivisionHistory(
        tx,
        cityCode,
        history.map((h) => ({ ...h, changedOn: null })),
      );
      await audit.record(
        tx,
        { actor: null, clientAddress: null },
        {
          action: 'create',
          entity: 'division',
          entityId: cityCode,
          actorName: '系统',
          after: { city: cityCode, divisions: rows.length, history: history.length },
        },
      );
    });
    return rows.length;
  }

  /**
   * On an empty database, creates `admin` for the city with a random one-time password, returned to be printed
   * once; it must be changed at first login. Returns null when users exist.
   */
  async function ensureAdmin(cityCode: string): Promise<string | null> {
    if ((await repo.countUsers(db)) > 0) return null;
    const oneTimePassword = newOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      const row = await repo.insertUser(tx, {
        username: 'admin',
        displayName: '系统管理员',
        role: 'admin',
        divisionCode: cityCode,
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      });
      await repo.addPasswordHistory(tx, row.id, passwordHash, now);
      const dto = await loadDto(tx, row.id);
      await audit.record(
        tx,
        { actor: null, clientAddress: null },
        { action: 'create', entity: 'user', entityId: row.id, actorName: '系统', after: auditView(dto), divisionCode: dto.divisionCode },
      );
    });
    return oneTimePassword;
  }

  return {
    list,
    create,
    update,
    resetPassword,
    listDepartments,
    createDepartment,
    listDivisions,
    listCityTowns,
    listDivisionHistory,
    ensureDivisions,
    ensureAdmin,
    loadDto,
  };
}
