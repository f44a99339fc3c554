import {
  AppError,
  enterpriseChangeProblem,
  inScope,
  searchGrams,
  supervisingLevel,
  type TEnterprise,
  type TEnterpriseCreate,
  type TEnterpriseListQuery,
  type TEnterpriseUpdate,
  type TRegistrationStatus,
  type TRiskColour,
  type TSupervisingLevel,
  type TSupervisionCategory,
  type TSupervisionStatus,
  type TTimelineQuery,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import type { TAuditService } from '../audit/audit.service';
import * as orgRepo from '../org/org.repo';
import { requirePermission } from '../../kit/access';
import type { TSettingsService } from '../settings/settings.service';
import * as repo from './enterprise.repo';
import type { TObligation, TObligationProvider } from './obligations';
import { iso } from '../../shared/iso';

export type TEnterpriseService = ReturnType<typeof createEnterpriseService>;

/** The presenter: what leaves the server about a firm. */
export const toEnterpriseDto = (v: repo.TEnterpriseView): TEnterprise => ({
  ...v,
  supervisionCategory: v.supervisionCategory as TSupervisionCategory,
  registrationStatus: v.registrationStatus as TRegistrationStatus,
  supervisionStatus: v.supervisionStatus as TSupervisionStatus,
  supervisingLevel: v.supervisingLevel as TSupervisingLevel,
  riskColour: (v.riskColour ?? null) as TRiskColour | null,
  updatedAt: iso(v.updatedAt),
});

export function createEnterpriseService(deps: { db: Db; audit: TAuditService; settings: TSettingsService; clock: TClock }) {
  const { db, audit, settings, clock } = deps;
  const providers: TObligationProvider[] = [];

  settings.onChange('enterprisePowers', (tx, powers) => repo.recomputeLevels(tx, powers));

  async function load(tx: Db, id: number): Promise<TEnterprise> {
    const view = await repo.findEnterprise(tx, id);
    if (!view) throw new AppError('not_found', '企业不存在');
    return toEnterpriseDto(view);
  }

  async function loadInScope(tx: Db, ctx: TRequestContext, id: number): Promise<TEnterprise> {
    const actor = requirePermission(ctx, 'enterprise.read');
    const firm = await load(tx, id);
    // Out of scope reads as absent: a town does not learn what another town holds.
    if (!inScope(actor.divisionCode, firm.divisionCode)) throw new AppError('not_found', '企业不存在');
    return firm;
  }

  async function list(ctx: TRequestContext, query: TEnterpriseListQuery) {
    const actor = requirePermission(ctx, 'enterprise.read');
    const { items, total } = await repo.listEnterprises(db, query, actor.divisionCode);
    return { items: items.map(toEnterpriseDto), total };
  }

  async function detail(ctx: TRequestContext, id: number) {
    const firm = await loadInScope(db, ctx, id);
    const [licences, events, history] = await Promise.all([
      repo.listLicences(db, id),
      repo.listEvents(db, id),
      audit.list(db, { entity: 'enterprise', entityId: String(id), page: 1, pageSize: 100 }, ctx.actor!.divisionCode),
    ]);
    return {
      enterprise: firm,
      licences: licences.map(({ enterpriseId: _e, ...l }) => l),
      supervisingBody: firm.supervisingLevel === 'city' ? '市应急管理局' : `${firm.divisionName ?? firm.divisionCode}应急管理部门`,
      timeline: events.map((e) => ({ id: e.id, at: iso(e.at), module: e.module, kind: e.kind, summary: e.summary, ref: e.ref })),
      history: history.items,
      can: { change: enterpriseChangeProblem(ctx.actor!, firm) === null },
    };
  }

  /** The firm's timeline page by page (a town reads only its own firms'; another's reads as absent). */
  async function timeline(ctx: TRequestContext, id: number, query: TTimelineQuery) {
    await loadInScope(db, ctx, id);
    const { items, total } = await repo.pageEvents(db, id, {
      module: query.module,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return {
      items: items.map((e) => ({ id: e.id, at: iso(e.at)!, module: e.module, kind: e.kind, summary: e.summary, ref: e.ref })),
      total,
    };
  }

  async function create(ctx: TRequestContext, input: TEnterpriseCreate): Promise<TEnterprise> {
    const actor = requirePermission(ctx, 'enterprise.manage');
    const powers = await settings.get('enterprisePowers');
    const level = supervisingLevel(input.supervisionCategory, powers);
    const problem = enterpriseChangeProblem(actor, { divisionCode: input.divisionCode, supervisingLevel: level });
    if (problem) throw new AppError('forbidden', problem, { field: 'divisionCode' });
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const division = await orgRepo.findDivision(tx, input.divisionCode);
      if (!division || division.level !== 'town')
        throw new AppError('invalid', `所属镇街 ${input.divisionCode} 不存在`, { field: 'divisionCode' });
      const existing = await repo.findByCreditCode(tx, input.creditCode);
      if (existing)
        throw new AppError('conflict', `统一社会信用代码 ${input.creditCode} 已登记为“${existing.name}”`, { field: 'creditCode' });
      const { reason, licences, ...fields } = input;
      const [row] = await repo.insertEnterprises(tx, [
        {
          ...fields,
          formerNames: [],
          supervisingLevel: level,
          supervisionStatus: '在管',
          searchGrams: searchGrams([fields.name, input.creditCode]),
          createdAt: now,
          updatedAt: now,
        },
      ]);
      await repo.replaceLicences(tx, row!.id, licences);
      await repo.addEvents(tx, [
        { enterpriseId: row!.id, at: now, module: 'enterprise', kind: 'create', summary: `纳入监管台账：${reason}` },
      ]);
      const after = await load(tx, row!.id);
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'enterprise',
        entityId: row!.id,
        after: { ...after, licences, reason },
        divisionCode: after.divisionCode,
      });
      return after;
    });
  }

  async function update(ctx: TRequestContext, id: number, input: TEnterpriseUpdate): Promise<TEnterprise> {
    const actor = requirePermission(ctx, 'enterprise.manage');
    const now = clock().toISOString();
    const powers = await settings.get('enterprisePowers');
    return db.transaction(async (tx) => {
      const before = await loadInScope(tx, ctx, id);
      const problem = enterpriseChangeProblem(actor, before);
      if (problem) throw new AppError('forbidden', problem);
      const { reason, licences, ...fields } = input;
      const beforeLicences = licences ? (await repo.listLicences(tx, id)).map(({ id: _i, enterpriseId: _e, ...l }) => l) : undefined;
      const name = fields.name ?? before.name;
      const formerNames = fields.name && fields.name !== before.name ? [...before.formerNames, before.name] : before.formerNames;
      const category = fields.supervisionCategory ?? before.supervisionCategory;
      const level = supervisingLevel(category, powers);
      if (actor.divisionCode.length === 9 && level !== 'town') {
        throw new AppError('forbidden', '改为该监管类别后企业将由市级监管，镇街不能作此修改', { field: 'supervisionCategory' });
      }
      await repo.updateEnterprise(tx, id, {
        ...fields,
        formerNames,
        supervisingLevel: level,
        searchGrams: searchGrams([name, ...formerNames, before.creditCode]),
        updatedAt: now,
      });
      if (licences) await repo.replaceLicences(tx, id, licences);
      const after = await load(tx, id);
      await repo.addEvents(tx, [{ enterpriseId: id, at: now, module: 'enterprise', kind: 'update', summary: `修改企业信息：${reason}` }]);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'enterprise',
        entityId: id,
        before: { ...before, ...(beforeLicences ? { licences: beforeLicences } : {}) },
        after: { ...after, ...(licences ? { licences } : {}), reason },
        divisionCode: after.divisionCode,
      });
      return after;
    });
  }

  /** 移出监管 or back in, or a 待核实 firm confirmed; each with its reason. */
  async function setStatus(ctx: TRequestContext, id: number, status: TSupervisionStatus, reason: string): Promise<TEnterprise> {
    const actor = requirePermission(ctx, 'enterprise.manage');
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const before = await loadInScope(tx, ctx, id);
      const problem = enterpriseChangeProblem(actor, before);
      if (problem) throw new AppError('forbidden', problem);
      if (before.supervisionStatus === status) throw new AppError('rule_violation', `企业已是“${status}”状态`);
      await repo.setSupervisionStatus(tx, [id], status, now);
      await repo.addEvents(tx, [
        {
          enterpriseId: id,
          at: now,
          module: 'enterprise',
          kind: 'status',
          summary: `监管状态 ${before.supervisionStatus} → ${status}：${reason}`,
        },
      ]);
      const after = await load(tx, id);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'enterprise',
        entityId: id,
        before: { supervisionStatus: before.supervisionStatus },
        after: { supervisionStatus: status, reason },
        divisionCode: after.divisionCode,
      });
      return after;
    });
  }

  function registerObligationProvider(provider: TObligationProvider): void {
    providers.push(provider);
  }

  /** Firms that turned 注销/吊销 or went missing from the feed while they still owe something. */
  async function deregistrationAlerts(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'enterprise.alerts');
    const ids = await repo.guardCandidateIds(db, actor.divisionCode);
    const owed = new Map<number, TObligation[]>();
    for (const p of providers) {
      for (const [id, obligations] of await p.obligationsFor(db, ids)) owed.set(id, [...(owed.get(id) ?? []), ...obligations]);
    }
    const firms = await Promise.all([...owed.keys()].sort((a, b) => a - b).map((id) => load(db, id)));
    return firms.map((enterprise) => ({ enterprise, obligations: owed.get(enterprise.id)! }));
  }

  /**
   * How many firms `deregistrationAlerts` lists, for the workbench: the providers that can answer in one query over
   * the candidates' subquery do so, and no firm is loaded.
   */
  async function deregistrationAlertCount(ctx: TRequestContext): Promise<number> {
    const actor = requirePermission(ctx, 'enterprise.alerts');
    const candidates = repo.guardCandidates(actor.divisionCode);
    const owing = new Set<number>();
    let ids: number[] | undefined;
    for (const p of providers) {
      if (p.owingAmong) for (const id of await p.owingAmong(db, candidates)) owing.add(id);
      else
        for (const id of (await p.obligationsFor(db, (ids ??= await repo.guardCandidateIds(db, actor.divisionCode)))).keys()) owing.add(id);
    }
    return owing.size;
  }

  return {
    list,
    detail,
    timeline,
    create,
    update,
    setStatus,
    load,
    loadInScope,
    registerObligationProvider,
    deregistrationAlerts,
    deregistrationAlertCount,
  };
}
