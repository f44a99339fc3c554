import { sql } from 'drizzle-orm';
import {
  addDaysToDate,
  bodyAbbreviation,
  bureauDate,
  daysBetween,
  DEFAULT_CASE_DOCUMENTS,
  DEFAULT_CASE_PROCEDURE,
  deliberationReasons,
  formatDocumentNumber,
  hearingEligible,
  legalReviewReasons,
  paymentDueOn,
  penaltyFacts,
  surchargeFen,
  type TCaseDocumentKind,
  type TCaseSourceKind,
  type TCaseStage,
  type TCircumstance,
  type TPenaltyTarget,
  type TServiceMethod,
} from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import { createAuditService } from '../../server/src/modules/audit/audit.service';
import { createCaseCatalogueService } from '../../server/src/modules/case/catalogue/case-catalogue.service';
import { abbreviationQualifiers } from './divisions';
import type { TGenerateContext, TModuleGenerator } from './generate';
import type { TRandom } from './prng';
import { insertRecordset } from './recordset';
import { EVIDENCE_DOCUMENTS, EVIDENCE_PHOTOS, writeEvidenceFiles } from './case-evidence-files';
import {
  accidentLine,
  assertLawful,
  CASE_ACCIDENT_GRADE,
  overdueOrder,
  TIER2_CODES,
  TIER2_SHARE,
  tier2UnitFine,
  type TTierLine,
} from './case-tiers';

/**
 * case: five years of administrative penalty cases (issue 6), about 250 a year per city: the bureau's own ~53 a year
 * (the seed's "53 cases, 4,323,681 yuan") on the firms it supervises, the rest by the towns. Most come from the
 * generated inspections (their two inspectors become the case officers), some from complaints, referrals and an
 * accident a year. Each case's procedure is planned in full (filing, investigation with evidence and 询问笔录,
 * proposal within the discretion bands, legal review and collective deliberation where the rules require them,
 * notice, statement / waiver / hearing, decision with an extension when past 90 days, service, payments with the
 * 3 %-a-day surcharge when late, closing) and kept up to today: older cases are closed and paid, recent ones stand
 * at every stage with running clocks, some stalled past their decision date or unpaid past the 15 days. Documents
 * are numbered per body, year and kind in the order they were issued, with the counters left where they end.
 */
export const CASES_PER_YEAR = 250;
export const BUREAU_CASES_PER_YEAR = 53;
const YEARS = 5;
const S = DEFAULT_CASE_PROCEDURE;

/** The demo's case officers: they are made officers of some recent cases of their body, so they can carry them on. */
export const CASE_DEMO_OFFICERS = { bureau: 'b4420-17', town: 't442000001-01' } as const;

const SHORT: Record<string, string> = {
  'SAFL-94': '主要负责人未履行安全生产管理职责',
  'SAFL-97': '未按规定对从业人员进行安全生产教育和培训',
  'SAFL-99': '安全设备未经常性维护、保养',
  'SAFL-101': '未建立安全风险分级管控和事故隐患排查治理制度',
  'SAFL-102': '未采取措施消除事故隐患',
  'SAFL-105': '生产经营场所未设有符合紧急疏散要求的出口',
  'SAFL-108': '拒绝、阻碍监督检查',
  'SAFL-109': '未按规定投保安全生产责任保险',
  'SAFL-114': '对生产安全事故负有责任',
};
const BUREAU_CODES: [string, number][] = [
  ['SAFL-101', 30],
  ['SAFL-102', 25],
  ['SAFL-97', 15],
  ['SAFL-99', 10],
  ['SAFL-109', 8],
  ['SAFL-105', 5],
  ['SAFL-108', 3],
  ['SAFL-94', 4],
];
const TOWN_CODES: [string, number][] = [
  ['SAFL-102', 35],
  ['SAFL-99', 20],
  ['SAFL-97', 20],
  ['SAFL-101', 10],
  ['SAFL-105', 10],
  ['SAFL-108', 2],
  ['SAFL-94', 3],
];
const BUREAU_CIRCUMSTANCES: [TCircumstance, number][] = [
  ['minor', 15],
  ['general', 45],
  ['serious', 30],
  ['grave', 10],
];
const TOWN_CIRCUMSTANCES: [TCircumstance, number][] = [
  ['minor', 50],
  ['general', 40],
  ['serious', 9],
  ['grave', 1],
];
const SERVICE: [TServiceMethod, number][] = [
  ['direct', 70],
  ['left_at_premises', 8],
  ['mail', 12],
  ['electronic', 9],
  ['public_notice', 1],
];
const STATEMENTS = [
  '当事人称已按要求完成整改，请求从轻处罚。',
  '当事人对违法事实无异议，称系初次违法，请求减轻处罚。',
  '当事人提出经营困难，请求分期缴纳罚款。',
];

