/**
 * The demo of the seed's own round (issue 21 §6): 市委第三巡察组's inspection of the bureau's party committee
 * (2024-09-23 to 2024-12-20, feedback 2025-01-13), its findings grouped as the feedback groups them, each measure with
 * a lead leader, department, owner and deadline, its progress as the seed reports it, most signed off, some awaiting
 * sign-off, three long-term; and the progress report approved and published on 2025-09-12 with the seed's window and
 * contacts, so the generated report can be read beside the seed.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../server/src/db/client';
import {
  findingItems,
  findingMeasures,
  findingProgress,
  findingReportFeedback,
  findingReports,
  findingRounds,
} from '../../server/src/db/schema';
import { reportContent } from '../../server/src/modules/findings/progress-report.service';
import { SEED_ROUND, type TSeedMeasure } from './findings-seed.data';
import type { TGenerateContext, TModuleGenerator } from './generate';

export const SEED_ROUND_TITLE = '市委第三巡察组巡察反馈问题整改';
const ISSUER = '中共中山市应急管理局委员会';

/** The department that carries a measure, by what it is about (the seed names 组织人事科 as the coordinator). */
const DEPARTMENTS: [RegExp, string][] = [
  [/执法|处罚|案卷/, '政策法规科'],
  [/森林|林火|林区/, '森林防火科'],
  [/物资|三防|内涝|避难/, '应急救援科'],
  [/危险化学品|工贸|隐患|企业/, '安全生产基础科'],
  [/信息化|指挥|事故信息|报送/, '应急指挥中心'],
  [/演练|预案/, '应急救援科'],
  [/意识形态|网络|保密|三审三校/, '办公室'],
  [/采购|资产|资金|经费|食堂/, '规划财务科'],
];
const departmentOf = (text: string) => DEPARTMENTS.find(([re]) => re.test(text))?.[1] ?? '组织人事科';
const PARTY = /党|干部|意识形态|保密|作风|廉洁/;

/** Where each long-term item (seed §三) belongs: section index, item number. */
const LONG_TERM_HOME: [number, number][] = [
  [1, 4],
  [2, 2],
  [2, 1],
];

