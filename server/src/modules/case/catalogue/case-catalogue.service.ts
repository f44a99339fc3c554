import { AppError, VIOLATION_CATALOGUE, yuanText, type TViolation, type TViolationRule, type TViolationUpsert } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import { requirePermission } from '../../../kit/access';
import * as repo from './case-catalogue.repo';

export type TCaseCatalogueService = ReturnType<typeof createCaseCatalogueService>;

const SYSTEM = { actor: null, clientAddress: null };
const fail = (message: string, field: string): never => {
  throw new AppError('invalid', message, { field });
};

/** A catalogue row as the rules read it. */
export function toRule(v: repo.TViolationRow & { bands: repo.TBandRow[] }): TViolationRule {
  return {
    code: v.code,
    title: v.title,
    unitRange: v.unitMaxFen === null ? null : { minFen: v.unitMinFen ?? 0, maxFen: v.unitMaxFen },
    personRange: v.personMaxFen === null ? null : { minFen: v.personMinFen ?? 0, maxFen: v.personMaxFen },
    bands: v.bands,
  };
}

/** The violation catalogue and its discretion bands (违法行为目录及自由裁量基准): shipped as data, maintained by the bureau. */
export function createCaseCatalogueService({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  /** Adds the shipped violations whose codes are missing; never touches a bureau's edits. */
  async function ensureCatalogue(): Promise<{ violations: number }> {
    const known = await repo.violationCodes(db);
    const missing = VIOLATION_CATALOGUE.filter((v) => !known.has(v.code));
    if (missing.length === 0) return { violations: 0 };
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      let sort = await repo.maxViolationSort(tx);
      for (const v of missing) {
        const saved = await repo.insertViolation(tx, {
          code: v.code,
          title: v.title,
          violatedProvision: v.violatedProvision,
          penaltyProvision: v.penaltyProvision,
          unitMinFen: v.unitRange?.minFen ?? null,
          unitMaxFen: v.unitRange?.maxFen ?? null,
          personMinFen: v.personRange?.minFen ?? null,
          personMaxFen: v.personRange?.maxFen ?? null,
          otherPenalties: v.otherPenalties,
          sort: ++sort,
          updatedAt: at,
        });
        await repo.replaceBands(tx, saved.id, v.bands);
      }
      await audit.record(tx, SYSTEM, {
        action: 'create',
        entity: 'case_violation',
        actorName: '系统',
        after: { codes: missing.map((v) => v.code) },
      });
      return { violations: missing.length };
    });
  }

  const toViolation = (v: repo.TViolationRow & { bands: repo.TBandRow[] }): TViolation => ({
    id: v.id,
    code: v.code,
    title: v.title,
    violatedProvision: v.violatedProvision,
    penaltyProvision: v.penaltyProvision,
    unitRange: v.unitMaxFen === null ? null : { minFen: v.unitMinFen ?? 0, maxFen: v.unitMaxFen },
    personRange: v.personMaxFen === null ? null : { minFen: v.personMinFen ?? 0, maxFen: v.personMaxFen },
    otherPenalties: v.otherPenalties as TViolation['otherPenalties'],
    active: v.active,
    bands: v.bands.map((b) => ({
      target: b.target,
      circumstance: b.circumstance,
      minFen: b.minFen,
      maxFen: b.maxFen,
      description: b.description,
    })),
  });

  async function listViolations(ctx: TRequestContext): Promise<TViolation[]> {
    requirePermission(ctx, 'case.read');
    return (await repo.listViolations(db)).map(toViolation);
  }

  /** Creates or edits a catalogue entry with its bands (the bureau maintains the discretion table). */
  async function saveViolation(ctx: TRequestContext, input: TViolationUpsert): Promise<TViolation> {
    requirePermission(ctx, 'case.catalogue');
    for (const b of input.bands) {
      const range = b.target === 'unit' ? input.unitRange : input.personRange;
      if (!range) fail(`没有对${b.target === 'unit' ? '单位' : '个人'}的法定罚款幅度，不能设置该对象的裁量档次`, 'bands');
      if (b.minFen > b.maxFen) fail('裁量档次下限不能大于上限', 'bands');
      if (range && (b.minFen < range.minFen || b.maxFen > range.maxFen))
        fail(`裁量档次 ${yuanText(b.minFen)}–${yuanText(b.maxFen)} 超出法定幅度`, 'bands');
    }
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      const before = await repo.findViolation(tx, input.code);
      const fields = {
        title: input.title,
        violatedProvision: input.violatedProvision,
        penaltyProvision: input.penaltyProvision,
        unitMinFen: input.unitRange?.minFen ?? null,
        unitMaxFen: input.unitRange?.maxFen ?? null,
        personMinFen: input.personRange?.minFen ?? null,
        personMaxFen: input.personRange?.maxFen ?? null,
        otherPenalties: input.otherPenalties,
        active: input.active,
        updatedAt: at,
      };
      let id: number;
      if (before) {
        await repo.updateViolation(tx, before.id, fields);
        id = before.id;
      } else id = (await repo.insertViolation(tx, { code: input.code, ...fields, sort: (await repo.maxViolationSort(tx)) + 1 })).id;
      await repo.replaceBands(tx, id, input.bands);
      await audit.record(tx, ctx, {
        action: before ? 'update' : 'create',
        entity: 'case_violation',
        entityId: id,
        before: before ?? null,
        after: input,
      });
      return toViolation((await repo.listViolations(tx)).find((v) => v.id === id)!);
    });
  }

  return { ensureCatalogue, listViolations, saveViolation };
}
