import { sql } from 'drizzle-orm';
import { addDaysToDate, bureauDate, daysBetween } from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import { createAuditService } from '../../server/src/modules/audit/audit.service';
import { createCatalogueService } from '../../server/src/modules/inspection/catalogue/catalogue.service';
import type { TGenerateContext, TModuleGenerator } from './generate';
import { insertRecordset } from './recordset';
import { INSPECTION_FOUND_SHARE } from './hazard.gen';
import { generatePlans, type TGeneratedTarget, type TPlanFirm } from './plan.gen';
import type { TRandom } from './prng';

/**
 * inspection: five years of the seed's inspection work (§二(三)3(7)) for each city: 3,937 checks and 4,335 hazards
 * found a quarter (about 15,750 checks a year; findings at the inspections' share of those hazards, about 9,800), 四不两直 checks at the seed's rate (87 in the
 * first half of 2025, 316 hazards, about 3.6 each), every check by two certified officers of the firm's
 * supervising body; an inspector pool with certificates (a few expired) and declared conflicts.
 */
export const CHECKS_PER_YEAR = 15_750;
// The seed's 4,335 hazards a quarter include self-checks, complaints and campaigns: a check finds the inspections'
// share of them, so every finding becomes a hazard without outrunning the seed's hazard rate.
export const FINDINGS_PER_CHECK = (4_335 / 3_937) * INSPECTION_FOUND_SHARE;
export const UNANNOUNCED_PER_YEAR = 170;
const UNANNOUNCED_FINDINGS = 316 / 87;
const YEARS = 5;

interface TOfficer {
  id: number;
  division: string;
}