const at = (date: string, hour = 10) => `${date}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;

export async function seedRound(db: Db): Promise<Record<string, number>> {
  const [leader] = await queryRows<{ id: number }>(
    db,
    sql`SELECT id FROM users WHERE role = 'bureau_leader' AND division_code = '4420' AND NOT disabled ORDER BY id LIMIT 1`,
  );
  const officers = await queryRows<{ id: number }>(
    db,
    sql`SELECT id FROM users WHERE role = 'bureau_officer' AND division_code = '4420' AND NOT disabled ORDER BY id LIMIT 6`,
  );
  if (!leader || officers.length === 0) return {};
  const office = officers[0]!.id;
  const [round] = await db
    .insert(findingRounds)
    .values({
      divisionCode: '4420',
      title: SEED_ROUND_TITLE,
      source: 'party_inspection',
      inspector: '市委第三巡察组',
      inspectedFrom: '2024-09-23',
      inspectedTo: '2024-12-20',
      feedbackOn: '2025-01-13',
      feedbackDocument: '市委第三巡察组关于巡察中山市应急管理局党委的反馈意见',
      createdBy: office,
      createdAt: at('2025-01-20'),
    })
    .returning();
  const counts = { finding_rounds: 1, finding_items: 0, finding_measures: 0, finding_progress: 0, finding_reports: 1 };
  let k = 0;
  async function addMeasure(findingId: number, m: TSeedMeasure, longTerm: boolean) {
    const dept = departmentOf(m.content + m.done.join(''));
    const owner = officers[k % officers.length]!.id;
    // most immediate measures signed off by 2025-09-12; every sixth still awaits sign-off; long-term ones go on
    const state = longTerm ? 'in_progress' : k % 6 === 5 ? 'submitted' : 'signed_off';
    k++;
    const [saved] = await db
      .insert(findingMeasures)
      .values({
        findingId,
        roundId: round!.id,
        divisionCode: '4420',
        content: m.content,
        leadLeader: PARTY.test(m.content) ? '局党委书记' : '分管副局长',
        department: dept,
        ownerId: owner,
        deadline: longTerm ? '2025-12-31' : '2025-06-30',
        term: longTerm ? 'long_term' : 'immediate',
        state,
        reviewerId: state === 'in_progress' ? null : leader!.id,
        signedOffBy: state === 'signed_off' ? leader!.id : null,
        signedOffAt: state === 'signed_off' ? at('2025-07-10') : null,
        progressCount: m.done.length,
        lastProgressAt: m.done.length > 0 ? at('2025-06-20') : null,
        createdAt: at('2025-01-20'),
        updatedAt: at(state === 'signed_off' ? '2025-07-10' : '2025-06-28'),
      })
      .returning();
    const steps: { kind: 'progress' | 'submit' | 'sign_off'; note: string; authorId: number; at: string }[] = m.done.map((note, i) => ({
      kind: 'progress',
      note,
      authorId: owner,
      at: at(`2025-0${3 + Math.min(i, 3)}-${String(10 + i).padStart(2, '0')}`),
    }));
    if (state !== 'in_progress') steps.push({ kind: 'submit', note: '整改措施已落实，提请销号', authorId: owner, at: at('2025-06-28') });
    if (state === 'signed_off')
      steps.push({ kind: 'sign_off', note: '佐证材料齐全，同意销号', authorId: leader!.id, at: at('2025-07-10') });
    if (steps.length > 0) await db.insert(findingProgress).values(steps.map((s) => ({ ...s, measureId: saved!.id, divisionCode: '4420' })));
    counts.finding_measures++;
    counts.finding_progress += steps.length;
  }
  const homes = new Map<string, number>();
  for (const [si, s] of SEED_ROUND.sections.entries()) {
    for (const f of s.findings) {
      const [item] = await db
        .insert(findingItems)
        .values({ roundId: round!.id, divisionCode: '4420', section: s.section, itemNo: f.itemNo, title: f.title, quote: '' })
        .returning();
      homes.set(`${si}:${f.itemNo}`, item!.id);
      counts.finding_items++;
      for (const m of f.measures) await addMeasure(item!.id, m, false);
    }
  }
  for (const [i, m] of SEED_ROUND.longTerm.entries()) {
    const [si, no] = LONG_TERM_HOME[i]!;
    await addMeasure(homes.get(`${si}:${no}`)!, m, true);
  }
  const [report] = await db
    .insert(findingReports)
    .values({
      roundId: round!.id,
      divisionCode: '4420',
      title: `${ISSUER}关于巡察整改进展情况的通报`,
      leadership: SEED_ROUND.leadership,
      nextSteps: SEED_ROUND.nextSteps,
      contacts:
        '联系电话：0760-89892230\n邮政信箱：中山市石岐街道民生路38号中山市应急管理局208室（信封上注明“对中共中山市应急管理局党委关于巡察整改落实情况的意见建议”）\n邮政编码：528400\n电子邮箱：zsyjrsk@163.com',
      issuer: ISSUER,
      feedbackDays: 14,
      state: 'published',
      content: await reportContent(db, round!.id),
      feedbackFrom: '2025-09-12',
      feedbackTo: '2025-09-26',
      createdBy: office,
      approvedBy: leader.id,
      approvedAt: at('2025-09-10', 16),
      publishedAt: at('2025-09-12', 9),
      createdAt: at('2025-09-05'),
      updatedAt: at('2025-09-12', 9),
    })
    .returning();
  await db.insert(findingReportFeedback).values({
    reportId: report!.id,
    name: '',
    contact: '0760-8888xxxx',
    text: '建议在整改进展中公布重大事故隐患排查整治的具体数字，便于群众监督。',
    receivedAt: at('2025-09-15', 15),
  });
  return counts;
}

export const findingsGenerator: TModuleGenerator = {
  module: 'findings',
  generate: (ctx: TGenerateContext) => seedRound(ctx.db),
};

/** The demo's lines: where the seed's round and its published report are. */
export async function findingsDemoLines(db: Db): Promise<string[]> {
  const rows = await queryRows<{ round: number; report: number | null }>(
    db,
    sql`SELECT r.id AS round, (SELECT id FROM finding_reports WHERE round_id = r.id ORDER BY id LIMIT 1) AS report
        FROM finding_rounds r WHERE r.title = ${SEED_ROUND_TITLE} ORDER BY r.id LIMIT 1`,
  );
  const row = rows[0];
  if (!row) return [];
  return [
    `[demo] 巡察整改（seed 本轮）：/rectification/rounds/${row.round}；进展情况报告 /rectification/reports/${row.report}；公开页面（无需登录）/public/progress-reports/${row.report}`,
  ];
}
