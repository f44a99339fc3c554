import {
  AppError,
  availableHazardActions,
  bureauDate,
  can,
  HAZARD_ACTION_LABELS,
  HAZARD_LEVEL_LABELS,
  HAZARD_SOURCE_LABELS,
  HAZARD_STATE_LABELS,
  hazardAccessProblem,
  hazardActionProblem,
  hazardCreateProblem,
  hazardNextState,
  inScope,
  isHazardOverdue,
  type TAuditAction,
  type THazardActionInput,
  type THazardActor,
  type THazardCategory,
  type THazardCreate,
  type THazardDetail,
  type THazardForRules,
  type THazardItem,
  type THazardListQuery,
  type THazardPlan,
  type THazardProblem,
  type THazardsFromFindings,
  type TPermission,
  hazardOrderPrefix,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import { iso } from '../../shared/iso';
import type { TAttachmentService } from '../attachment/attachment.service';
import type { TAuditService } from '../audit/audit.service';
import type { TEnterpriseService } from '../enterprise/enterprise.service';
import type { TObligation } from '../enterprise/obligations';
import { bodyNaming, divisionName } from '../org/org.repo';
import { requirePermission } from '../../kit/access';
import type { TEventBus } from '../../kit/events';
import type { TSettingsService } from '../settings/settings.service';
import { countableFromCounters, hazardTotal } from './hazard-totals.repo';
import * as repo from './hazard.repo';

export type THazardService = ReturnType<typeof createHazardService>;

export const HAZARD_PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'];
export const HAZARD_DOCUMENT_MIMES = [...HAZARD_PHOTO_MIMES, 'application/pdf'];

/** The acting user as the hazard rules see them: an enterprise user carries their firm (users.enterprise_id). */
export async function hazardActor(db: Db, ctx: TRequestContext, permission: TPermission): Promise<THazardActor & { displayName: string }> {
  const a = requirePermission(ctx, permission);
  const enterpriseId = a.role === 'enterprise_user' ? await repo.enterpriseOfUser(db, a.id) : null;
  return { id: a.id, role: a.role, divisionCode: a.divisionCode, enterpriseId, displayName: a.displayName };
}

export const viewerOf = (actor: THazardActor): repo.THazardViewer =>
  actor.role === 'enterprise_user' ? { enterpriseId: actor.enterpriseId } : { scope: actor.divisionCode };

export const toHazardItem = (r: repo.THazardItemRow, now: Date): THazardItem => ({
  id: r.id,
  enterpriseId: r.enterpriseId,
  enterpriseName: r.enterpriseName,
  divisionCode: r.divisionCode,
  townName: r.townName,
  source: r.source,
  category: r.category as THazardCategory,
  level: r.level,
  description: r.description,
  location: r.location,
  foundOn: r.foundOn,
  deadline: r.deadline,
  state: r.state,
  overdue: isHazardOverdue(r, now),
  supervised: r.supervised,
  closedAt: iso(r.closedAt),
  version: r.version,
});

const fail = (p: THazardProblem | null, code: 'invalid' | 'rule_violation' = 'rule_violation', prefix = '') => {
  if (p) throw new AppError(code, p.message, { field: p.field ? `${prefix}${p.field}` : undefined });
};

/** Absent, out of scope or another firm's: all read as absent. */
const NOT_FOUND = () => new AppError('not_found', '隐患不存在', { field: 'id' });

/** The issuing body of an order: the officer's town, or the city bureau; its code, name, the name telling it from a namesake, and its title. */
export async function issuerOf(db: Db, divisionCode: string) {
  const code = divisionCode.length >= 9 ? divisionCode.slice(0, 9) : divisionCode.slice(0, 4);
  const cityName = (await divisionName(db, code.slice(0, 4))) ?? '';
  if (code.length === 9) {
    const town = await bodyNaming(db, code);
    const townName = town.name ?? code;
    return { code, name: townName, qualifier: town.qualifier, body: `${cityName}${townName}应急管理办公室` };
  }
  return { code, name: cityName, qualifier: null, body: `${cityName}应急管理局` };
}

const mergePlan = (before: THazardPlan | null, patch: THazardPlan | undefined): THazardPlan | null =>
  patch ? { ...(before ?? {}), ...patch } : before;

/**
 * Hidden hazards (事故隐患) through the closed loop (DOMAIN.md §4): recorded, ordered with a 责令限期整改指令书,
 * rectified, submitted with evidence, re-checked and closed by someone other than the submitter. Every change goes
 * with its transition row, the firm's timeline, the audit entry and the risk events in one transaction.
 */
export function createHazardService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  attachments: TAttachmentService;
  enterprises: TEnterpriseService;
  events: TEventBus;
  clock: TClock;
}) {
  const { db, audit, settings, attachments, enterprises, events, clock } = deps;

  enterprises.registerObligationProvider({
    module: 'hazard',
    async obligationsFor(tx, enterpriseIds) {
      const owed = new Map<number, TObligation[]>();
      for (const r of await repo.openCounts(tx, enterpriseIds)) {
        owed.set(r.enterpriseId, [
          {
            module: 'hazard',
            kind: 'open_hazard',
            count: Number(r.open),
            summary: `未销号的事故隐患 ${r.open} 项${r.major ? `（其中重大事故隐患 ${r.major} 项）` : ''}`,
          },
        ]);
      }
      return owed;
    },
  });

  // A hazard's photos and evidence are read by whoever may see the hazard: its firm's users, officers in scope.
  attachments.registerReader('hazard', async (tx, ctx, ids) => {
    if (!ctx.actor || !can(ctx.actor.role, 'hazard.read')) return false;
    const actor = await hazardActor(tx, ctx, 'hazard.read');
    return (await repo.itemsByIds(tx, ids)).some((h) => !hazardAccessProblem(h, actor));
  });

  async function loadVisible(tx: Db, actor: THazardActor, id: number, forUpdate = false) {
    const row = await repo.findHazardRow(tx, id, forUpdate);
    if (!row || hazardAccessProblem(row, actor)) throw NOT_FOUND();
    return row;
  }

  /** The hazard as the rules see it, with its pending extension request (one at a time) if any. */
  const rulesView = (row: repo.THazardRow, pending: { id: number; requestedBy: number | null; requestedDeadline: string } | undefined) => ({
    state: row.state,
    level: row.level,
    deadline: row.deadline,
    enterpriseId: row.enterpriseId,
    divisionCode: row.divisionCode,
    plan: row.plan ?? null,
    submittedBy: row.submittedBy,
    pendingExtension: pending ? { requestedBy: pending.requestedBy ?? 0 } : null,
    pendingId: pending?.id ?? null,
    pendingDeadline: pending?.requestedDeadline ?? null,
  });

  async function forRules(
    tx: Db,
    row: repo.THazardRow,
  ): Promise<THazardForRules & { pendingId: number | null; pendingDeadline: string | null }> {
    return rulesView(row, await repo.pendingExtension(tx, row.id));
  }

  /** The hazard's page in four queries (the row, its head, timeline and extensions); the pending request is among the extensions. */
  async function detailOf(tx: Db, actor: THazardActor, id: number): Promise<THazardDetail> {
    const row = await loadVisible(tx, actor, id);
    const [head, transitions, extensions] = await Promise.all([
      repo.findHazardHead(tx, id),
      repo.transitionsOf(tx, id),
      repo.extensionsOf(tx, id),
    ]);
    const { criterionCode, criterionTitle, submittedByName, closedByName, campaigns, ...item } = head!;
    const rules = rulesView(
      row,
      extensions.find((e) => e.status === 'pending'),
    );
    return {
      ...toHazardItem(item, clock()),
      criterion:
        row.criterionItemId && criterionCode !== null && criterionTitle !== null
          ? { id: row.criterionItemId, code: criterionCode, title: criterionTitle }
          : null,
      photos: row.photos,
      foundBy: row.foundBy,
      responsiblePerson: row.responsiblePerson,
      plan: row.plan ?? null,
      orderNo: row.orderNo,
      inspectionId: row.inspectionId,
      findingId: row.findingId,
      campaigns,
      submittedByName: row.submittedBy ? submittedByName : null,
      closedByName: row.closedBy ? closedByName : null,
      transitions: transitions.map((t) => ({ ...t, at: iso(t.at) })),
      extensions: extensions.map(({ requestedBy: _by, ...e }) => ({ ...e, requestedAt: iso(e.requestedAt), decidedAt: iso(e.decidedAt) })),
      actions: availableHazardActions(rules, actor),
    };
  }

  async function list(ctx: TRequestContext, query: THazardListQuery) {
    const actor = await hazardActor(db, ctx, 'hazard.read');
    const now = clock();
    const viewer = viewerOf(actor);
    const where = repo.listWhere(query, viewer, bureauDate(now));
    const knownTotal = 'scope' in viewer && countableFromCounters(query) ? await hazardTotal(db, viewer.scope, query) : undefined;
    const { items, total } = await repo.listHazards(
      db,
      where,
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
      knownTotal,
    );
    return { items: items.map((r) => toHazardItem(r, now)), total };
  }

  async function detail(ctx: TRequestContext, id: number): Promise<THazardDetail> {
    const actor = await hazardActor(db, ctx, 'hazard.read');
    return detailOf(db, actor, id);
  }

  /** Announces a new hazard: every one is recorded (by category, for recurrence), a major one is also major_found. */
  async function announceCreated(tx: Db, ctx: TRequestContext, h: repo.THazardRow, at: string) {
    const summary = `${h.description}（${HAZARD_LEVEL_LABELS[h.level]}，${HAZARD_SOURCE_LABELS[h.source]}）`;
    const base = { enterpriseId: h.enterpriseId, hazardId: h.id, category: h.category, occurredAt: at, ref: `hazard:${h.id}`, summary };
    await events.emit(tx, 'hazard.recorded', { ...base, level: h.level }, ctx);
    if (h.level === 'major') await events.emit(tx, 'hazard.major_found', base, ctx);
  }

  async function insertNew(
    tx: Db,
    ctx: TRequestContext,
    actor: THazardActor,
    values: Omit<repo.THazardInsert, 'state' | 'version' | 'createdBy' | 'createdAt' | 'updatedAt'>,
    campaignIds: number[],
    at: string,
  ) {
    const row = await repo.insertHazard(tx, { ...values, state: 'found', version: 1, createdBy: actor.id, createdAt: at, updatedAt: at });
    await repo.linkCampaigns(tx, row.id, campaignIds);
    await repo.insertTransition(tx, {
      hazardId: row.id,
      action: 'create',
      fromState: null,
      toState: 'found',
      note: `登记隐患（${HAZARD_SOURCE_LABELS[row.source]}）`,
      deadline: row.deadline,
      photos: row.photos,
      actorId: actor.id,
      at,
    });
    await attachments.link(tx, 'hazard', row.id, row.photos);
    await announceCreated(tx, ctx, row, at);
    await audit.record(tx, ctx, {
      action: 'create',
      entity: 'hazard',
      entityId: row.id,
      after: { ...values, campaignIds, state: 'found' },
      divisionCode: row.divisionCode,
    });
    return row;
  }

  async function create(ctx: TRequestContext, input: THazardCreate): Promise<THazardDetail> {
    const actor = await hazardActor(db, ctx, 'hazard.report');
    const now = clock();
    const p = hazardCreateProblem(input, actor, now, await settings.get('hazard'));
    if (p && actor.role === 'enterprise_user' && p.field === 'enterpriseId') throw new AppError('forbidden', p.message, { field: p.field });
    fail(p, 'invalid');
    const at = now.toISOString();
    return db.transaction(async (tx) => {
      const firm = await repo.findFirm(tx, input.enterpriseId);
      if (!firm || (actor.role !== 'enterprise_user' && !inScope(actor.divisionCode, firm.divisionCode)))
        throw new AppError('not_found', '企业不存在或不在您的管辖范围内', { field: 'enterpriseId' });
      let level: 'general' | 'major' = 'general';
      if (input.criterionItemId) {
        const item = await repo.findItem(tx, input.criterionItemId);
        if (!item || !item.majorHazard)
          throw new AppError('invalid', '所选判定依据不是重大事故隐患判定标准中的条目', { field: 'criterionItemId' });
        level = 'major';
      }
      await attachments.requireExisting(tx, ctx, input.photos, 'photos', HAZARD_PHOTO_MIMES);
      const known = await repo.existingCampaignIds(tx, input.campaignIds);
      const stray = input.campaignIds.find((c) => !known.has(c));
      if (stray) throw new AppError('invalid', `专项行动（编号 ${stray}）不存在`, { field: 'campaignIds' });
      const row = await insertNew(
        tx,
        ctx,
        actor,
        {
          enterpriseId: firm.id,
          divisionCode: firm.divisionCode,
          source: input.source,
          category: input.category,
          level,
          criterionItemId: input.criterionItemId ?? null,
          description: input.description,
          location: input.location,
          photos: input.photos,
          foundOn: input.foundOn,
          foundBy: input.foundBy,
          responsiblePerson: input.responsiblePerson,
          deadline: input.deadline,
          plan: input.plan ?? null,
        },
        input.campaignIds,
        at,
      );
      return detailOf(tx, actor, row.id);
    });
  }

  async function act(ctx: TRequestContext, id: number, input: THazardActionInput): Promise<THazardDetail> {
    const actor = await hazardActor(db, ctx, 'hazard.rectify');
    const hazardSettings = await settings.get('hazard');
    const now = clock();
    const at = now.toISOString();
    const today = bureauDate(now);
    return db.transaction(async (tx) => {
      const row = await loadVisible(tx, actor, id, true);
      if (row.version !== input.version) throw new AppError('conflict', '该隐患已被他人更新，请刷新后重试', { field: 'version' });
      const h = await forRules(tx, row);
      const { version: _v, ...typed } = input;
      fail(hazardActionProblem(h, typed, actor, now, hazardSettings));
      const photos = input.photos ?? [];
      const documents = input.documents ?? [];
      await attachments.requireExisting(tx, ctx, photos, 'photos', HAZARD_PHOTO_MIMES);
      await attachments.requireExisting(tx, ctx, documents, 'documents', HAZARD_DOCUMENT_MIMES);
      const note = input.note?.trim() || null;
      const toState = hazardNextState(row.state, input.action);
      const fields: Partial<repo.THazardInsert> = { state: toState, version: row.version + 1, updatedAt: at };
      let deadlineSet: string | null = null;
      switch (input.action) {
        case 'order': {
          const issuer = await issuerOf(tx, actor.divisionCode);
          const year = Number(today.slice(0, 4));
          const prefix = hazardOrderPrefix(await settings.get('caseDocuments'), issuer.code, issuer.name, issuer.qualifier);
          const n = await repo.nextOrderNo(tx, prefix, year);
          Object.assign(fields, {
            deadline: input.deadline!,
            orderNo: `${prefix}〔${year}〕${n}号`,
            orderedAt: at,
            plan: mergePlan(row.plan, input.plan),
          });
          deadlineSet = input.deadline!;
          break;
        }
        case 'start':
        case 'plan':
          fields.plan = mergePlan(row.plan, input.plan);
          break;
        case 'submit':
          Object.assign(fields, { submittedBy: actor.id, submittedAt: at });
          break;
        case 'recheck_pass':
          Object.assign(fields, { closedBy: actor.id, closedAt: at, closedOn: today });
          break;
        case 'recheck_fail':
          Object.assign(fields, { deadline: input.deadline!, submittedBy: null, submittedAt: null });
          deadlineSet = input.deadline!;
          break;
        case 'request_extension':
          await repo.insertExtension(tx, {
            hazardId: id,
            previousDeadline: row.deadline,
            requestedDeadline: input.deadline!,
            reason: note ?? '',
            status: 'pending',
            requestedBy: actor.id,
            requestedAt: at,
          });
          deadlineSet = input.deadline!;
          break;
        case 'approve_extension':
          await repo.decideExtension(tx, h.pendingId!, { status: 'approved', decidedBy: actor.id, decidedAt: at, decisionNote: note });
          fields.deadline = h.pendingDeadline!;
          deadlineSet = h.pendingDeadline!;
          break;
        case 'reject_extension':
          await repo.decideExtension(tx, h.pendingId!, { status: 'rejected', decidedBy: actor.id, decidedAt: at, decisionNote: note });
          break;
      }
      await repo.updateHazard(tx, id, fields);
      await repo.insertTransition(tx, {
        hazardId: id,
        action: input.action,
        fromState: row.state,
        toState,
        note,
        deadline: deadlineSet,
        photos,
        documents,
        actorId: actor.id,
        at,
      });
      await attachments.link(tx, 'hazard', id, [...photos, ...documents]);
      const label = HAZARD_ACTION_LABELS[input.action];
      const summary = `${row.description}：${label}${toState !== row.state ? `（${HAZARD_STATE_LABELS[row.state]} → ${HAZARD_STATE_LABELS[toState]}）` : ''}${deadlineSet ? `，期限 ${deadlineSet}` : ''}${fields.orderNo ? `，${fields.orderNo}` : ''}`;
      if (input.action === 'recheck_pass') {
        await events.emit(
          tx,
          'hazard.closed',
          {
            enterpriseId: row.enterpriseId,
            hazardId: id,
            category: row.category,
            level: row.level,
            occurredAt: at,
            ref: `hazard:${id}`,
            summary: `${row.description}（${HAZARD_LEVEL_LABELS[row.level]}）复查通过并销号`,
          },
          ctx,
        );
      } else {
        await events.emit(
          tx,
          'hazard.progressed',
          {
            enterpriseId: row.enterpriseId,
            hazardId: id,
            action: input.action,
            occurredAt: at,
            ref: `hazard:${id}`,
            summary: `事故隐患${summary}`,
          },
          ctx,
        );
      }
      const auditAction: TAuditAction = 'update';
      await audit.record(tx, ctx, {
        action: auditAction,
        entity: 'hazard',
        entityId: id,
        before: { state: row.state, deadline: row.deadline, plan: row.plan, version: row.version },
        after: {
          action: input.action,
          state: toState,
          deadline: fields.deadline ?? row.deadline,
          plan: fields.plan ?? row.plan,
          orderNo: fields.orderNo ?? row.orderNo,
          note,
          photos,
          documents,
          version: row.version + 1,
        },
        divisionCode: row.divisionCode,
      });
      return detailOf(tx, actor, id);
    });
  }

  /** Selected findings of a submitted inspection become hazards in one action (each finding once). */
  async function fromFindings(ctx: TRequestContext, input: THazardsFromFindings): Promise<{ hazards: THazardItem[] }> {
    const actor = await hazardActor(db, ctx, 'hazard.manage');
    const hazardSettings = await settings.get('hazard');
    const now = clock();
    const at = now.toISOString();
    return db.transaction(async (tx) => {
      const inspection = await repo.findInspection(tx, input.inspectionId);
      if (!inspection || !inScope(actor.divisionCode, inspection.divisionCode))
        throw new AppError('not_found', '检查记录不存在', { field: 'inspectionId' });
      if (inspection.status !== 'submitted')
        throw new AppError('rule_violation', '检查记录提交后才能将发现的问题转为隐患', { field: 'inspectionId' });
      const ids = input.items.map((i) => i.findingId);
      const dup = ids.find((v, i) => ids.indexOf(v) !== i);
      if (dup) throw new AppError('invalid', `检查发现问题（编号 ${dup}）重复选择`, { field: 'items' });
      const found = new Map((await repo.findingsForTakeover(tx, input.inspectionId, ids)).map((f) => [f.id, f]));
      const created: number[] = [];
      for (const [i, item] of input.items.entries()) {
        const f = found.get(item.findingId);
        if (!f) throw new AppError('invalid', `检查发现问题（编号 ${item.findingId}）不属于该检查记录`, { field: `items.${i}.findingId` });
        if (f.hazardId !== null)
          throw new AppError(
            'rule_violation',
            `检查发现问题（编号 ${f.id}）“${f.description}”已转为隐患（编号 ${f.hazardId}），不能重复转入`,
            { field: `items.${i}.findingId` },
          );
        const draft: THazardCreate = {
          enterpriseId: f.enterpriseId,
          source: 'inspection',
          category: item.category,
          description: f.description,
          location: item.location,
          photos: f.photos,
          foundOn: f.foundOn,
          foundBy: actor.displayName,
          responsiblePerson: item.responsiblePerson,
          deadline: item.deadline,
          campaignIds: [],
        };
        fail(hazardCreateProblem(draft, actor, now, hazardSettings), 'invalid', `items.${i}.`);
        const major = f.majorHazard || f.itemMajor === true;
        const row = await insertNew(
          tx,
          ctx,
          actor,
          {
            enterpriseId: f.enterpriseId,
            divisionCode: f.divisionCode,
            source: 'inspection',
            category: item.category,
            level: major ? 'major' : 'general',
            criterionItemId: f.itemMajor ? f.itemId : null,
            description: f.description,
            location: item.location,
            photos: f.photos,
            foundOn: f.foundOn,
            foundBy: actor.displayName,
            responsiblePerson: item.responsiblePerson,
            deadline: item.deadline,
            inspectionId: f.inspectionId,
            findingId: f.id,
          },
          [],
          at,
        );
        await repo.setFindingHazard(tx, f.id, row.id);
        created.push(row.id);
      }
      return { hazards: (await repo.itemsByIds(tx, created)).map((r) => toHazardItem(r, now)) };
    });
  }

  async function ofInspection(ctx: TRequestContext, inspectionId: number): Promise<THazardItem[]> {
    const actor = await hazardActor(db, ctx, 'hazard.read');
    const inspection = await repo.findInspection(db, inspectionId);
    const visible =
      inspection &&
      (actor.role === 'enterprise_user'
        ? inspection.enterpriseId === actor.enterpriseId
        : inScope(actor.divisionCode, inspection.divisionCode));
    if (!visible) throw new AppError('not_found', '检查记录不存在', { field: 'id' });
    const now = clock();
    return (await repo.hazardsOfInspection(db, inspectionId)).map((r) => toHazardItem(r, now));
  }

  async function criteria(ctx: TRequestContext) {
    requirePermission(ctx, 'hazard.read');
    return repo.listCriteria(db);
  }

  return { list, detail, create, act, fromFindings, ofInspection, criteria, loadVisible };
}
