import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/db/client';
import { addDaysToDate, daysBetween, hearingEligible, penaltyFacts, type TCaseSourceKind } from '@yingji/domain';
import type { TGenerateContext, TModuleGenerator } from './generate';
import { insertRecordset } from './recordset';
import { writeEvidenceFiles } from './case-evidence-files';
import { CASE_ACCIDENT_GRADE } from './case-tiers';
import {
  BUREAU_CASES_PER_YEAR,
  CASE_DEMO_OFFICERS,
  CASES_PER_YEAR,
  cnDate,
  idNumber,
  S,
  SHORT,
  weighted,
  YEARS,
  type TPlannedCase,
  type TStep,
} from './case-data';
import { loadCaseWorld, takeAccident } from './case-world';
import { planPenalties } from './case-violations';
import { generalSteps, simpleSteps, type TCaseKit } from './case-steps';
import { caseRowsOf } from './case-rows';
import { insertCaseCity } from './case-insert';

export { BUREAU_CASES_PER_YEAR, CASE_DEMO_OFFICERS, CASES_PER_YEAR } from './case-data';
export { caseDemoLines } from './case-demo';

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
export const caseGenerator: TModuleGenerator = {
  module: 'case',
  async generate(ctx: TGenerateContext) {
    const random = ctx.random.fork('case');
    // A stream of its own, so the tier-2 and accident-grade choices leave every other generated row as it was.
    const tierRandom = ctx.random.fork('case-tiers');
    const { db } = ctx;
    const world = await loadCaseWorld(ctx);
    const { today, catalogue, users, byId, byName, certs, certified, officersOf, divisionName, sources, cities, scale, abbreviation } =
      world;

    // issue 14 item 10: the evidence rows point at real files
    writeEvidenceFiles();
    const ids = { case: Number((await queryRows<{ n: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS n FROM cases`))[0]?.n ?? 0) };
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
    const takenAccidents = new Set<number>();

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

      const planned: TPlannedCase[] = [];
      for (let n = 0; n < total; n++) {
        // exactly 53 in 250 are the bureau's, spread evenly over the sequence
        const bureau =
          Math.floor(((n + 1) * BUREAU_CASES_PER_YEAR) / CASES_PER_YEAR) > Math.floor((n * BUREAU_CASES_PER_YEAR) / CASES_PER_YEAR);
        // A few more recent cases in the demo officer's town (石岐), so the demo has open cases there to carry on.
        const drawn = random.pick(bureau ? bureauSources : demoTownRecent.length > 0 && random.chance(0.01) ? demoTownRecent : townSources);
        const body = bureau ? city : drawn.divisionCode;
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
        const drawnOn = sourceKind === 'inspection' ? drawn.on : addDaysToDate(start, random.int(0, 365 * YEARS - 1));
        // art. 114: an accident case comes from a generated accident of its grade (the one replied to nearest the drawn
        // day), at the accident's firm, opened on the reply to the investigation report that found the firm liable.
        const linked = accident ? takeAccident(world.accidents, takenAccidents, city, drawnOn) : null;
        const source = linked?.source ?? drawn;
        const discovered = linked?.repliedOn ?? drawnOn;
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

        const { simple, codes, penalties, order } = planPenalties({
          random,
          tierRandom,
          bureau,
          accident,
          discovered,
          abbreviation: abbreviation.get(body)!,
          catalogue,
        });
        const hasPerson = penalties.some((p) => p.target === 'person');
        const person = hasPerson ? { name: source.principal ?? '（负责人）', idNumber: idNumber(random), position: '主要负责人' } : null;
        const partyName = [source.firmName, person?.name].filter(Boolean).join('、');
        const occurredDrawn = addDaysToDate(discovered, -random.int(0, 60));
        const occurred = linked?.occurredOn ?? occurredDrawn;
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
        const kit: TCaseKit = {
          random,
          today,
          body,
          source,
          officers,
          leaders,
          reviewers,
          divisionName,
          codes,
          penalties,
          facts,
          eligible,
          complex,
          accident,
          findings,
          created0,
          steps,
          step,
          officer,
          leader,
          receipt,
        };
        if (simple) simpleSteps(kit);
        else generalSteps(kit);
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
            sourceRef: sourceKind === 'inspection' ? source.inspectionId : (linked?.accidentId ?? null),
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
            accidentGrade: accident ? (linked?.grade ?? CASE_ACCIDENT_GRADE) : null,
            createdBy: officers[0]!.id,
          },
        });
      }
      planned.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
      const rows = caseRowsOf(ctx, random, planned, certs, ids);
      await insertCaseCity(db, rows, abbreviation, sequences);
      totals.cases! += rows.caseRows.length;
      totals.case_officers! += rows.officerRows.length;
      totals.case_penalties! += rows.penaltyRows.length;
      totals.case_evidence! += rows.evidenceRows.length;
      totals.case_events! += rows.eventRows.length;
      totals.case_documents! += rows.docRows.length;
      totals.case_payments! += rows.paymentRows.length;
      totals.case_extensions! += rows.extensionRows.length;
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
    await db.execute(sql`SELECT setval(pg_get_serial_sequence('cases', 'id'), greatest(${ids.case}, 1))`);
    for (const table of ['cases', 'case_officers', 'case_events', 'case_documents', 'case_payments'])
      await db.execute(sql.raw(`ANALYZE ${table}`));
    if (world.abbreviationClashes > 0)
      console.log(
        `[bench] case: ${world.abbreviationClashes} towns share their name with another town; their 文号 abbreviation starts with their district's or city's name`,
      );
    return totals;
  },
};