function weighted<T>(random: TRandom, items: [T, number][]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let x = random.next() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** A valid 18-digit citizen ID (GB 11643) born in Zhongshan's area code. */
function idNumber(random: TRandom): string {
  const body = `442000${random.int(1960, 1995)}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}${String(random.int(0, 999)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return body + (c === 10 ? 'X' : String(c));
}

const cnDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const roundYuan = (fen: number, yuan: number) => Math.round(fen / (yuan * 100)) * yuan * 100;

interface TUser {
  id: number;
  username: string;
  name: string;
  role: string;
  division: string;
}
interface TSource {
  inspectionId: number;
  enterpriseId: number;
  divisionCode: string;
  on: string;
  level: string;
  firmName: string;
  principal: string | null;
  phone: string | null;
  address: string | null;
  inspectorIds: number[];
}
interface TBand {
  target: TPenaltyTarget;
  circumstance: TCircumstance;
  minFen: number;
  maxFen: number;
}
interface TViolationInfo {
  code: string;
  title: string;
  violatedProvision: string;
  penaltyProvision: string;
  hasUnit: boolean;
  hasPerson: boolean;
  bands: TBand[];
}
interface TPenalty {
  code: string;
  target: TPenaltyTarget;
  circumstance: TCircumstance;
  proposed: number;
  decided: number;
  band: TBand | undefined;
  /** Tier and statutory range (tier-2 and art. 114 lines; absent: tier 1, range not recorded). */
  tierLine?: TTierLine;
}
/** One procedural step as the server would have recorded it. */
interface TStep {
  on: string;
  action: string;
  to: TCaseStage | null;
  actor: TUser;
  note: string | null;
  payload: Record<string, unknown> | null;
  doc?: { kind: TCaseDocumentKind; content?: unknown };
  apply?: (c: Record<string, unknown>, at: string) => void;
  evidence?: { kind: 'document' | 'photo' | 'transcript'; title: string };
  payment?: { principal: number; surcharge: number; receiptNo: string };
  extension?: number;
}

export const caseGenerator: TModuleGenerator = {
  module: 'case',
  async generate(ctx: TGenerateContext) {
    const random = ctx.random.fork('case');
    // A stream of its own, so the tier-2 and accident-grade choices leave every other generated row as it was.
    const tierRandom = ctx.random.fork('case-tiers');
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

    // issue 14 item 10: the evidence rows point at real files
    writeEvidenceFiles();
    let nextCase = Number((await queryRows<{ n: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS n FROM cases`))[0]?.n ?? 0);
    const start = addDaysToDate(today, -365 * YEARS);
    const totals: Record<string, number> = {
      cases: 0,
      case_officers: 0,
      case_penalties: 0,
      case_evidence: 0,
      case_events: 0,
      case_documents: 0,
      case_document_sequences: 0,
      case_payments: 0,
      case_extensions: 0,
    };
    const sequences = new Map<string, number>();

    for (const city of cities) {
      const leaders = users.filter((u) => u.division === city && u.role === 'bureau_leader');
      const reviewers = users.filter((u) => u.division === city && u.role === 'legal_reviewer');
      if (leaders.length === 0 || reviewers.length === 0) continue;
      const citySources = sources.filter((s) => s.divisionCode.startsWith(city));
      const bureauSources = citySources.filter((s) => s.level === 'city');
      const townSources = citySources.filter((s) => s.level !== 'city');
      if (bureauSources.length === 0 || townSources.length === 0) continue;
      const total = Math.round(CASES_PER_YEAR * YEARS * scale);
      const demoTownRecent = townSources.filter((s) => s.divisionCode === '442000001' && daysBetween(s.on, today) <= 120);

      interface TPlanned {
        created: string;
        row: Record<string, unknown>;
        officers: TUser[];
        penalties: TPenalty[];
        steps: TStep[];
        body: string;
      }
      const planned: TPlanned[] = [];
      for (let n = 0; n < total; n++) {
        // exactly 53 in 250 are the bureau's, spread evenly over the sequence
        const bureau =
          Math.floor(((n + 1) * BUREAU_CASES_PER_YEAR) / CASES_PER_YEAR) > Math.floor((n * BUREAU_CASES_PER_YEAR) / CASES_PER_YEAR);
        // A few more recent cases in the demo officer's town (石岐), so the demo has open cases there to carry on.
        const source = random.pick(
          bureau ? bureauSources : demoTownRecent.length > 0 && random.chance(0.01) ? demoTownRecent : townSources,
        );
        const body = bureau ? city : source.divisionCode;
        const pool = officersOf.get(body) ?? [];
        if (pool.length < 2) continue;
        const accident = bureau && random.chance(1 / BUREAU_CASES_PER_YEAR);
        const sourceKind: TCaseSourceKind = accident
          ? 'accident'
          : weighted(random, [
              ['inspection', 82],
              ['complaint', 12],
              ['referral', 6],
            ] as [TCaseSourceKind, number][]);
        const discovered = sourceKind === 'inspection' ? source.on : addDaysToDate(start, random.int(0, 365 * YEARS - 1));
        if (discovered >= today) continue;
        // Officers: the inspection's two inspectors when both still hold certificates, else two of the body.
        let officers =
          sourceKind === 'inspection'
            ? source.inspectorIds.map((id) => byId.get(id)!).filter((u) => u && certified(u) && u.division === body)
            : [];
        if (officers.length < 2) {
          const a = random.int(0, pool.length - 1);
          officers = [pool[a]!, pool[(a + random.int(1, pool.length - 1)) % pool.length]!];
        }
        const created0 = addDaysToDate(discovered, random.int(0, 3));
        const demo =
          body === '4420' ? byName.get(CASE_DEMO_OFFICERS.bureau) : body === '442000001' ? byName.get(CASE_DEMO_OFFICERS.town) : undefined;
        if (
          demo &&
          daysBetween(created0, today) < 200 &&
          random.chance(body === '4420' ? 0.35 : 0.7) &&
          !officers.some((o) => o.id === demo.id)
        )
          officers = [demo, officers[1]!];

        // Violations and the penalty proposed for each (inside its band, rounded to 100 yuan).
        const simple = !accident && random.chance(bureau ? 0.03 : 0.2);
        const codes: string[] = [];
        if (accident) codes.push('SAFL-114');
        else if (simple) codes.push(random.pick(['SAFL-99', 'SAFL-97']));
        else {
          const k = weighted(
            random,
            bureau
              ? ([
                  [1, 55],
                  [2, 35],
                  [3, 10],
                ] as [number, number][])
              : ([
                  [1, 78],
                  [2, 19],
                  [3, 3],
                ] as [number, number][]),
          );
          while (codes.length < k) {
            const c = weighted(random, bureau ? BUREAU_CODES : TOWN_CODES);
            if (!codes.includes(c) && catalogue.has(c)) codes.push(c);
          }
        }
        const penalties: TPenalty[] = [];
        // 安全生产法 arts. 97/99/101/109 tier 2: the 复查 of a 责令限期整改指令书 found it unmet, which is how the bureau
        // found the case (the 复查 is its discovery); the fine is the tier's, inside the tier-2 band.
        const tier2Code =
          bureau && !accident && !simple && tierRandom.chance(TIER2_SHARE)
            ? codes.find((c) => (TIER2_CODES as readonly string[]).includes(c))
            : undefined;
        const order = tier2Code ? overdueOrder(discovered, abbreviation.get(body)!, tierRandom) : null;
        const fineIn = (v: TViolationInfo, target: TPenaltyTarget, circumstance: TCircumstance): TPenalty => {
          const band = v.bands.find((b) => b.target === target && b.circumstance === circumstance);
          const lo = Math.max(band?.minFen ?? 0, 100_000);
          const hi = Math.max(lo, band?.maxFen ?? lo);
          const fen = Math.min(hi, Math.max(lo, roundYuan(lo + random.next() * (hi - lo), 100)));
          return { code: v.code, target, circumstance, proposed: fen, decided: fen, band };
        };
        for (const code of codes) {
          const v = catalogue.get(code)!;
          if (code === tier2Code) {
            const t = tier2UnitFine(code, tierRandom);
            const band = { target: 'unit' as const, circumstance: 'general' as const, ...t.band };
            penalties.push({ code, target: 'unit', circumstance: 'general', proposed: t.fen, decided: t.fen, band, tierLine: t });
            assertLawful({ code, target: 'unit', circumstance: 'general', fineFen: t.fen, tier: 2 }, { order });
            continue;
          }
          if (simple) {
            const band = v.bands.find((b) => b.target === 'unit' && b.circumstance === 'minor');
            const fen = random.chance(0.15) ? 0 : roundYuan(random.int(500, 3000) * 100, 100);
            penalties.push({ code, target: 'unit', circumstance: 'minor', proposed: fen, decided: fen, band });
            continue;
          }
          const circumstance = accident
            ? weighted(random, [
                ['minor', 60],
                ['general', 40],
              ] as [TCircumstance, number][])
            : weighted(random, bureau ? BUREAU_CIRCUMSTANCES : TOWN_CIRCUMSTANCES);
          if (v.hasUnit) {
            const line = fineIn(v, 'unit', circumstance);
            // art. 114: the range is the accident grade's, recorded with the line and checked as the service checks it
            if (accident && code === 'SAFL-114') {
              line.tierLine = accidentLine();
              assertLawful({ code, target: 'unit', circumstance, fineFen: line.proposed, tier: 1 }, { accident: true });
            }
            penalties.push(line);
          }
          if (v.hasPerson && (!v.hasUnit || random.chance(bureau ? 0.15 : 0.06)))
            penalties.push(fineIn(v, 'person', random.chance(0.7) ? 'minor' : 'general'));
        }
        const hasPerson = penalties.some((p) => p.target === 'person');
        const person = hasPerson ? { name: source.principal ?? '（负责人）', idNumber: idNumber(random), position: '主要负责人' } : null;
        const partyName = [source.firmName, person?.name].filter(Boolean).join('、');
        const occurred = addDaysToDate(discovered, -random.int(0, 60));
        const summary = `${source.firmName}${SHORT[codes[0]!] ?? catalogue.get(codes[0]!)!.title}案`;
        const complex = accident || (bureau && random.chance(0.04));
        const facts = penaltyFacts(simple ? 'simple' : 'general', {
          violations: penalties.map((p) => ({ code: p.code, target: p.target, fineFen: p.proposed })),
          confiscationFen: 0,
          otherPenalties: [],
          complex,
          majorPublicInterest: accident,
        });
        const eligible = !simple && hearingEligible(facts, S);
        const officer = () => random.pick(officers);
        const leader = () => random.pick(leaders);
        const steps: TStep[] = [];
        const step = (s: TStep) => steps.push(s);
        const findings = `经查，${source.firmName}自${cnDate(occurred)}起存在以下违法行为：${codes.map((c) => SHORT[c] ?? c).join('；')}。${sourceKind === 'inspection' ? `${cnDate(discovered)}本机关执法人员现场检查时发现。` : ''}${order ? `本机关${cnDate(order.orderedOn)}以${order.orderNo}责令限期整改，${cnDate(discovered)}复查时逾期未改正。` : ''}`;
        const receipt = () => `${body.slice(-4)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;

        step({ on: created0, action: 'create', to: 'pending_filing', actor: officers[0]!, note: summary, payload: null });
        if (simple) {
          // 简易程序: decided and handed over on the spot (art. 51–52), paid within days, closed.
          const p = penalties[0]!;
          const warningOnly = p.decided === 0;
          const on = created0;
          step({
            on,
            action: 'decide_on_spot',
            to: 'served',
            actor: officers[0]!,
            note: warningOnly ? '当场警告' : `当场罚款 ${p.decided / 100} 元`,
            payload: {
              decidedOn: on,
              violation: { code: p.code, target: p.target, circumstance: p.circumstance, fineFen: p.decided },
              warningOnly,
            },
            doc: { kind: 'decision' },
            apply: (c) =>
              Object.assign(c, {
                decisionOutcome: 'penalty',
                decidedOn: on,
                servedOn: on,
                serviceMethod: 'direct',
                fineDecidedFen: p.decided,
                otherPenalties: warningOnly ? ['warning'] : [],
              }),
          });
          let last = on;
          if (!warningOnly) {
            last = addDaysToDate(on, random.chance(0.6) ? 0 : random.int(1, 12));
            const paidOn = last;
            const principal = p.decided;
            step({
              on: paidOn,
              action: 'record_payment',
              to: 'paid',
              actor: officers[0]!,
              note: `缴纳罚款 ${principal / 100} 元`,
              payload: { paidOn, principalFen: principal },
              payment: { principal, surcharge: 0, receiptNo: receipt() },
              apply: (c) => Object.assign(c, { finePaidFen: principal, paidOffOn: paidOn }),
            });
          }
          const closedOn = addDaysToDate(last, random.int(1, 10));
          step({
            on: closedOn,
            action: 'close',
            to: 'closed',
            actor: leader(),
            note: '处罚决定已执行完毕，同意结案',
            payload: { closedOn },
            doc: { kind: 'closing' },
            apply: (c) => Object.assign(c, { closedOn }),
          });
        } else {
          const filed = addDaysToDate(created0, random.int(1, 5));
          const due = addDaysToDate(filed, S.decisionDays);
          step({
            on: filed,
            action: 'approve_filing',
            to: 'filed',
            actor: leader(),
            note: '同意立案',
            payload: { opinion: '同意立案' },
            doc: { kind: 'filing' },
            apply: (c) => Object.assign(c, { filedOn: filed, decisionDueOn: due }),
          });
          const investigating = addDaysToDate(filed, random.int(0, 2));
          step({ on: investigating, action: 'start_investigation', to: 'investigating', actor: officer(), note: null, payload: {} });
          const recent = daysBetween(filed, today);
          const stalled = recent >= 20 && recent <= 150 && random.chance(0.15);
          let proposeOn = addDaysToDate(investigating, random.int(15, 45) + (stalled ? random.int(60, 120) : 0));
          const evidenceDays = Math.max(1, daysBetween(investigating, proposeOn) - 1);
          const kinds: ['document' | 'photo' | 'transcript', string][] = [
            ['photo', '现场照片'],
            ['document', '现场检查记录'],
            ['document', '营业执照复印件'],
            ['transcript', '现场笔录'],
            ['document', '隐患整改通知书'],
            ['photo', '违法行为现场照片'],
          ];
          const nEvidence = random.int(2, 5);
          const evidenceDates = Array.from({ length: nEvidence }, () =>
            addDaysToDate(investigating, random.int(0, Math.min(evidenceDays, 20))),
          ).sort();
          evidenceDates.forEach((on, i) => {
            const [kind, title] = kinds[i % kinds.length]!;
            step({ on, action: 'add_evidence', to: null, actor: officer(), note: title, payload: null, evidence: { kind, title } });
          });
          const inquiries = random.chance(0.7) ? (random.chance(0.25) ? 2 : 1) : 0;
          for (let q = 0; q < inquiries; q++) {
            const askedOn = addDaysToDate(investigating, random.int(1, Math.min(evidenceDays, 25)));
            const interviewee = {
              name: source.principal ?? '企业负责人',
              position: q === 0 ? '主要负责人' : '安全管理人员',
              phone: source.phone,
            };
            const content = {
              askedOn,
              place: source.address ?? '本机关询问室',
              interviewee,
              questions: [
                { question: '我们是应急管理部门的执法人员，现依法向你询问，你是否听清楚？', answer: '听清楚了。' },
                {
                  question: '请介绍你单位的基本情况和你的职务。',
                  answer: `我是${source.firmName}的${interviewee.position}，负责公司的安全生产工作。`,
                },
                {
                  question: `执法人员检查时发现你单位${SHORT[codes[0]!] ?? '存在违法行为'}，情况是否属实？`,
                  answer: '属实，我们会尽快整改。',
                },
              ],
            };
            step({
              on: askedOn,
              action: 'add_inquiry',
              to: null,
              actor: officer(),
              note: `询问 ${interviewee.name}`,
              payload: null,
              doc: { kind: 'inquiry', content },
            });
          }
          steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
          if (proposeOn <= (steps[steps.length - 1]?.on ?? investigating)) proposeOn = addDaysToDate(steps[steps.length - 1]!.on, 1);
          const outcome = random.chance(0.02) ? 'no_penalty' : random.chance(0.02) ? 'withdrawn' : 'penalty';
          if (outcome === 'withdrawn') {
            const on = addDaysToDate(investigating, random.int(3, 20));
            for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.on > on) steps.splice(i, 1);
            step({
              on,
              action: 'withdraw',
              to: 'withdrawn',
              actor: leader(),
              note: '经调查，违法事实不能成立，撤销立案',
              payload: { reason: '经调查，违法事实不能成立，撤销立案' },
              apply: (c) => Object.assign(c, { withdrawnReason: '经调查，违法事实不能成立，撤销立案' }),
            });
          } else {
            let at = proposeOn;
            const later = (min: number, max: number) => (at = addDaysToDate(at, random.int(min, max)));
            let decideOn: string;
            const fines = outcome === 'no_penalty' ? [] : penalties;
            if (outcome === 'no_penalty') {
              decideOn = at;
            } else {
              const total = penalties.reduce((a, p) => a + p.proposed, 0);
              step({
                on: at,
                action: 'propose',
                to: 'proposed',
                actor: officer(),
                note: `拟罚款 ${total / 100} 元`,
                payload: {
                  findings,
                  violations: penalties.map((p) => ({ code: p.code, target: p.target, circumstance: p.circumstance, fineFen: p.proposed })),
                  confiscationFen: 0,
                  otherPenalties: [],
                  complex,
                  majorPublicInterest: accident,
                },
                apply: (c) => Object.assign(c, { findings, complex, majorPublicInterest: accident }),
              });
              if (legalReviewReasons(facts, S).length > 0) {
                step({ on: later(0, 2), action: 'request_legal_review', to: 'legal_review', actor: officer(), note: null, payload: {} });
                const opinion = '事实清楚，证据确凿，适用法律正确，程序合法，裁量适当，同意。';
                const reviewer = random.pick(reviewers);
                step({
                  on: later(2, 8),
                  action: 'legal_review',
                  to: 'legal_review',
                  actor: reviewer,
                  note: `审核通过：${opinion}`,
                  payload: { result: 'pass', opinion },
                  apply: (c, ts) =>
                    Object.assign(c, { legalReviewOpinion: opinion, legalReviewerId: reviewer.id, legalReviewPassedAt: ts }),
                });
              }
              if (deliberationReasons(facts, S).length > 0) {
                step({ on: later(0, 2), action: 'request_deliberation', to: 'deliberation', actor: officer(), note: null, payload: {} });
                const heldOn = later(2, 10);
                const participants = leaders.map((l) => l.name).slice(0, 5);
                const conclusion = '经集体讨论，同意承办人提出的处罚意见。';
                step({
                  on: heldOn,
                  action: 'deliberate',
                  to: 'deliberation',
                  actor: leader(),
                  note: `${heldOn} 集体讨论（${participants.join('、')}）：${conclusion}`,
                  payload: { result: 'agree', heldOn, participants, conclusion },
                  apply: (c, ts) => Object.assign(c, { deliberationConclusion: conclusion, deliberatedAt: ts }),
                });
              }
              const notifiedOn = later(1, 5);
              const noticeFen = total;
              step({
                on: notifiedOn,
                action: 'notify',
                to: 'notified',
                actor: officer(),
                note: null,
                payload: { notifiedOn, method: 'direct' },
                doc: { kind: eligible ? 'hearing_notice' : 'notice' },
                apply: (c) => Object.assign(c, { notifiedOn, noticeFineFen: noticeFen }),
              });
              const rightsEnd = addDaysToDate(notifiedOn, Math.max(S.statementDays, eligible ? S.hearingRequestDays : 0));
              const r = random.next();
              if (eligible && r < 0.08) {
                const requestedOn = later(1, S.hearingRequestDays);
                step({
                  on: requestedOn,
                  action: 'request_hearing',
                  to: 'hearing',
                  actor: officer(),
                  note: null,
                  payload: { requestedOn },
                  apply: (c) => Object.assign(c, { hearingRequestedOn: requestedOn }),
                });
                const scheduled = later(1, 3);
                const hearingOn = addDaysToDate(scheduled, random.int(S.hearingNoticeDays, S.hearingNoticeDays + 5));
                const chair = random.pick(reviewers);
                const place = `${divisionName.get(body) ?? ''}应急管理部门听证室`;
                step({
                  on: scheduled,
                  action: 'schedule_hearing',
                  to: 'hearing',
                  actor: officer(),
                  note: `${hearingOn} ${place}`,
                  payload: { hearingOn, chairId: chair.id, place },
                  apply: (c) => Object.assign(c, { hearingOn, hearingChairId: chair.id, hearingPlace: place }),
                });
                at = hearingOn;
                const summaryText = '听证会依法举行，当事人进行了陈述和申辩，调查人员出示了证据。';
                step({
                  on: hearingOn,
                  action: 'conclude_hearing',
                  to: 'hearing',
                  actor: officer(),
                  note: summaryText,
                  payload: { heldOn: hearingOn, summary: summaryText },
                  apply: (c) => Object.assign(c, { hearingHeldOn: hearingOn, statement: '当事人在听证中请求从轻处罚。' }),
                });
                decideOn = later(1, 7);
              } else if (r < 0.33) {
                const receivedOn = later(1, S.statementDays);
                const statement = random.pick(STATEMENTS);
                step({
                  on: receivedOn,
                  action: 'record_statement',
                  to: 'notified',
                  actor: officer(),
                  note: statement,
                  payload: { statement, receivedOn },
                  apply: (c) => Object.assign(c, { statement }),
                });
                // the party argued: a lighter decision sometimes, never a heavier one (art. 45)
                if (random.chance(0.25)) for (const p of penalties) p.decided = Math.max(roundYuan(p.proposed * 0.8, 100), 0);
                at = rightsEnd;
                decideOn = later(1, 10);
              } else if (r < 0.7) {
                const waivedOn = later(0, 2);
                step({
                  on: waivedOn,
                  action: 'waive_rights',
                  to: 'notified',
                  actor: officer(),
                  note: '当事人书面表示放弃陈述、申辩和听证权利',
                  payload: { waivedOn, note: '当事人书面表示放弃陈述、申辩和听证权利' },
                  apply: (c) => Object.assign(c, { rightsWaived: true }),
                });
                decideOn = later(0, 5);
              } else {
                at = rightsEnd;
                decideOn = later(1, 10);
              }
            }
            // art. 60: past 90 days only with an approved extension (a stalled case still short of its decision has none yet).
            if (decideOn > due && !(stalled && due < today && decideOn > today)) {
              const days = Math.min(90, daysBetween(due, decideOn) + random.int(3, 15));
              const extendOn = addDaysToDate(due, -random.int(1, 7));
              const newDue = addDaysToDate(due, days);
              if (decideOn > newDue) decideOn = newDue;
              const reason = '案情复杂，需进一步调查取证，经负责人批准延长办案期限';
              step({
                on: extendOn,
                action: 'extend',
                to: null,
                actor: leader(),
                note: `延长 ${days} 天：${reason}`,
                payload: { days, reason },
                extension: days,
                apply: (c) => Object.assign(c, { decisionDueOn: newDue }),
              });
            }
            const decided = fines.reduce((a, p) => a + p.decided, 0);
            const decidedOn = decideOn;
            step({
              on: decidedOn,
              action: 'decide',
              to: 'decided',
              actor: leader(),
              note: outcome === 'no_penalty' ? '不予行政处罚' : `罚款 ${decided / 100} 元`,
              payload: {
                decidedOn,
                outcome,
                ...(fines.some((p) => p.decided !== p.proposed)
                  ? { fines: fines.map((p) => ({ code: p.code, target: p.target, fineFen: p.decided })) }
                  : {}),
              },
              doc: { kind: 'decision' },
              apply: (c) => Object.assign(c, { decisionOutcome: outcome, decidedOn, fineDecidedFen: decided }),
            });
            const servedOn = addDaysToDate(decidedOn, random.chance(0.96) ? random.int(0, 6) : random.int(8, 12));
            const method = weighted(random, SERVICE);
            const recipient = source.principal ?? '企业负责人';
            step({
              on: servedOn,
              action: 'serve',
              to: 'served',
              actor: officer(),
              note: `签收人：${recipient}`,
              payload: { servedOn, method, recipient },
              doc: { kind: 'service' },
              apply: (c) => Object.assign(c, { servedOn, serviceMethod: method }),
            });
            let last = servedOn;
            if (decided > 0) {
              const payDue = paymentDueOn(servedOn, S);
              const late = daysBetween(servedOn, today) <= 60 && random.chance(0.3);
              const r = random.next();
              const parts: [string, number][] =
                r < 0.05 && decided >= 2_000_000
                  ? [
                      [addDaysToDate(servedOn, random.int(1, 8)), roundYuan(decided / 2, 100)],
                      [addDaysToDate(servedOn, random.int(9, 15)), decided - roundYuan(decided / 2, 100)],
                    ]
                  : r < 0.12
                    ? [[addDaysToDate(payDue, random.int(1, 20)), decided]]
                    : [[addDaysToDate(servedOn, random.int(1, 15)), decided]];
              const delay = late ? random.int(10, 40) : 0;
              for (const part of parts) part[0] = addDaysToDate(part[0], delay);
              let paid = 0;
              for (const [paidOn, principal] of parts) {
                paid += principal;
                const surcharge = surchargeFen(principal, payDue, paidOn, S);
                const sum = paid;
                step({
                  on: paidOn,
                  action: 'record_payment',
                  to: sum >= decided ? 'paid' : 'executing',
                  actor: officer(),
                  note: `缴纳罚款 ${principal / 100} 元${surcharge ? `，加处罚款 ${surcharge / 100} 元` : ''}`,
                  payload: { paidOn, principalFen: principal },
                  payment: { principal, surcharge, receiptNo: receipt() },
                  apply: (c) =>
                    Object.assign(c, {
                      finePaidFen: sum,
                      surchargePaidFen: Number(c.surchargePaidFen ?? 0) + surcharge,
                      paidOffOn: sum >= decided ? paidOn : null,
                    }),
                });
                last = paidOn;
              }
            }
            const closedOn = addDaysToDate(last, random.int(3, 20));
            step({
              on: closedOn,
              action: 'close',
              to: 'closed',
              actor: leader(),
              note: '处罚决定已执行完毕，同意结案',
              payload: { closedOn, opinion: '处罚决定已执行完毕，同意结案' },
              doc: { kind: 'closing' },
              apply: (c) => Object.assign(c, { closedOn }),
            });
          }
        }
        // Keep what has happened by today, in order (a stable sort keeps each day's steps as planned).
        const kept = steps.filter((s) => s.on <= today).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
        if (kept.length === 0) continue;
        planned.push({
          created: created0,
          body,
          officers,
          penalties: penalties.filter(() => kept.some((s) => s.action === 'propose' || s.action === 'decide_on_spot')),
          steps: kept,
          row: {
            divisionCode: body,
            procedure: simple ? 'simple' : 'general',
            enterpriseId: source.enterpriseId,
            personName: person?.name ?? null,
            personIdNumber: person?.idNumber ?? null,
            personPosition: person?.position ?? null,
            partyName,
            sourceKind,
            sourceRef: sourceKind === 'inspection' ? source.inspectionId : null,
            summary,
            violationCodes: codes,
            occurredOn: occurred,
            discoveredOn: discovered,
            harmsLifeOrHealth: accident,
            orderNo: order?.orderNo ?? null,
            orderedOn: order?.orderedOn ?? null,
            orderDeadline: order?.deadline ?? null,
            recheckedOn: order?.recheckedOn ?? null,
            recheckUnmet: order ? true : null,
            recheckNote: order?.note ?? null,
            accidentGrade: accident ? CASE_ACCIDENT_GRADE : null,
            createdBy: officers[0]!.id,
          },
        });
      }
      planned.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));

      // Timestamps: each step at office hours of its day, later steps of a day later.
      const caseRows: Record<string, unknown>[] = [];
      const officerRows: Record<string, unknown>[] = [];
      const penaltyRows: Record<string, unknown>[] = [];
      const evidenceRows: Record<string, unknown>[] = [];
      const attachmentRows: Record<string, unknown>[] = [];
      const attached = new Set<string>();
      const eventRows: Record<string, unknown>[] = [];
      const docRows: (Record<string, unknown> & {
        divisionCode: string;
        year: number;
        kind: string;
        issuedOn: string;
        at: string;
        caseId: number;
      })[] = [];
      const paymentRows: Record<string, unknown>[] = [];
      const extensionRows: Record<string, unknown>[] = [];
      for (const p of planned) {
        const id = ++nextCase;
        const c: Record<string, unknown> = {
          id,
          ...p.row,
          stage: 'pending_filing',
          surchargePaidFen: 0,
          finePaidFen: 0,
          fineDecidedFen: 0,
          evidenceCount: 0,
        };
        let lastOn = '';
        let minute = 0;
        let stage: TCaseStage = 'pending_filing';
        let version = 0;
        for (const s of p.steps) {
          minute = s.on === lastOn ? minute + random.int(10, 40) : random.int(0, 120);
          lastOn = s.on;
          const at = `${s.on}T${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`;
          if (s.action === 'create') c.createdAt = at;
          const from = stage;
          if (s.to) stage = s.to;
          version++;
          s.apply?.(c, at);
          if (s.evidence) {
            // a real file of the pool (written under the data directory), so the page shows the picture
            const photo = s.evidence.kind === 'photo';
            const f = photo ? random.pick(EVIDENCE_PHOTOS) : random.pick(EVIDENCE_DOCUMENTS);
            const sha256 = f.sha256;
            if (!attached.has(sha256)) {
              attached.add(sha256);
              attachmentRows.push({
                sha256,
                mime: f.mime,
                size: f.size,
                fileName: `${s.evidence.title}.${f.ext}`,
                createdBy: s.actor.id,
                createdAt: at,
              });
            }
            evidenceRows.push({
              caseId: id,
              kind: s.evidence.kind,
              title: s.evidence.title,
              sha256,
              collectedOn: s.on,
              createdBy: s.actor.id,
              createdAt: at,
            });
            c.evidenceCount = Number(c.evidenceCount) + 1;
          }
          if (s.payment)
            paymentRows.push({
              caseId: id,
              paidOn: s.on,
              principalFen: s.payment.principal,
              surchargeFen: s.payment.surcharge,
              receiptNo: s.payment.receiptNo,
              createdBy: s.actor.id,
              createdAt: at,
            });
          if (s.extension)
            extensionRows.push({
              caseId: id,
              days: s.extension,
              reason: String(s.payload?.reason ?? ''),
              approvedBy: s.actor.id,
              approvedAt: at,
            });
          if (s.doc)
            docRows.push({
              caseId: id,
              kind: s.doc.kind,
              divisionCode: p.body,
              year: Number(s.on.slice(0, 4)),
              issuedOn: s.on,
              content: s.doc.content ?? null,
              createdBy: s.actor.id,
              createdAt: at,
              at,
            });
          eventRows.push({
            caseId: id,
            action: s.action,
            fromStage: s.action === 'create' ? null : from,
            toStage: stage,
            note: s.note,
            payload: s.payload,
            actorId: s.actor.id,
            actorName: s.actor.name,
            at,
          });
          c.updatedAt = at;
        }
        c.stage = stage;
        c.version = version;
        caseRows.push(c);
        for (const o of p.officers) officerRows.push({ caseId: id, userId: o.id, certificateNo: certs.get(o.id)?.certificate_no ?? '' });
        for (const x of p.penalties) {
          const decided = c.decidedOn ? (c.decisionOutcome === 'no_penalty' ? 0 : x.decided) : null;
          penaltyRows.push({
            caseId: id,
            code: x.code,
            target: x.target,
            circumstance: x.circumstance,
            proposedFineFen: x.proposed,
            decidedFineFen: decided,
            bandMinFen: x.band?.minFen ?? null,
            bandMaxFen: x.band?.maxFen ?? null,
            tier: x.tierLine?.tier ?? 1,
            statutoryMinFen: x.tierLine?.statutoryMinFen ?? null,
            statutoryMaxFen: x.tierLine?.statutoryMaxFen ?? null,
          });
        }
        ctx.fingerprint.update(`case|${id}|${p.body}|${String(c.stage)}|${String(c.fineDecidedFen)}|${p.steps.length}\n`);
      }
      // 文号: per (body, year, kind) in the order issued, without gaps; the filing number is the case number.
      docRows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.caseId - b.caseId));
      const caseById = new Map(caseRows.map((c) => [c.id as number, c]));
      for (const d of docRows) {
        const key = `${d.divisionCode}|${d.year}|${d.kind}`;
        const seq = (sequences.get(key) ?? 0) + 1;
        sequences.set(key, seq);
        d.seq = seq;
        d.number = formatDocumentNumber(
          abbreviation.get(d.divisionCode)!,
          DEFAULT_CASE_DOCUMENTS.kindWords[d.kind as TCaseDocumentKind],
          d.year,
          seq,
        );
        if (d.kind === 'filing') caseById.get(d.caseId)!.caseNo = d.number;
      }

      await insertRecordset(
        db,
        caseRows,
        (
          json,
        ) => sql`INSERT INTO cases (id, division_code, case_no, procedure, stage, enterprise_id, person_name, person_id_number, person_position, party_name, source_kind, source_ref,
          summary, violation_codes, occurred_on, discovered_on, harms_life_or_health, filed_on, decision_due_on, findings, complex, major_public_interest, evidence_count,
          legal_review_passed_at, legal_reviewer_id, legal_review_opinion, deliberated_at, deliberation_conclusion, notified_on, notice_fine_fen, rights_waived, statement,
          hearing_requested_on, hearing_on, hearing_chair_id, hearing_place, hearing_held_on, decision_outcome, decided_on, fine_decided_fen, fine_paid_fen, surcharge_paid_fen,
          served_on, service_method, paid_off_on, closed_on, withdrawn_reason, other_penalties, version, created_by, created_at, updated_at,
          order_no, ordered_on, order_deadline, rechecked_on, recheck_unmet, recheck_note, accident_grade)
        SELECT v.id, v."divisionCode", v."caseNo", v.procedure, v.stage, v."enterpriseId", v."personName", v."personIdNumber", v."personPosition", v."partyName", v."sourceKind", v."sourceRef",
          v.summary, ARRAY(SELECT json_array_elements_text(v."violationCodes")), v."occurredOn", v."discoveredOn", v."harmsLifeOrHealth", v."filedOn", v."decisionDueOn", v.findings,
          coalesce(v.complex, false), coalesce(v."majorPublicInterest", false), v."evidenceCount",
          v."legalReviewPassedAt", v."legalReviewerId", v."legalReviewOpinion", v."deliberatedAt", v."deliberationConclusion", v."notifiedOn", v."noticeFineFen", coalesce(v."rightsWaived", false), v.statement,
          v."hearingRequestedOn", v."hearingOn", v."hearingChairId", v."hearingPlace", v."hearingHeldOn", v."decisionOutcome", v."decidedOn", v."fineDecidedFen", v."finePaidFen", v."surchargePaidFen",
          v."servedOn", v."serviceMethod", v."paidOffOn", v."closedOn", v."withdrawnReason", ARRAY(SELECT json_array_elements_text(coalesce(v."otherPenalties", '[]'::json))), v.version, v."createdBy", v."createdAt", v."updatedAt",
          v."orderNo", v."orderedOn", v."orderDeadline", v."recheckedOn", v."recheckUnmet", v."recheckNote", v."accidentGrade"
        FROM json_to_recordset(${json}::json) AS v(id int, "divisionCode" text, "caseNo" text, procedure text, stage text, "enterpriseId" int, "personName" text, "personIdNumber" text, "personPosition" text,
          "partyName" text, "sourceKind" text, "sourceRef" int, summary text, "violationCodes" json, "occurredOn" date, "discoveredOn" date, "harmsLifeOrHealth" bool, "filedOn" date, "decisionDueOn" date,
          findings text, complex bool, "majorPublicInterest" bool, "evidenceCount" int, "legalReviewPassedAt" timestamptz, "legalReviewerId" int, "legalReviewOpinion" text, "deliberatedAt" timestamptz,
          "deliberationConclusion" text, "notifiedOn" date, "noticeFineFen" bigint, "rightsWaived" bool, statement text, "hearingRequestedOn" date, "hearingOn" date, "hearingChairId" int, "hearingPlace" text,
          "hearingHeldOn" date, "decisionOutcome" text, "decidedOn" date, "fineDecidedFen" bigint, "finePaidFen" bigint, "surchargePaidFen" bigint, "servedOn" date, "serviceMethod" text, "paidOffOn" date,
          "closedOn" date, "withdrawnReason" text, "otherPenalties" json, version int, "createdBy" int, "createdAt" timestamptz, "updatedAt" timestamptz,
          "orderNo" text, "orderedOn" date, "orderDeadline" date, "recheckedOn" date, "recheckUnmet" bool, "recheckNote" text, "accidentGrade" text)`,
      );
      await insertRecordset(
        db,
        officerRows,
        (json) => sql`INSERT INTO case_officers (case_id, user_id, certificate_no)
        SELECT v."caseId", v."userId", v."certificateNo" FROM json_to_recordset(${json}::json) AS v("caseId" int, "userId" int, "certificateNo" text)`,
      );
      await insertRecordset(
        db,
        penaltyRows,
        (
          json,
        ) => sql`INSERT INTO case_penalties (case_id, code, target, circumstance, proposed_fine_fen, decided_fine_fen, band_min_fen, band_max_fen, tier, statutory_min_fen, statutory_max_fen)
        SELECT v."caseId", v.code, v.target, v.circumstance, v."proposedFineFen", v."decidedFineFen", v."bandMinFen", v."bandMaxFen", v.tier, v."statutoryMinFen", v."statutoryMaxFen"
        FROM json_to_recordset(${json}::json) AS v("caseId" int, code text, target text, circumstance text, "proposedFineFen" bigint, "decidedFineFen" bigint, "bandMinFen" bigint, "bandMaxFen" bigint,
          tier smallint, "statutoryMinFen" bigint, "statutoryMaxFen" bigint)`,
      );
      await insertRecordset(
        db,
        attachmentRows,
        (json) => sql`INSERT INTO attachments (sha256, mime, size, file_name, created_by, created_at)
        SELECT v.sha256, v.mime, v.size, v."fileName", v."createdBy", v."createdAt" FROM json_to_recordset(${json}::json) AS v(sha256 text, mime text, size int, "fileName" text, "createdBy" int, "createdAt" timestamptz)
        ON CONFLICT DO NOTHING`,
      );
      await insertRecordset(
        db,
        evidenceRows,
        (json) => sql`INSERT INTO case_evidence (case_id, kind, title, sha256, collected_on, created_by, created_at)
        SELECT v."caseId", v.kind, v.title, v.sha256, v."collectedOn", v."createdBy", v."createdAt"
        FROM json_to_recordset(${json}::json) AS v("caseId" int, kind text, title text, sha256 text, "collectedOn" date, "createdBy" int, "createdAt" timestamptz)`,
      );
      // Who may read the evidence (attachment.service.ts): the case's readers, and the officer who uploaded it.
      await insertRecordset(
        db,
        evidenceRows,
        (json) => sql`WITH v AS (SELECT * FROM json_to_recordset(${json}::json) AS v("caseId" int, sha256 text, "createdBy" int))
        INSERT INTO attachment_refs (sha256, owner, owner_id)
        SELECT sha256, 'case', "caseId" FROM v UNION SELECT sha256, 'upload', "createdBy" FROM v WHERE "createdBy" IS NOT NULL
        ON CONFLICT DO NOTHING`,
      );
      await insertRecordset(
        db,
        eventRows,
        (json) => sql`INSERT INTO case_events (case_id, action, from_stage, to_stage, note, payload, actor_id, actor_name, at)
        SELECT v."caseId", v.action, v."fromStage", v."toStage", v.note, v.payload, v."actorId", v."actorName", v.at
        FROM json_to_recordset(${json}::json) AS v("caseId" int, action text, "fromStage" text, "toStage" text, note text, payload jsonb, "actorId" int, "actorName" text, at timestamptz)`,
      );
      await insertRecordset(
        db,
        docRows,
        (
          json,
        ) => sql`INSERT INTO case_documents (case_id, kind, division_code, year, seq, number, issued_on, content, created_by, created_at)
        SELECT v."caseId", v.kind, v."divisionCode", v.year, v.seq, v.number, v."issuedOn", v.content, v."createdBy", v."createdAt"
        FROM json_to_recordset(${json}::json) AS v("caseId" int, kind text, "divisionCode" text, year int, seq int, number text, "issuedOn" date, content jsonb, "createdBy" int, "createdAt" timestamptz)`,
      );
      await insertRecordset(
        db,
        paymentRows,
        (json) => sql`INSERT INTO case_payments (case_id, paid_on, principal_fen, surcharge_fen, receipt_no, created_by, created_at)
        SELECT v."caseId", v."paidOn", v."principalFen", v."surchargeFen", v."receiptNo", v."createdBy", v."createdAt"
        FROM json_to_recordset(${json}::json) AS v("caseId" int, "paidOn" date, "principalFen" bigint, "surchargeFen" bigint, "receiptNo" text, "createdBy" int, "createdAt" timestamptz)`,
      );
      await insertRecordset(
        db,
        extensionRows,
        (json) => sql`INSERT INTO case_extensions (case_id, days, reason, approved_by, approved_at)
        SELECT v."caseId", v.days, v.reason, v."approvedBy", v."approvedAt" FROM json_to_recordset(${json}::json) AS v("caseId" int, days int, reason text, "approvedBy" int, "approvedAt" timestamptz)`,
      );
      totals.cases! += caseRows.length;
      totals.case_officers! += officerRows.length;
      totals.case_penalties! += penaltyRows.length;
      totals.case_evidence! += evidenceRows.length;
      totals.case_events! += eventRows.length;
      totals.case_documents! += docRows.length;
      totals.case_payments! += paymentRows.length;
      totals.case_extensions! += extensionRows.length;
    }
    const sequenceRows = [...sequences].map(([key, lastSeq]) => {
      const [divisionCode, year, kind] = key.split('|');
      return { divisionCode, year: Number(year), kind, lastSeq };
    });
    await insertRecordset(
      db,
      sequenceRows,
      (json) => sql`INSERT INTO case_document_sequences (division_code, year, kind, last_seq)
      SELECT v."divisionCode", v.year, v.kind, v."lastSeq" FROM json_to_recordset(${json}::json) AS v("divisionCode" text, year int, kind text, "lastSeq" int)`,
    );
    totals.case_document_sequences = sequenceRows.length;
    await db.execute(sql`SELECT setval(pg_get_serial_sequence('cases', 'id'), greatest(${nextCase}, 1))`);
    for (const table of ['cases', 'case_officers', 'case_events', 'case_documents', 'case_payments'])
      await db.execute(sql.raw(`ANALYZE ${table}`));
    if (abbreviationClashes > 0)
      console.log(
        `[bench] case: ${abbreviationClashes} towns share their name with another town; their 文号 abbreviation starts with their district's or city's name`,
      );
    return totals;
  },
};

const STAGE_NAMES: Record<string, string> = {
  pending_filing: '待立案审批',
  filed: '已立案',
  investigating: '调查取证',
  proposed: '拟处罚',
  legal_review: '法制审核',
  deliberation: '集体讨论',
  notified: '已告知',
  hearing: '听证',
  decided: '已决定',
  served: '已送达',
  executing: '执行中',
  paid: '已缴清',
};

/** What `npm run demo` prints about cases: the open cases the demo officers handle, and who takes the other steps. */
export async function caseDemoLines(db: TGenerateContext['db']): Promise<string[]> {
  const rows = await queryRows<{ username: string; stage: string; n: number }>(
    db,
    sql`SELECT u.username, c.stage, count(*)::int AS n FROM cases c JOIN case_officers o ON o.case_id = c.id JOIN users u ON u.id = o.user_id
        WHERE u.username IN (${CASE_DEMO_OFFICERS.bureau}, ${CASE_DEMO_OFFICERS.town}) AND c.stage NOT IN ('closed', 'withdrawn') GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const open = (username: string, who: string) => {
    const mine = rows.filter((r) => r.username === username);
    const total = mine.reduce((a, r) => a + Number(r.n), 0);
    return `[demo]   ${username}  ${who}：未结案件 ${total} 件${total ? `（${mine.map((r) => `${STAGE_NAMES[r.stage] ?? r.stage} ${r.n}`).join('，')}）` : ''}，可继续调查取证、提出处罚意见、告知、送达、登记缴款`;
  };
  return [
    '[demo] 执法案件（行政处罚，浏览器中可继续办理）：',
    open(CASE_DEMO_OFFICERS.bureau, '市局承办人'),
    open(CASE_DEMO_OFFICERS.town, '石岐街道承办人'),
    '[demo]   b4420-03  局领导：批准立案、集体讨论、作出决定、延长期限、结案',
    '[demo]   b4420-08  法制审核人员：法制审核、主持听证',
  ];
}
