/**
 * The drill review report (复盘报告) as a Word document, read back from the .docx: the drill, phases planned against
 * actual, findings by phase, tasks with owner, deadline, state and sign-off; on a real database.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { drillPhases } from './drill.fixture';

let h: THarness;
let bureau: { user: { id: number }; cookie: string };
let leader: { user: { id: number }; cookie: string };
let town: { user: { id: number }; cookie: string };
let xiaolan: { user: { id: number }; cookie: string };
beforeAll(async () => {
  h = await createHarness();
  // 09:00 in Zhongshan on 2 March 2026
  h.clock.set('2026-03-02T01:00:00.000Z');
  bureau = await h.userWithSession({ role: 'bureau_officer' });
  leader = await h.userWithSession({ role: 'bureau_leader' });
  town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
  xiaolan = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan });
});
afterAll(() => h.close());

/** The document's paragraphs (table cells included), one a line. */
async function docxLines(buffer: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) => p.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'))
    .filter((l) => l.trim() !== '');
}
const auditCount = () => h.count('audit_log', `entity = 'drill' AND action = 'export'`);

const phases = drillPhases([
  ['火情上报', '09:00', '09:08', '09:00', '09:12'],
  ['交通管制', '09:08', '09:30', '09:12', '09:40'],
  ['人员疏散', '09:30', '10:00', '09:40', '10:05'],
  ['火场指挥调度', '09:10', '11:00', '09:15', '11:10'],
  ['明火处置', '10:00', '11:00', '10:05', '10:55'],
  ['火场清理', '11:00', '12:00', '11:05', '12:05'],
]);

