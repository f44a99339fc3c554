import { AppError, bureauDate, type TCampaign, type TCampaignCreate } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import { inspectionTotals } from '../../inspection/reports/list-totals.repo';
import { actorSees, loadInScope, requirePermission } from '../../../kit/access';
import * as repo from './campaign.repo';

export type TCampaignService = ReturnType<typeof createCampaignService>;

/** The narrower of two nested divisions (the campaign's and the reader's). */
const narrower = (a: string, b: string): string => (a.length >= b.length ? a : b);

/**
 * 专项行动: tags with a period, set by the bureau (4420) or for one town. Their figures come out of the records:
 * inspections submitted in the period within the division (家次, from the inspection counters plus edge days),
 * hazards tagged with the campaign and, of them, closed.
 */
export function createCampaignService({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  async function withFigures(rows: repo.TCampaignRow[], scope: string): Promise<TCampaign[]> {
    const hazards = await repo.hazardFigures(
      db,
      rows.map((r) => r.id),
      scope,
    );
    const today = bureauDate(clock());
    return Promise.all(
      rows.map(async (c) => {
        const totals =
          c.startsOn > today
            ? {}
            : await inspectionTotals(db, { scope: narrower(c.divisionCode, scope), from: c.startsOn, to: c.endsOn, status: 'submitted' });
        return {
          id: c.id,
          name: c.name,
          divisionCode: c.divisionCode,
          startsOn: c.startsOn,
          endsOn: c.endsOn,
          note: c.note,
          inspections: Object.values(totals).reduce((s, n) => s + n, 0),
          hazards: hazards.get(c.id)?.hazards ?? 0,
          hazardsClosed: hazards.get(c.id)?.closed ?? 0,
        };
      }),
    );
  }

  async function list(ctx: TRequestContext): Promise<TCampaign[]> {
    const actor = requirePermission(ctx, 'hazard.read');
    return withFigures(await repo.listCampaigns(db, actor.divisionCode), actor.divisionCode);
  }

  async function checkDivision(tx: Db, actorScope: string, code: string) {
    if (!actorSees({ divisionCode: actorScope }, code))
      throw new AppError('forbidden', '专项行动的区划不在您的管辖范围内', { field: 'divisionCode' });
    if (!(await repo.divisionExists(tx, code))) throw new AppError('invalid', '专项行动的区划代码不存在', { field: 'divisionCode' });
  }

  const fields = (input: TCampaignCreate, divisionCode: string) => ({
    name: input.name,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    note: input.note ?? null,
    divisionCode,
  });

  async function create(ctx: TRequestContext, input: TCampaignCreate): Promise<TCampaign> {
    const actor = requirePermission(ctx, 'hazard.campaign');
    const divisionCode = input.divisionCode ?? actor.divisionCode;
    await checkDivision(db, actor.divisionCode, divisionCode);
    const at = clock().toISOString();
    const row = await db.transaction(async (tx) => {
      const created = await repo.insertCampaign(tx, { ...fields(input, divisionCode), createdBy: actor.id, createdAt: at, updatedAt: at });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'campaign',
        entityId: created.id,
        after: fields(input, divisionCode),
        divisionCode,
      });
      return created;
    });
    return (await withFigures([row], actor.divisionCode))[0]!;
  }

  async function update(ctx: TRequestContext, id: number, input: TCampaignCreate): Promise<TCampaign> {
    const actor = requirePermission(ctx, 'hazard.campaign');
    const at = clock().toISOString();
    const row = await db.transaction(async (tx) => {
      const { row: before } = await loadInScope(
        ctx,
        'hazard.campaign',
        () => repo.findCampaign(tx, id, true),
        (c) => c.divisionCode,
        '专项行动不存在',
      );
      const divisionCode = input.divisionCode ?? before.divisionCode;
      await checkDivision(tx, actor.divisionCode, divisionCode);
      const updated = await repo.updateCampaign(tx, id, { ...fields(input, divisionCode), updatedAt: at });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'campaign',
        entityId: id,
        before: {
          name: before.name,
          startsOn: before.startsOn,
          endsOn: before.endsOn,
          note: before.note,
          divisionCode: before.divisionCode,
        },
        after: fields(input, divisionCode),
        divisionCode,
      });
      return updated;
    });
    return (await withFigures([row], actor.divisionCode))[0]!;
  }

  return { list, create, update };
}