/** A Poisson count with mean m (Knuth): findings per check. */
function poisson(random: TRandom, m: number): number {
  const limit = Math.exp(-m);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

export const inspectionGenerator: TModuleGenerator = {
  module: 'inspection',
  async generate(ctx: TGenerateContext) {
    const random = ctx.random.fork('inspection');
    const { db } = ctx;
    const today = bureauDate(new Date(ctx.now));
    // The shipped catalogue, exactly as the server seeds it at start: findings cite its items.
    const clock = () => new Date(ctx.now);
    await createCatalogueService({ db, audit: createAuditService({ clock }), clock }).ensureCatalogue();

    // The pool: every bureau and town officer holds an enforcement certificate; about 4 % have let it expire.
    const officers = await queryRows<{ id: number; division_code: string }>(
      db,
      sql`SELECT id, division_code FROM users WHERE role IN ('bureau_officer', 'town_officer') ORDER BY id`,
    );
    const inspectorRows = officers.map((o, i) => ({
      userId: o.id,
      divisionCode: o.division_code,
      certificateNo: `${o.division_code.slice(0, 2)}${String(100_000 + i).padStart(7, '0')}`,
      expiresOn: random.chance(0.04) ? addDaysToDate(today, -random.int(1, 400)) : addDaysToDate(today, random.int(20, 1_800)),
    }));
    await insertRecordset(
      db,
      inspectorRows,
      (json) => sql`INSERT INTO inspectors (user_id, division_code, certificate_no, certificate_expires_on, active, updated_at)
      SELECT v."userId", v."divisionCode", v."certificateNo", v."expiresOn", true, ${ctx.now}::timestamptz
      FROM json_to_recordset(${json}::json) AS v("userId" int, "divisionCode" text, "certificateNo" text, "expiresOn" date)`,
    );
    const byBody = new Map<string, TOfficer[]>();
    for (const o of officers) {
      const list = byBody.get(o.division_code);
      if (list) list.push({ id: o.id, division: o.division_code });
      else byBody.set(o.division_code, [{ id: o.id, division: o.division_code }]);
    }
    const certificate = new Map(inspectorRows.map((r) => [r.userId, r.certificateNo]));

    const firms = await queryRows<TPlanFirm & { address: string | null }>(
      db,
      sql`SELECT e.id, e.division_code, e.supervising_level, e.supervision_category, e.registration_status, g.colour, e.address
          FROM enterprises e LEFT JOIN risk_grades g ON g.enterprise_id = e.id WHERE e.supervision_status = '在管' ORDER BY e.id`,
    );
    const cities = [...new Set(firms.map((f) => f.division_code.slice(0, 4)))].sort();

    // Declared conflicts: about one officer in five declares one firm of their body.
    const conflicts: { inspectorId: number; enterpriseId: number; reason: string }[] = [];
    const firmsByTown = new Map<string, typeof firms>();
    const gradedByCity = new Map<string, typeof firms>();
    for (const f of firms) {
      const town = firmsByTown.get(f.division_code);
      if (town) town.push(f);
      else firmsByTown.set(f.division_code, [f]);
      if (f.colour !== null) gradedByCity.set(f.division_code.slice(0, 4), [...(gradedByCity.get(f.division_code.slice(0, 4)) ?? []), f]);
    }
    for (const o of officers) {
      if (!random.chance(0.2)) continue;
      const pool = o.division_code.length === 9 ? firmsByTown.get(o.division_code) : gradedByCity.get(o.division_code);
      if (!pool || pool.length === 0) continue;
      conflicts.push({
        inspectorId: o.id,
        enterpriseId: random.pick(pool).id,
        reason: random.pick(['近亲属在该企业任职', '曾在该企业工作', '与该企业负责人有利害关系']),
      });
    }
    await insertRecordset(
      db,
      conflicts,
      (json) => sql`INSERT INTO inspector_conflicts (inspector_id, enterprise_id, reason, declared_at)
      SELECT v."inspectorId", v."enterpriseId", v.reason, ${ctx.now}::timestamptz FROM json_to_recordset(${json}::json) AS v("inspectorId" int, "enterpriseId" int, reason text)
      ON CONFLICT DO NOTHING`,
    );

    // Annual 双随机 plans and their draws, made as the server makes them; the drawn firms are checked below.
    const years = Array.from({ length: YEARS }, (_, i) => Number(today.slice(0, 4)) - YEARS + 1 + i);
    const conflictsByFirm = new Map<number, number[]>();
    for (const c of conflicts) conflictsByFirm.set(c.enterpriseId, [...(conflictsByFirm.get(c.enterpriseId) ?? []), c.inspectorId]);
    const officersByBody = new Map([...byBody].map(([body, list]) => [body, list.map((o) => o.id)]));
    const planned = await generatePlans(ctx, {
      firms,
      officersByBody,
      expiresOn: new Map(inspectorRows.map((r) => [r.userId, r.expiresOn])),
      conflictsByFirm,
      years,
      today,
      author: new Map(
        [...officersByBody].filter(([, ids]) => ids.length >= 2).map(([body, ids]) => [body, { createdBy: ids[0]!, approvedBy: ids[1]! }]),
      ),
    });
    const targetsByCity = new Map<string, TGeneratedTarget[]>();
    for (const t of planned.targets) {
      const list = targetsByCity.get(t.divisionCode.slice(0, 4));
      if (list) list.push(t);
      else targetsByCity.set(t.divisionCode.slice(0, 4), [t]);
    }

    const items = await queryRows<{ id: number; title: string; major_hazard: boolean }>(
      db,
      sql`SELECT id, title, major_hazard FROM inspection_items ORDER BY id`,
    );
    const generalItems = items.filter((i) => !i.major_hazard);
    const majorItems = items.filter((i) => i.major_hazard);
    const address = new Map(firms.map((f) => [f.id, f.address]));

    const start = addDaysToDate(today, -365 * YEARS);
    const span = daysBetween(start, today);
    let nextId = Number((await queryRows<{ n: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS n FROM inspections`))[0]?.n ?? 0);
    let nextFinding = Number((await queryRows<{ n: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS n FROM findings`))[0]?.n ?? 0);
    const scale = (ctx.spec.scope.length === 2 ? 20 / Math.max(1, cities.length) : 1) * (ctx.spec.volume ?? 1);
    let inspectionCount = 0;
    let findingCount = 0;
    for (const city of cities) {
      const cityFirms = firms.filter((f) => f.division_code.startsWith(city));
      const graded = gradedByCity.get(city) ?? [];
      const checks = Math.round(CHECKS_PER_YEAR * YEARS * scale);
      const unannounced = Math.round(UNANNOUNCED_PER_YEAR * YEARS * scale);
      const rows: Record<string, unknown>[] = [];
      const people: Record<string, unknown>[] = [];
      const found: Record<string, unknown>[] = [];
      const links: { targetId: number; inspectionId: number }[] = [];
      const record = (r: {
        enterpriseId: number;
        divisionCode: string;
        colour: string | null;
        kind: string;
        on: string;
        inspectorIds: number[];
        targetId?: number;
        planId?: number;
        publishedAt?: string | null;
      }) => {
        const id = ++nextId;
        const k = poisson(random, r.kind === 'unannounced' ? UNANNOUNCED_FINDINGS : FINDINGS_PER_CHECK);
        rows.push({
          id,
          enterpriseId: r.enterpriseId,
          divisionCode: r.divisionCode,
          kind: r.kind,
          colour: r.colour,
          inspectedOn: r.on,
          place: address.get(r.enterpriseId) ?? '企业生产经营场所',
          findings: k,
          targetId: r.targetId ?? null,
          planId: r.planId ?? null,
          publishedAt: r.publishedAt ?? null,
        });
        for (const userId of r.inspectorIds) people.push({ inspectionId: id, userId, certificateNo: certificate.get(userId) });
        for (let j = 0; j < k; j++) {
          const major = majorItems.length > 0 && random.chance(0.015);
          const item = major ? random.pick(majorItems) : generalItems.length > 0 ? random.pick(generalItems) : null;
          found.push({
            id: ++nextFinding,
            inspectionId: id,
            enterpriseId: r.enterpriseId,
            divisionCode: r.divisionCode,
            itemId: item?.id ?? null,
            description: `${item?.title ?? '现场发现安全隐患'}（生成数据）`,
            major,
            foundOn: r.on,
          });
        }
        if (r.targetId) links.push({ targetId: r.targetId, inspectionId: id });
        ctx.fingerprint.update(`insp|${id}|${r.enterpriseId}|${r.kind}|${r.on}|${k}\n`);
      };
      // Drawn firms: checked between the draw and the plan's end (this year's plan is about 85 % done), results
      // published within the 20 days, a few late.
      for (const t of targetsByCity.get(city) ?? []) {
        const last = [t.periodEnd, today].sort()[0]!;
        const open = daysBetween(addDaysToDate(t.drawDate, 7), last);
        if (open < 0 || (t.periodEnd > today && random.chance(0.15))) continue;
        const on = addDaysToDate(t.drawDate, 7 + random.int(0, open));
        const publishOn = addDaysToDate(on, random.chance(0.93) ? random.int(1, 20) : random.int(21, 40));
        record({ ...t, kind: 'planned', on, publishedAt: publishOn <= today ? `${publishOn}T16:00:00+08:00` : null });
      }
      // Daily checks and 四不两直 make up the rest of the seed's rate. Their results are published too (the workbench
      // counts every submitted result past the 20 working days), mostly in time; a stream of their own keeps the rows
      // drawn above and below unchanged.
      const publication = ctx.random.fork(`inspection-publication-${city}`);
      let surprise = 0;
      for (let n = rows.length; n < checks; n++) {
        // Graded (hazardous-chemical) firms are checked far more often than the rest, as the frequency table asks.
        const firm = graded.length > 0 && random.chance(0.02) ? random.pick(graded) : random.pick(cityFirms);
        const body = firm.supervising_level === 'city' ? city : firm.division_code;
        const pool = byBody.get(body) ?? byBody.get(city) ?? [];
        if (pool.length < 2) continue;
        const first = random.int(0, pool.length - 1);
        const second = (first + random.int(1, pool.length - 1)) % pool.length;
        const kind = surprise++ < unannounced ? 'unannounced' : 'ad_hoc';
        const on = addDaysToDate(start, random.int(0, span));
        const publishOn = addDaysToDate(on, publication.chance(0.97) ? publication.int(1, 20) : publication.int(21, 40));
        record({
          enterpriseId: firm.id,
          divisionCode: firm.division_code,
          colour: firm.colour,
          kind,
          on,
          inspectorIds: [pool[first]!.id, pool[second]!.id],
          publishedAt: publishOn <= today ? `${publishOn}T16:00:00+08:00` : null,
        });
      }
      await insertRecordset(
        db,
        rows,
        (
          json,
        ) => sql`INSERT INTO inspections (id, enterprise_id, division_code, kind, draw_target_id, plan_id, colour, inspected_on, place, status, findings_count, published_at, created_at, updated_at)
        SELECT v.id, v."enterpriseId", v."divisionCode", v.kind, v."targetId", v."planId", v.colour, v."inspectedOn", v.place, 'submitted', v.findings, v."publishedAt", ${ctx.now}::timestamptz, ${ctx.now}::timestamptz
        FROM json_to_recordset(${json}::json) AS v(id int, "enterpriseId" int, "divisionCode" text, kind text, "targetId" int, "planId" int, colour text, "inspectedOn" date, place text, findings int, "publishedAt" timestamptz)`,
      );
      await insertRecordset(
        db,
        links,
        (json) => sql`UPDATE draw_targets t SET inspection_id = v."inspectionId"
        FROM json_to_recordset(${json}::json) AS v("targetId" int, "inspectionId" int) WHERE t.id = v."targetId"`,
      );
      await insertRecordset(
        db,
        people,
        (json) => sql`INSERT INTO inspection_inspectors (inspection_id, user_id, certificate_no)
        SELECT v."inspectionId", v."userId", v."certificateNo" FROM json_to_recordset(${json}::json) AS v("inspectionId" int, "userId" int, "certificateNo" text)`,
      );
      await insertRecordset(
        db,
        found,
        (
          json,
        ) => sql`INSERT INTO findings (id, inspection_id, enterprise_id, division_code, item_id, description, major_hazard, found_on, created_at)
        SELECT v.id, v."inspectionId", v."enterpriseId", v."divisionCode", v."itemId", v.description, v.major, v."foundOn", ${ctx.now}::timestamptz
        FROM json_to_recordset(${json}::json) AS v(id int, "inspectionId" int, "enterpriseId" int, "divisionCode" text, "itemId" int, description text, major bool, "foundOn" date)`,
      );
      inspectionCount += rows.length;
      findingCount += found.length;
    }
    await db.execute(sql`SELECT setval(pg_get_serial_sequence('inspections', 'id'), greatest(${nextId}, 1))`);
    await db.execute(sql`SELECT setval(pg_get_serial_sequence('findings', 'id'), greatest(${nextFinding}, 1))`);
    for (const table of ['inspections', 'findings', 'inspection_inspectors', 'draw_targets']) await db.execute(sql.raw(`ANALYZE ${table}`));
    return {
      inspectors: inspectorRows.length,
      inspector_conflicts: conflicts.length,
      inspection_plans: planned.plans,
      draws: planned.draws,
      draw_targets: planned.targets.length,
      inspections: inspectionCount,
      findings: findingCount,
    };
  },
};
