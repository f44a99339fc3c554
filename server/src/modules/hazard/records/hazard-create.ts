/** Recording hazards: one typed in (by an officer or a firm's own report), or the findings of an inspection taken over. */
import {
  AppError,
  HAZARD_LEVEL_LABELS,
  HAZARD_SOURCE_LABELS,
  hazardCreateProblem,
  type THazardActor,
  type THazardCreate,
  type THazardDetail,
  type THazardItem,
  type THazardsFromFindings,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import { actorSees } from '../../../kit/access';
import type { TEventBus } from '../../../kit/events';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAttachmentService } from '../../attachment/attachment.service';
import type { TAuditService } from '../../audit/audit.service';
import type { TSettingsService } from '../../settings/settings.service';
import { failOn, HAZARD_PHOTO_MIMES, hazardActor, toHazardItem } from './hazard-access';
import { hazardDetail } from './hazard-detail';
import * as repo from './hazard.repo';

export interface THazardWriteDeps {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  attachments: TAttachmentService;
  events: TEventBus;
  clock: TClock;
}

/** `create` and `fromFindings`: each new hazard with its transition, photos, events and audit entry in one transaction. */
export function createHazardRecording({ db, audit, settings, attachments, events, clock }: THazardWriteDeps) {
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
    failOn(p, 'invalid');
    const at = now.toISOString();
    return db.transaction(async (tx) => {
      const firm = await repo.findFirm(tx, input.enterpriseId);
      if (!firm || (actor.role !== 'enterprise_user' && !actorSees(actor, firm.divisionCode)))
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
      return hazardDetail(tx, actor, row.id, now);
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
      if (!inspection || !actorSees(actor, inspection.divisionCode))
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
        failOn(hazardCreateProblem(draft, actor, now, hazardSettings), 'invalid', `items.${i}.`);
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

  return { create, fromFindings };
}
