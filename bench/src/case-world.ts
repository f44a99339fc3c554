import { sql } from 'drizzle-orm';
import {
  bodyAbbreviation,
  bureauDate,
  daysBetween,
  DEFAULT_CASE_DOCUMENTS,
  type TAccidentGrade,
  type TCircumstance,
  type TPenaltyTarget,
} from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import { createAuditService } from '../../server/src/modules/audit/audit.service';
import { createCaseCatalogueService } from '../../server/src/modules/case/catalogue/case-catalogue.service';
import { abbreviationQualifiers } from './divisions';
import type { TGenerateContext } from './generate';
import type { TSource, TUser, TViolationInfo } from './case-data';
import { CASE_ACCIDENT_GRADE } from './case-tiers';

export type TCaseWorld = Awaited<ReturnType<typeof loadCaseWorld>>;

/**
 * What the case generator reads before it plans: the violation catalogue with its bands (seeded as the server seeds
 * it), the users and their certificates, the source inspections with findings, and each body's 文号 abbreviation.
 */
export async function loadCaseWorld(ctx: TGenerateContext) {
  const { db } = ctx;
  const today = bureauDate(new Date(ctx.now));
  // The shipped violation catalogue with its bands, seeded exactly as the server seeds it at start.
  const clock = () => new Date(ctx.now);
  await createCaseCatalogueService({ db, audit: createAuditService({ clock }), clock }).ensureCatalogue();
  const violationRows = await queryRows<{
    id: number;
    code: string;
    title: string;
    violated_provision: string;
    penalty_provision: string;
    unit_max_fen: number | null;
    person_max_fen: number | null;
  }>(
    db,
    sql`SELECT id, code, title, violated_provision, penalty_provision, unit_max_fen, person_max_fen FROM case_violations WHERE active ORDER BY sort, code`,
  );
  const bandRows = await queryRows<{
    violation_id: number;
    target: TPenaltyTarget;
    circumstance: TCircumstance;
    min_fen: string;
    max_fen: string;
  }>(db, sql`SELECT violation_id, target, circumstance, min_fen, max_fen FROM case_discretion_bands WHERE tier = 1`);
  const catalogue = new Map<string, TViolationInfo>(
    violationRows.map((v) => [
      v.code,
      {
        code: v.code,
        title: v.title,
        violatedProvision: v.violated_provision,
        penaltyProvision: v.penalty_provision,
        hasUnit: v.unit_max_fen !== null,
        hasPerson: v.person_max_fen !== null,
        bands: bandRows
          .filter((b) => b.violation_id === v.id)
          .map((b) => ({ target: b.target, circumstance: b.circumstance, minFen: Number(b.min_fen), maxFen: Number(b.max_fen) })),
      },
    ]),
  );

  const users = (
    await queryRows<{ id: number; username: string; display_name: string; role: string; division_code: string }>(
      db,
      sql`SELECT id, username, display_name, role, division_code FROM users ORDER BY id`,
    )
  ).map((u): TUser => ({ id: u.id, username: u.username, name: u.display_name, role: u.role, division: u.division_code }));
  const byId = new Map(users.map((u) => [u.id, u]));
  const byName = new Map(users.map((u) => [u.username, u]));
  const certs = new Map(
    (
      await queryRows<{ user_id: number; certificate_no: string; expires: string }>(
        db,
        sql`SELECT user_id, certificate_no, certificate_expires_on::text AS expires FROM inspectors`,
      )
    ).map((r) => [r.user_id, r]),
  );
  const certified = (u: TUser) => (certs.get(u.id)?.expires ?? '') > today;
  const officersOf = new Map<string, TUser[]>();
  for (const u of users)
    if ((u.role === 'bureau_officer' || u.role === 'town_officer') && certified(u))
      officersOf.set(u.division, [...(officersOf.get(u.division) ?? []), u]);
  const divisionName = new Map(ctx.divisions.rows.map((d) => [d.code, d.name]));

  // Source inspections with findings: every eighth inspection (deterministic), with its two inspectors.
  const sources = (
    await queryRows<{
      id: number;
      enterprise_id: number;
      division_code: string;
      on: string;
      level: string;
      name: string;
      principal: string | null;
      phone: string | null;
      address: string | null;
      inspectors: number[];
    }>(
      db,
      sql`SELECT i.id, i.enterprise_id, i.division_code, i.inspected_on::text AS on, e.supervising_level AS level, e.name, e.principal_name AS principal, e.principal_phone AS phone, e.address,
            ARRAY(SELECT ii.user_id FROM inspection_inspectors ii WHERE ii.inspection_id = i.id ORDER BY ii.user_id) AS inspectors
          FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id
          WHERE i.findings_count > 0 AND i.id % 8 = 0 ORDER BY i.id`,
    )
  ).map((r): TSource => ({
    inspectionId: r.id,
    enterpriseId: r.enterprise_id,
    divisionCode: r.division_code,
    on: r.on,
    level: r.level,
    firmName: r.name,
    principal: r.principal,
    phone: r.phone,
    address: r.address,
    inspectorIds: r.inspectors.map(Number),
  }));
  const cities = ctx.divisions.cities.map((c) => c.code);
  const scale = ctx.spec.scope.length === 2 ? 20 / Math.max(1, cities.length) : 1;

  // 文号 abbreviations: the server's rule (the setting, else the body's name + 应急, with the parent's name in front
  // of a town whose name another town shares: 天河新塘应急, 增城新塘应急).
  const qualifiers = abbreviationQualifiers(ctx.divisions);
  const abbreviation = new Map<string, string>();
  for (const code of [...cities, ...ctx.divisions.towns.map((t) => t.code)]) {
    abbreviation.set(code, bodyAbbreviation(DEFAULT_CASE_DOCUMENTS, code, divisionName.get(code) ?? null, qualifiers.get(code) ?? null));
  }
  const abbreviationClashes = [...qualifiers.values()].filter((q) => q !== null).length;
  // 安全生产法 art. 114: the accidents of the cases' grade whose investigation report was replied to (批复), which names
  // the firm's liability; an accident case comes from one of them (accident.gen.ts runs first).
  const accidents = (
    await queryRows<{
      id: number;
      grade: TAccidentGrade;
      occurred_on: string;
      replied_on: string;
      enterprise_id: number;
      division_code: string;
      level: string;
      name: string;
      principal: string | null;
      phone: string | null;
      address: string | null;
    }>(
      db,
      sql`SELECT a.id, a.grade, a.occurred_on::text AS occurred_on, a.investigation_replied_on::text AS replied_on, e.id AS enterprise_id,
            e.division_code, e.supervising_level AS level, e.name, e.principal_name AS principal, e.principal_phone AS phone, e.address
          FROM accidents a JOIN enterprises e ON e.id = a.enterprise_id
          WHERE a.kind = 'accident' AND a.grade = ${CASE_ACCIDENT_GRADE} AND a.investigation_replied_on < ${today} ORDER BY a.id`,
    )
  ).map((r): TCaseAccident => ({
    accidentId: r.id,
    grade: r.grade,
    occurredOn: r.occurred_on,
    repliedOn: r.replied_on,
    source: {
      inspectionId: null,
      enterpriseId: r.enterprise_id,
      divisionCode: r.division_code,
      on: r.replied_on,
      level: r.level,
      firmName: r.name,
      principal: r.principal,
      phone: r.phone,
      address: r.address,
      inspectorIds: [],
    },
  }));

  return {
    today,
    accidents,
    catalogue,
    users,
    byId,
    byName,
    certs,
    certified,
    officersOf,
    divisionName,
    sources,
    cities,
    scale,
    abbreviation,
    abbreviationClashes,
  };
}

/** An accident a case of art. 114 may come from: its firm is the case's party. */
export interface TCaseAccident {
  accidentId: number;
  grade: TAccidentGrade;
  occurredOn: string;
  /** The day the investigation report was replied to: the bureau opens the case from it. */
  repliedOn: string;
  source: TSource;
}

/**
 * The city's accident not yet taken whose report was replied to nearest `near` (ties: the older accident), taken;
 * null when none is left.
 */
export function takeAccident(accidents: TCaseAccident[], taken: Set<number>, city: string, near: string): TCaseAccident | null {
  let best: TCaseAccident | null = null;
  for (const a of accidents) {
    if (taken.has(a.accidentId) || !a.source.divisionCode.startsWith(city)) continue;
    if (!best || Math.abs(daysBetween(a.repliedOn, near)) < Math.abs(daysBetween(best.repliedOn, near))) best = a;
  }
  if (best) taken.add(best.accidentId);
  return best;
}
