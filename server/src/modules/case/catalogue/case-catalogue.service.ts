import {
  AppError,
  CORRECTED_VIOLATIONS,
  correctedBands,
  VIOLATION_CATALOGUE,
  yuanText,
  type TFineRange,
  type TViolation,
  type TViolationRule,
  type TViolationUpsert,
} from '@yingji/domain';
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
    penaltyProvision: v.penaltyProvision,
    unitRange: v.unitMaxFen === null ? null : { minFen: v.unitMinFen ?? 0, maxFen: v.unitMaxFen },
    personRange: v.personMaxFen === null ? null : { minFen: v.personMinFen ?? 0, maxFen: v.personMaxFen },
    tier2: v.tier2 ? { unitRange: v.tier2.unitRange, personRange: v.tier2.personRange } : null,
    bands: v.bands,
  };
}

/** The statutory ranges of a shipped 安全生产法 article (both tiers, art. 114's span) are the law's: a bureau edits its bands. */
function lawfulRangesProblem(
  code: string,
  t1: { unitRange: TFineRange | null; personRange: TFineRange | null },
  t2: { unitRange: TFineRange | null; personRange: TFineRange | null } | null,
): void {
  const law = VIOLATION_CATALOGUE.find((v) => v.code === code);
  if (!law) return;
  const same = (a: TFineRange | null, b: TFineRange | null | undefined) =>
    a === null ? !b : !!b && a.minFen === b.minFen && a.maxFen === b.maxFen;
  const ok =
    same(law.unitRange, t1.unitRange) &&
    same(law.personRange, t1.personRange) &&
    (law.tier2 ? !!t2 && same(law.tier2.unitRange, t2.unitRange) && same(law.tier2.personRange, t2.personRange) : !t2);
  if (!ok)
    fail(`${law.penaltyProvision.replace('中华人民共和国', '')}的法定罚款幅度以法律规定为准，不能修改（可调整裁量基准）`, 'unitRange');
}

const rangeOfRow = (minFen: number | null, maxFen: number | null): TFineRange | null =>
  maxFen === null ? null : { minFen: minFen ?? 0, maxFen };

const sameRange = (a: TFineRange | null, minFen: number | null, maxFen: number | null): boolean =>
  a === null ? maxFen === null : (minFen ?? 0) === a.minFen && maxFen === a.maxFen;

/** The violation catalogue and its discretion bands (违法行为目录及自由裁量基准): shipped as data, maintained by the bureau. */
export function createCaseCatalogueService({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  /**
   * Rows an earlier release shipped with the wrong ranges (CORRECTED_VIOLATIONS: persons fined at the first offence, no
   * second tier, art. 114 capped at 2,000万), corrected once: a row without its tier 2 (or art. 114 without its span)
   * gets the statute's ranges, whatever it held; the bureau's bands stay where they lie inside the lawful range. Each
   * correction is audited with what the row held.
   */
  async function correctViolations(): Promise<number> {
    return db.transaction(async (tx) => {
      let count = 0;
      const rows = new Map((await repo.listViolations(tx)).map((r) => [r.code, r]));
      for (const c of CORRECTED_VIOLATIONS) {
        const row = rows.get(c.code);
        const data = VIOLATION_CATALOGUE.find((v) => v.code === c.code)!;
        // once: a tiered row gets its tier 2, art. 114 its statutory span; a row already so is left
        if (!row || row.tier2 !== null) continue;
        if (
          !data.tier2 &&
          sameRange(data.unitRange, row.unitMinFen, row.unitMaxFen) &&
          sameRange(data.personRange, row.personMinFen, row.personMaxFen)
        )
          continue;
        const bands = correctedBands(row.bands, data);
        const fields = {
          unitMinFen: data.unitRange?.minFen ?? null,
          unitMaxFen: data.unitRange?.maxFen ?? null,
          personMinFen: data.personRange?.minFen ?? null,
          personMaxFen: data.personRange?.maxFen ?? null,
          tier2: data.tier2,
          otherPenalties: [...new Set([...row.otherPenalties, ...data.otherPenalties])],
          updatedAt: clock().toISOString(),
        };
        await repo.updateViolation(tx, row.id, fields);
        await repo.replaceBands(tx, row.id, bands);
        await audit.record(tx, SYSTEM, {
          action: 'update',
          entity: 'case_violation',
          entityId: row.id,
          actorName: '系统',
          before: {
            unitRange: rangeOfRow(row.unitMinFen, row.unitMaxFen),
            personRange: rangeOfRow(row.personMinFen, row.personMaxFen),
            tier2: null,
            bands: row.bands.map(({ violationId: _v, ...b }) => b),
            shipped: c.was,
          },
          after: { unitRange: data.unitRange, personRange: data.personRange, tier2: data.tier2, bands },
        });
        count += 1;
      }
      return count;
    });
  }

  /** Adds the shipped violations whose codes are missing, then corrects the rows shipped wrongly; never touches other edits. */
  async function ensureCatalogue(): Promise<{ violations: number; corrected: number }> {
    const corrected = await correctViolations();
    const known = await repo.violationCodes(db);
    const missing = VIOLATION_CATALOGUE.filter((v) => !known.has(v.code));
    if (missing.length === 0) return { violations: 0, corrected };
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
          tier2: v.tier2,
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
      return { violations: missing.length, corrected };
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
    tier2: v.tier2 ?? null,
    otherPenalties: v.otherPenalties as TViolation['otherPenalties'],
    active: v.active,
    bands: v.bands.map((b) => ({
      tier: b.tier,
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
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      const before = await repo.findViolation(tx, input.code);
      // an edit that does not send the second tier keeps the stored one
      const tier2 = input.tier2 === undefined ? (before?.tier2 ?? null) : input.tier2;
      lawfulRangesProblem(input.code, input, tier2);
      const keys = input.bands.map((b) => `${b.tier}/${b.target}/${b.circumstance}`);
      if (new Set(keys).size !== keys.length) fail('同一档次、处罚对象和违法情节只能设置一个裁量档次', 'bands');
      for (const b of input.bands) {
        const tierRanges = b.tier === 2 ? tier2 : input;
        const who = b.target === 'unit' ? '单位' : '个人';
        if (!tierRanges) fail('该违法行为没有第二档（逾期未改正）罚款，不能设置第二档裁量档次', 'bands');
        const range = b.target === 'unit' ? tierRanges!.unitRange : tierRanges!.personRange;
        if (!range) fail(`${b.tier === 2 ? '第二档' : '第一档'}没有对${who}的法定罚款幅度，不能设置该对象的裁量档次`, 'bands');
        if (b.minFen > b.maxFen) fail('裁量档次下限不能大于上限', 'bands');
        if (range && (b.minFen < range.minFen || b.maxFen > range.maxFen))
          fail(`裁量档次 ${yuanText(b.minFen)}–${yuanText(b.maxFen)} 超出法定幅度`, 'bands');
      }
      const fields = {
        title: input.title,
        violatedProvision: input.violatedProvision,
        penaltyProvision: input.penaltyProvision,
        unitMinFen: input.unitRange?.minFen ?? null,
        unitMaxFen: input.unitRange?.maxFen ?? null,
        personMinFen: input.personRange?.minFen ?? null,
        personMaxFen: input.personRange?.maxFen ?? null,
        tier2,
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
