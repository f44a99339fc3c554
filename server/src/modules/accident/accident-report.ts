/**
 * Reporting an accident or an emergency (国务院令第493号 arts. 9–12; 应急管理部令第14号): the town or city that
 * receives it records the party, casualties and the first steps of the report chain; the grade is derived, never
 * typed; a graded accident of a registered firm raises `accident.recorded` for the risk rules and the timeline.
 */
import {
  AppError,
  SUPERVISION_CATEGORIES,
  accidentGrade,
  bureauDate,
  casualtiesProblem,
  followUpWindow,
  isRoadOrFire,
  reportChainProblem,
  ACCIDENT_GRADE_LABELS,
  ACCIDENT_TYPE_LABELS,
  type TAccidentDetail,
  type TAccidentGrade,
  type TAccidentIndustry,
  type TReportStep,
  ZAccidentCreateSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import * as repo from './accident.repo';
import { pendingColumns } from './accident.view';

const rule = (message: string) => new AppError('rule_violation', message);

/** A firm's industry for the statistics: its supervision category's group (工贸, 危险化学品 …). */
function industryOf(category: string): TAccidentIndustry {
  const group = SUPERVISION_CATEGORIES.find((c) => c.code === category)?.group;
  return group === '工贸' || group === '危险化学品' || group === '烟花爆竹' || group === '非煤矿山' ? group : '其他';
}

export function createAccidentReport({
  db,
  clock,
  audit,
  events,
  detailOf,
}: Pick<TCore, 'db' | 'clock' | 'audit' | 'events'> & { detailOf(id: number): Promise<TAccidentDetail> }) {
  return async function create(ctx: TRequestContext, input: z.output<typeof ZAccidentCreateSchema>): Promise<TAccidentDetail> {
    const actor = requirePermission(ctx, 'accident.report');
    const now = clock();
    const town = await repo.findTown(db, input.divisionCode);
    if (!town) throw new AppError('invalid', `镇街不存在：${input.divisionCode}`, { field: 'divisionCode' });
    if (!actorSees(actor, town.code)) throw new AppError('invalid', '只能报告本人管辖范围内镇街的事故', { field: 'divisionCode' });
    let firm: Awaited<ReturnType<typeof repo.findEnterprise>> = undefined;
    if (input.enterpriseId !== null) {
      firm = await repo.findEnterprise(db, input.enterpriseId);
      if (!firm) throw new AppError('invalid', '企业不存在，请从企业台账中选择', { field: 'enterpriseId' });
    }
    const isAccident = input.kind === 'accident';
    if (isAccident && !firm && !input.partyName)
      throw new AppError('invalid', '请从企业台账选择事故单位，或填写当事单位名称（条例第十二条：事故单位概况）', { field: 'partyName' });
    if (isAccident && !input.accidentType) throw new AppError('invalid', '请选择事故类别（GB 6441）', { field: 'accidentType' });
    if (!isAccident && !input.emergencyType) throw new AppError('invalid', '请选择突发事件类型', { field: 'emergencyType' });
    const casualties = {
      deaths: input.deaths,
      missing: input.missing,
      seriousInjuries: input.seriousInjuries,
      minorInjuries: input.minorInjuries,
      lossFen: input.lossFen,
    };
    const problem = casualtiesProblem(casualties);
    if (problem) throw new AppError('invalid', problem);

    // The reporter's level received the report; the unit passed it up then unless it says otherwise.
    const level = actor.divisionCode.length === 9 ? 'town' : 'city';
    const receivedAt = input.receivedAt ?? now.toISOString();
    const chain: TReportStep[] = [
      { level: 'unit', receivedAt: null, passedUpAt: input.unitPassedUpAt ?? receivedAt },
      { level, receivedAt, passedUpAt: null },
    ];
    const chainProblem = reportChainProblem({ occurredAt: input.occurredAt, knownAt: input.knownAt, steps: chain, now });
    if (chainProblem) throw rule(chainProblem);

    const grade: TAccidentGrade | null = isAccident ? accidentGrade(casualties) : null;
    const industry = firm ? industryOf(firm.supervisionCategory) : input.industry;
    const window = followUpWindow({ occurredAt: input.occurredAt, roadOrFire: isRoadOrFire(input.accidentType, industry), now });
    const base = { grade, knownAt: input.knownAt, chain };
    const id = await db.transaction(async (tx) => {
      const row = await repo.insertAccident(tx, {
        kind: input.kind,
        title: input.title,
        enterpriseId: firm?.id ?? null,
        partyName: firm?.name ?? input.partyName,
        divisionCode: town.code,
        industry,
        supervisionCategory: firm?.supervisionCategory ?? null,
        accidentType: isAccident ? input.accidentType : null,
        emergencyType: isAccident ? null : input.emergencyType,
        place: input.place,
        longitude: input.longitude,
        latitude: input.latitude,
        occurredAt: input.occurredAt,
        occurredOn: bureauDate(new Date(input.occurredAt)),
        knownAt: input.knownAt,
        summary: input.summary,
        measures: input.measures,
        ...casualties,
        affectedPeople: input.affectedPeople,
        evacuated: input.evacuated,
        housesDamaged: input.housesDamaged,
        grade,
        chain,
        ...pendingColumns(base, now),
        followUpLastDay: window.lastDay,
        createdBy: actor.id,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
      await audit.record(tx, ctx, { action: 'create', entity: 'accident', entityId: row.id, after: row, divisionCode: row.divisionCode });
      if (firm && grade) {
        await events.emit(
          tx,
          'accident.recorded',
          {
            enterpriseId: firm.id,
            occurredAt: new Date(input.occurredAt).toISOString(),
            ref: `accident:${row.id}`,
            summary: `发生${ACCIDENT_GRADE_LABELS[grade]}${ACCIDENT_TYPE_LABELS[input.accidentType!]}事故：${input.title}（死亡 ${input.deaths} 人）`,
            accidentId: row.id,
            grade,
          },
          ctx,
        );
      }
      return row.id;
    });
    return detailOf(id);
  };
}