describe('the drill review report', () => {
  let drillId: number;

  it('holds the drill, its phases planned against actual, findings by phase and tasks to sign-off', async () => {
    const plan = await h.call('POST', '/api/drill/plans', {
      cookie: bureau.cookie,
      body: { name: '中山市森林火灾应急预案', level: 'city', kind: 'special', ownerUnit: '中山市应急管理局', issuedOn: '2022-05-01' },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const created = await h.call('POST', '/api/drill/drills', {
      cookie: bureau.cookie,
      body: {
        title: '2026年森林火灾应急综合演练',
        planId: plan.json().id,
        plannedOn: '2026-02-20',
        form: 'combined',
        notice: 'double_blind',
        organiser: '中山市森林防灭火指挥部办公室',
        participants: ['中山军分区', '五桂山街道办事处'],
        observers: ['烟花爆竹零售经营单位'],
        observerCount: 14,
        participantCount: 320,
        jointMilitary: true,
        costFen: 1_250_000,
        phases,
        summary: '演练检验了军地协同扑救山火的指挥链路。',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    drillId = created.json().id;
    const finding = async (phase: string, text: string, owner: number, deadline: string) => {
      const res = await h.call('POST', `/api/drill/drills/${drillId}/findings`, {
        cookie: bureau.cookie,
        body: { phase, finding: text, unit: phase === '交通管制' ? '市公安局交警支队' : '五桂山街道办事处', ownerId: owner, deadline },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().tasks.at(-1) as { id: number; ownerName: string };
    };
    const late = await finding('火情上报', '火情上报时间超出计划 4 分钟', town.user.id, '2026-04-30');
    const traffic = await finding('交通管制', '交通管制点位设置滞后，社会车辆进入警戒区', town.user.id, '2026-02-28');
    const overall = await finding('总体', '军地通信频道未提前统一', bureau.user.id, '2026-05-31');
    // the first is done and signed off by the leader, the third done and awaiting sign-off, the second left open
    const complete = (id: number, cookie: string, evidence: string) =>
      h.call('POST', `/api/drill/tasks/${id}/complete`, { cookie, body: { evidence } });
    expect((await complete(late.id, town.cookie, '已建立火情 3 分钟直报机制')).statusCode).toBe(200);
    const signed = await h.call('POST', `/api/drill/tasks/${late.id}/sign-off`, { cookie: leader.cookie, body: { note: '验收合格' } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect((await complete(overall.id, bureau.cookie, '已印发军地联合通信保障方案')).statusCode).toBe(200);

    const before = await auditCount();
    const res = await h.call('GET', `/api/drill/drills/${drillId}/review.docx`, { cookie: bureau.cookie });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('2026年森林火灾应急综合演练复盘报告.docx');
    expect(await auditCount()).toBe(before + 1);
    const lines = await docxLines(res.rawPayload);
    const text = lines.join('\n');
    const after = (label: string) => lines[lines.indexOf(label) + 1];

    expect(lines[0]).toBe('2026年森林火灾应急综合演练复盘报告');
    expect(after('依据预案')).toBe('中山市森林火灾应急预案');
    expect(after('实施日期')).toBe('2026年2月20日');
    expect(after('通知方式')).toBe('双盲');
    expect(after('军地联演')).toBe('是');
    expect(after('观摩单位')).toBe('烟花爆竹零售经营单位（14 人）');
    expect(after('演练费用')).toBe('1.25 万元');
    expect(text).toContain('演练检验了军地协同扑救山火的指挥链路。');

    // phases: the row of 交通管制 planned 22 minutes, took 28; 明火处置 finished early
    const row = (name: string) => lines.slice(lines.indexOf(name) - 1, lines.indexOf(name) + 6);
    expect(row('交通管制')).toEqual(['2', '交通管制', '09:08–09:30', '09:12–09:40', '22 分钟', '28 分钟', '超时 6 分钟']);
    expect(row('明火处置').at(-1)).toBe('提前 10 分钟');
    expect(row('火场清理').at(-1)).toBe('按时');

    // findings under their phase, a phase without one says so, 总体 comes after the six
    const findings = lines.slice(lines.indexOf('三、复盘发现的问题'), lines.indexOf('四、整改任务及验收情况'));
    expect(findings).toEqual([
      '三、复盘发现的问题',
      '（一）火情上报',
      '1. 火情上报时间超出计划 4 分钟（责任单位：五桂山街道办事处）',
      '（二）交通管制',
      '1. 交通管制点位设置滞后，社会车辆进入警戒区（责任单位：市公安局交警支队）',
      '（三）人员疏散',
      '未发现问题。',
      '（四）火场指挥调度',
      '未发现问题。',
      '（五）明火处置',
      '未发现问题。',
      '（六）火场清理',
      '未发现问题。',
      '（七）总体',
      '1. 军地通信频道未提前统一（责任单位：五桂山街道办事处）',
    ]);

    // tasks: owner, deadline, state with sign-off, evidence; the counts add up
    expect(text).toContain('复盘问题共转为整改任务 3 项：已验收销号 1 项，待验收 1 项，整改中 1 项（其中逾期 1 项）');
    const task = (finding: string) => lines.slice(lines.lastIndexOf(finding) - 2, lines.lastIndexOf(finding) + 6);
    const leaderName = signed.json().signedOffBy as string;
    expect(task('火情上报时间超出计划 4 分钟')).toEqual([
      '1',
      '火情上报',
      '火情上报时间超出计划 4 分钟',
      '五桂山街道办事处',
      late.ownerName,
      '2026-04-30',
      `已销号（${leaderName}，2026-03-02）`,
      '已建立火情 3 分钟直报机制',
    ]);
    expect(task('交通管制点位设置滞后，社会车辆进入警戒区').slice(4)).toEqual([traffic.ownerName, '2026-02-28', '整改中（已逾期）', '—']);
    expect(task('军地通信频道未提前统一').slice(4)).toEqual([overall.ownerName, '2026-05-31', '待验收', '已印发军地联合通信保障方案']);
    expect(lines.at(-2)).toBe('中山市森林防灭火指挥部办公室');
    expect(lines.at(-1)).toBe('2026年3月2日');
  });

  it('exports the review tasks the list’s filter finds, with owner, deadline, state and sign-off', async () => {
    const sheet = async (query: string) => {
      const res = await h.call('GET', `/api/drill/tasks/export${query}`, { cookie: bureau.cookie });
      expect(res.statusCode, res.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: string[][] = [];
      book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
      return rows;
    };
    const all = await sheet('');
    expect(all[0]).toEqual([
      '演练',
      '环节',
      '问题',
      '责任单位',
      '责任人',
      '整改期限',
      '状态',
      '逾期',
      '完成情况',
      '完成日期',
      '验收人',
      '验收日期',
    ]);
    // by deadline: the overdue traffic task, the signed-off report task, the one awaiting sign-off
    expect(all.slice(1).map((r) => [r[1], r[5], r[6], r[7]])).toEqual([
      ['交通管制', '2026-02-28', '整改中', '是'],
      ['火情上报', '2026-04-30', '已销号', ''],
      ['总体', '2026-05-31', '待验收', ''],
    ]);
    expect(all[2]!.slice(8)).toEqual(['已建立火情 3 分钟直报机制', '2026-03-02', expect.any(String), '2026-03-02']);
    const open = await sheet('?state=open');
    expect(open.slice(1).map((r) => r[2])).toEqual(['交通管制点位设置滞后，社会车辆进入警戒区']);
    expect((await h.call('GET', '/api/drill/tasks/export?state=closed', { cookie: bureau.cookie })).statusCode).toBe(400);
  });

  it('refuses a drill not yet held, and one outside the viewer’s scope, recording nothing', async () => {
    const plan = (await h.call('GET', '/api/drill/plans?keyword=森林火灾', { cookie: bureau.cookie })).json().items[0];
    const planned = await h.call('POST', '/api/drill/drills', {
      cookie: bureau.cookie,
      body: {
        title: '2026年森林火灾桌面推演',
        planId: plan.id,
        status: 'planned',
        plannedOn: '2026-10-15',
        form: 'tabletop',
        organiser: '中山市应急管理局',
      },
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const before = await auditCount();
    const notHeld = await h.call('GET', `/api/drill/drills/${planned.json().id}/review.docx`, { cookie: bureau.cookie });
    expect(notHeld.statusCode).toBe(422);
    expect(notHeld.json().message).toBe('演练"2026年森林火灾桌面推演"尚未实施，没有复盘报告');
    // another town's officer does not see Tanzhou's drill
    const townPlan = await h.call('POST', '/api/drill/plans', {
      cookie: town.cookie,
      body: { name: '坦洲镇森林火灾应急预案', level: 'town', kind: 'special', ownerUnit: '坦洲镇人民政府', issuedOn: '2023-01-01' },
    });
    expect(townPlan.statusCode, townPlan.body).toBe(201);
    const townDrill = await h.call('POST', '/api/drill/drills', {
      cookie: town.cookie,
      body: {
        title: '坦洲镇森林火灾疏散演练',
        planId: townPlan.json().id,
        plannedOn: '2026-02-25',
        form: 'live',
        organiser: '坦洲镇人民政府',
      },
    });
    expect(townDrill.statusCode, townDrill.body).toBe(201);
    const foreign = await h.call('GET', `/api/drill/drills/${townDrill.json().id}/review.docx`, { cookie: xiaolan.cookie });
    expect(foreign.statusCode).toBe(404);
    const missing = await h.call('GET', '/api/drill/drills/999999/review.docx', { cookie: bureau.cookie });
    expect(missing.statusCode).toBe(404);
    expect(await auditCount()).toBe(before);
    // the town's own drill, without findings, still makes a report that says so
    const own = await h.call('GET', `/api/drill/drills/${townDrill.json().id}/review.docx`, { cookie: town.cookie });
    expect(own.statusCode, own.body).toBe(200);
    const lines = await docxLines(own.rawPayload);
    expect(lines).toContain('本次演练未登记环节。');
    expect(lines).toContain('本次复盘未登记问题。');
    expect(lines).toContain('无整改任务。');
  });
});
