/**
 * Findings to sign-off (整改销号): rounds, their findings as the feedback groups them, measures with an owner and a
 * deadline, progress with evidence and links to records, sign-off by a reviewer other than the owner, and reopening
 * on a look-back round (回头看). Each change runs in one transaction with its audit entry.
 */
import {
  AppError,
  DUE_SOON_DAYS,
  addDaysToDate,
  bureauDate,
  ROLES,
  can,
  inScope,
  measureActionProblem,
  measureDue,
  measureStateAfter,
  type TFindingItemInput,
  type TMeasure,
  type TMeasureAction,
  type TMeasureDetail,
  type TMeasureInput,
  type TMeasureListQuery,
  type TProgressInput,
  type TRole,
  type TRound,
  type TRoundDetail,
  type TRoundInput,
  ZFindingItemInputSchema,
  ZRoundInputSchema,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import { loadInScope, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import { readerInScope, type TAttachmentService } from '../attachment/attachment.service';
import * as repo from './findings.repo';

const ROUND_MISSING = '整改轮次不存在';
const MEASURE_MISSING = '整改措施不存在';
const invalid = (message: string, field: string) => new AppError('invalid', message, { field });

export function createFindingsService({
  db,
  clock,
  audit,
  attachments,
}: Pick<TCore, 'db' | 'clock' | 'audit'> & { attachments: TAttachmentService }) {
  attachments.registerReader('finding', readerInScope('findings.read', repo.progressDivision));
  const today = () => bureauDate(clock());

  function measureDto(r: repo.TMeasureJoined, actor: TActorContext, day: string): TMeasure {
    const m = r.m;
    const facts = { state: m.state, ownerId: m.ownerId, reviewerId: m.reviewerId, progressCount: m.progressCount };
    const me = { id: actor.id, manages: can(actor.role, 'findings.manage') };
    const allowed = (a: TMeasureAction, extra = {}) =>
      can(actor.role, 'findings.progress') && measureActionProblem(facts, a, me, extra) === null;
    return {
      id: m.id,
      roundId: m.roundId,
      findingId: m.findingId,
      findingTitle: r.findingTitle,
      section: r.section,
      itemNo: r.itemNo,
      content: m.content,
      leadLeader: m.leadLeader,
      department: m.department,
      ownerId: m.ownerId,
      ownerName: r.ownerName,
      deadline: m.deadline,
      term: m.term,
      state: m.state,
      due: measureDue(m, day),
      reviewerId: m.reviewerId,
      reviewerName: r.reviewerName,
      signedOffAt: m.signedOffAt,
      reopenCount: m.reopenCount,
      progressCount: m.progressCount,
      lastProgress: m.lastProgressAt,
      can: {
        progress: allowed('progress'),
        submit: allowed('submit', { reviewerId: -1 }),
        signOff: allowed('sign_off'),
        reopen: allowed('reopen', { lookBackRound: true }),
      },
    };
  }

  /** The actor reads a measure in his scope, or one he owns or reviews wherever it lies. */
  async function loadMeasure(ctx: TRequestContext, id: number, tx: Db = db) {
    const actor = requirePermission(ctx, 'findings.read');
    const row = await repo.findMeasure(tx, id);
    const m = row?.m;
    if (!row || !m || !(inScope(actor.divisionCode, m.divisionCode) || m.ownerId === actor.id || m.reviewerId === actor.id))
      throw new AppError('not_found', MEASURE_MISSING);
    return { actor, row };
  }

  async function measureDetail(ctx: TRequestContext, id: number): Promise<TMeasureDetail> {
    const { actor, row } = await loadMeasure(ctx, id);
    const [round, progress] = await Promise.all([repo.findRound(db, row.m.roundId), repo.progressOf(db, id)]);
    return {
      ...measureDto(row, actor, today()),
      roundTitle: round?.title ?? '',
      quote: row.quote,
      progress: progress.map(({ p, authorName }) => ({
        id: p.id,
        kind: p.kind,
        note: p.note,
        authorName,
        at: p.at,
        attachments: p.attachments,
        links: p.links as TMeasureDetail['progress'][number]['links'],
      })),
    };
  }

  async function roundDetail(ctx: TRequestContext, id: number): Promise<TRoundDetail> {
    const { actor, row } = await loadInScope(
      ctx,
      'findings.read',
      () => repo.findRound(db, id),
      (r) => r.divisionCode,
      ROUND_MISSING,
    );
    const day = today();
    const [findings, measures] = await Promise.all([repo.findingsOfRound(db, id), repo.measuresOfRound(db, id)]);
    const dtos = measures.map((m) => measureDto(m, actor, day));
    return {
      ...roundDto(row, {
        findingCount: findings.length,
        measureCount: dtos.length,
        signedOffCount: dtos.filter((m) => m.state === 'signed_off').length,
        overdueCount: dtos.filter((m) => m.due === 'overdue').length,
      }),
      canManage: can(actor.role, 'findings.manage'),
      findings: findings.map((f) => ({
        id: f.id,
        section: f.section,
        itemNo: f.itemNo,
        title: f.title,
        quote: f.quote,
        measures: dtos.filter((m) => m.findingId === f.id),
      })),
    };
  }

  function roundDto(r: repo.TRoundRow, counts: Pick<TRound, 'findingCount' | 'measureCount' | 'signedOffCount' | 'overdueCount'>): TRound {
    return {
      id: r.id,
      title: r.title,
      source: r.source,
      inspector: r.inspector,
      inspectedFrom: r.inspectedFrom,
      inspectedTo: r.inspectedTo,
      feedbackOn: r.feedbackOn,
      feedbackDocument: r.feedbackDocument,
      lookBackOf: r.lookBackOf,
      divisionCode: r.divisionCode,
      ...counts,
    };
  }

  /** An owner must be an active user who may act on measures, inside the round's division. */
  async function checkOwner(tx: Db, round: repo.TRoundRow, input: TMeasureInput, prefix: string) {
    const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
    const owner = await repo.findUser(tx, input.ownerId);
    if (!owner || owner.disabled || !can(owner.role as TRole, 'findings.progress') || !inScope(round.divisionCode, owner.divisionCode))
      throw invalid('整改责任人不存在、已停用或不在本轮次的管辖范围内', field('ownerId'));
    if (input.deadline < round.feedbackOn) throw invalid('整改时限不能早于反馈日期', field('deadline'));
    return owner;
  }

  async function addMeasureTx(tx: Db, round: repo.TRoundRow, findingId: number, input: TMeasureInput, field: string) {
    const owner = await checkOwner(tx, round, input, field);
    const now = clock().toISOString();
    return repo.insertMeasure(tx, {
      findingId,
      roundId: round.id,
      divisionCode: owner.divisionCode,
      content: input.content,
      leadLeader: input.leadLeader,
      department: input.department,
      ownerId: owner.id,
      deadline: input.deadline,
      term: input.term,
      createdAt: now,
      updatedAt: now,
    });
  }

  async function addFindingTx(tx: Db, ctx: TRequestContext, round: repo.TRoundRow, input: TFindingItemInput, field: string) {
    const f = ZFindingItemInputSchema.parse(input);
    const saved = await repo.insertFinding(tx, {
      roundId: round.id,
      divisionCode: round.divisionCode,
      section: f.section,
      itemNo: f.itemNo,
      title: f.title,
      quote: f.quote,
    });
    for (const [i, m] of f.measures.entries()) await addMeasureTx(tx, round, saved.id, m, `${field}.measures.${i}`);
    await audit.record(tx, ctx, { action: 'create', entity: 'finding', entityId: saved.id, after: f, divisionCode: round.divisionCode });
    return saved;
  }

  async function createRound(ctx: TRequestContext, input: TRoundInput): Promise<TRoundDetail> {
    const actor = requirePermission(ctx, 'findings.manage');
    const r = ZRoundInputSchema.parse(input);
    const id = await db.transaction(async (tx) => {
      if (r.lookBackOf !== null) {
        const base = await repo.findRound(tx, r.lookBackOf);
        if (!base || !inScope(actor.divisionCode, base.divisionCode)) throw invalid('回头看所针对的轮次不存在', 'lookBackOf');
      }
      const round = await repo.insertRound(tx, {
        divisionCode: actor.divisionCode,
        title: r.title,
        source: r.source,
        inspector: r.inspector,
        inspectedFrom: r.inspectedFrom,
        inspectedTo: r.inspectedTo,
        feedbackOn: r.feedbackOn,
        feedbackDocument: r.feedbackDocument,
        lookBackOf: r.lookBackOf,
        createdBy: actor.id,
        createdAt: clock().toISOString(),
      });
      for (const [i, f] of r.findings.entries()) await addFindingTx(tx, ctx, round, f, `findings.${i}`);
      const { findings: _f, ...head } = r;
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'finding_round',
        entityId: round.id,
        after: head,
        divisionCode: round.divisionCode,
      });
      return round.id;
    });
    return roundDetail(ctx, id);
  }

  async function addFinding(ctx: TRequestContext, roundId: number, input: TFindingItemInput): Promise<TRoundDetail> {
    await db.transaction(async (tx) => {
      const { row } = await loadInScope(
        ctx,
        'findings.manage',
        () => repo.findRound(tx, roundId),
        (r) => r.divisionCode,
        ROUND_MISSING,
      );
      await addFindingTx(tx, ctx, row, input, '');
    });
    return roundDetail(ctx, roundId);
  }

  async function addMeasure(ctx: TRequestContext, findingId: number, input: TMeasureInput): Promise<TMeasureDetail> {
    const id = await db.transaction(async (tx) => {
      const { row: finding } = await loadInScope(
        ctx,
        'findings.manage',
        () => repo.findFinding(tx, findingId),
        (f) => f.divisionCode,
        '问题不存在',
      );
      const round = (await repo.findRound(tx, finding.roundId))!;
      const saved = await addMeasureTx(tx, round, finding.id, input, '');
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'finding_measure',
        entityId: saved.id,
        after: input,
        divisionCode: saved.divisionCode,
      });
      return saved.id;
    });
    return measureDetail(ctx, id);
  }

  async function rounds(ctx: TRequestContext): Promise<{ items: TRound[] }> {
    const actor = requirePermission(ctx, 'findings.read');
    const rows = await repo.listRounds(db, actor.divisionCode, today());
    return { items: rows.map(({ round, ...counts }) => roundDto(round, counts)) };
  }

  function whereFor(actor: TActorContext, q: Omit<TMeasureListQuery, 'page' | 'pageSize'>) {
    const day = today();
    return repo.measureWhere(
      actor.divisionCode,
      actor.id,
      {
        roundId: q.roundId,
        state: q.state,
        due: q.due,
        ownerId: q.mine === 'owner' ? actor.id : undefined,
        reviewerId: q.mine === 'reviewer' ? actor.id : undefined,
        q: q.q,
      },
      day,
      addDaysToDate(day, DUE_SOON_DAYS),
    );
  }

  async function measures(ctx: TRequestContext, q: TMeasureListQuery): Promise<{ items: TMeasure[]; total: number }> {
    const actor = requirePermission(ctx, 'findings.read');
    const day = today();
    const { items, total } = await repo.listMeasures(db, whereFor(actor, q), { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: items.map((r) => measureDto(r, actor, day)), total };
  }

  /** One step of the loop: checks the rule, writes the state, the step and its audit entry in one transaction. */
  async function act(
    ctx: TRequestContext,
    id: number,
    action: TMeasureAction,
    input: { note: string; reviewerId?: number; lookBackRoundId?: number; attachments?: string[]; links?: TProgressInput['links'] },
  ): Promise<TMeasureDetail> {
    await db.transaction(async (tx) => {
      const { actor } = await loadMeasure(ctx, id, tx);
      requirePermission(ctx, action === 'reopen' ? 'findings.manage' : 'findings.progress');
      const m = (await repo.lockMeasure(tx, id))!;
      let lookBackRound = false;
      if (action === 'reopen') {
        const lb = input.lookBackRoundId === undefined ? undefined : await repo.findRound(tx, input.lookBackRoundId);
        if (!lb || !inScope(actor.divisionCode, lb.divisionCode)) throw invalid('回头看轮次不存在', 'lookBackRoundId');
        lookBackRound = lb.lookBackOf === m.roundId;
      }
      if (action === 'submit' && input.reviewerId !== undefined) {
        const reviewer = await repo.findUser(tx, input.reviewerId);
        if (!reviewer || reviewer.disabled || !can(reviewer.role as TRole, 'findings.progress'))
          throw invalid('销号审核人不存在或无权审核', 'reviewerId');
      }
      const problem = measureActionProblem(
        { state: m.state, ownerId: m.ownerId, reviewerId: m.reviewerId, progressCount: m.progressCount },
        action,
        { id: actor.id, manages: can(actor.role, 'findings.manage') },
        { ...(input.reviewerId !== undefined ? { reviewerId: input.reviewerId } : {}), lookBackRound },
      );
      if (problem) throw new AppError('rule_violation', problem);
      const now = clock().toISOString();
      const files = input.attachments ?? [];
      if (files.length > 0) await attachments.requireExisting(tx, ctx, files, 'attachments');
      const step = await repo.insertProgress(tx, {
        measureId: id,
        divisionCode: m.divisionCode,
        kind: action,
        note: input.note,
        attachments: files,
        links: (input.links ?? []).map((l) => ({ kind: l.kind, id: l.id, label: l.label ?? '' })),
        lookBackRoundId: input.lookBackRoundId ?? null,
        authorId: actor.id,
        at: now,
      });
      await attachments.link(tx, 'finding', step.id, files);
      const state = measureStateAfter(action);
      await repo.updateMeasure(tx, id, {
        state,
        updatedAt: now,
        ...(action === 'progress' ? { progressCount: m.progressCount + 1, lastProgressAt: now } : {}),
        ...(action === 'submit' ? { reviewerId: input.reviewerId! } : {}),
        ...(action === 'sign_off' ? { signedOffBy: actor.id, signedOffAt: now } : {}),
        ...(action === 'reopen' ? { reopenCount: m.reopenCount + 1, signedOffAt: null, signedOffBy: null, reviewerId: null } : {}),
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'finding_measure',
        entityId: id,
        before: { state: m.state },
        after: { state, action, note: input.note },
        divisionCode: m.divisionCode,
      });
    });
    return measureDetail(ctx, id);
  }

  /** Workbench counts, each equal to what its list link opens. */
  const workbench = {
    owned: (actor: TActorContext) => repo.countMeasures(db, whereFor(actor, { mine: 'owner' })),
    toSign: (actor: TActorContext) => repo.countMeasures(db, whereFor(actor, { mine: 'reviewer' })),
    overdue: (actor: TActorContext) => repo.countMeasures(db, whereFor(actor, { due: 'overdue' })),
    dueSoon: (actor: TActorContext) => repo.countMeasures(db, whereFor(actor, { due: 'due_soon' })),
  };

  async function people(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'findings.read');
    const roles = ROLES.filter((r) => can(r, 'findings.progress'));
    return { items: await repo.peopleInScope(db, actor.divisionCode.slice(0, 4), roles) };
  }

  return {
    people,
    rounds,
    round: roundDetail,
    createRound,
    addFinding,
    addMeasure,
    measures,
    measure: measureDetail,
    progress: (ctx: TRequestContext, id: number, body: TProgressInput) =>
      act(ctx, id, 'progress', { note: body.note, attachments: body.attachments ?? [], links: body.links ?? [] }),
    submit: (ctx: TRequestContext, id: number, body: { reviewerId: number; note: string }) => act(ctx, id, 'submit', body),
    signOff: (ctx: TRequestContext, id: number, body: { note: string }) => act(ctx, id, 'sign_off', body),
    returnMeasure: (ctx: TRequestContext, id: number, body: { note: string }) => act(ctx, id, 'return', body),
    reopen: (ctx: TRequestContext, id: number, body: { lookBackRoundId: number; note: string }) => act(ctx, id, 'reopen', body),
    workbench,
    /** Rows of one round for the three lists (问题清单、任务清单、责任清单). */
    async listRows(ctx: TRequestContext, roundId: number) {
      const { actor, row } = await loadInScope(
        ctx,
        'findings.read',
        () => repo.findRound(db, roundId),
        (r) => r.divisionCode,
        ROUND_MISSING,
      );
      const [findings, measures] = await Promise.all([repo.findingsOfRound(db, roundId), repo.measuresOfRound(db, roundId)]);
      const day = today();
      return { round: row, findings, measures: measures.map((m) => measureDto(m, actor, day)) };
    },
  };
}
export type TFindingsService = ReturnType<typeof createFindingsService>;
