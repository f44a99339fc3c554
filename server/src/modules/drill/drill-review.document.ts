/**
 * The drill review report (演练复盘报告) as a Word document, on the bureau's document generator: the drill, its phases
 * planned against actual, the findings phase by phase, and the follow-up tasks with owner, deadline, state and
 * sign-off; then the plan revisions the review led to.
 */
import {
  BUREAU_TIME_ZONE,
  DRILL_FORM_LABELS,
  DRILL_NOTICE_LABELS,
  TASK_STATE_LABELS,
  bureauDate,
  type TDrillDetail,
  type TTask,
} from '@yingji/domain';
import { buildOfficialDocument, type TDocBlock } from '../../shared/docx';

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: BUREAU_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const minutes = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
const yuan = (fen: number) => (fen >= 1_000_000 ? `${(fen / 1_000_000).toFixed(2)} 万元` : `${(fen / 100).toFixed(2)} 元`);

/** `09:30`, or `11月21日 09:30` when the phase runs on another day than the drill. */
function at(iso: string | null, day: string): string {
  if (!iso) return '—';
  const t = new Date(iso);
  const d = bureauDate(t);
  return `${d === day ? '' : `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 `}${clock.format(t)}`;
}
const span = (from: string | null, to: string | null, day: string) => (from || to ? `${at(from, day)}–${at(to, day)}` : '未记录');
const length = (from: string | null, to: string | null) => (from && to ? `${minutes(from, to)} 分钟` : '—');
const overrun = (m: number | null) => (m === null ? '—' : m > 0 ? `超时 ${m} 分钟` : m < 0 ? `提前 ${-m} 分钟` : '按时');

/** The task's state in words, with its sign-off or, for an open task past its deadline, the delay. */
function stateText(t: TTask): string {
  if (t.state === 'signed_off')
    return `${TASK_STATE_LABELS.signed_off}（${t.signedOffBy ?? '—'}，${t.signedOffAt ? bureauDate(new Date(t.signedOffAt)) : '—'}）`;
  return t.overdue ? `${TASK_STATE_LABELS[t.state]}（已逾期）` : TASK_STATE_LABELS[t.state];
}

/** The phases in the drill's order, then any other a finding names (总体 …), each with its tasks. */
export function findingsByPhase(d: Pick<TDrillDetail, 'phases' | 'tasks'>): { phase: string; tasks: TTask[] }[] {
  const names = [...d.phases.map((p) => p.name), ...d.tasks.map((t) => t.phase)];
  return [...new Set(names)].map((phase) => ({ phase, tasks: d.tasks.filter((t) => t.phase === phase) }));
}

/** The report's blocks: what the download holds, in the order a review meeting reads it. */
export function drillReviewBlocks(d: TDrillDetail): TDocBlock[] {
  const day = d.heldOn ?? d.plannedOn;
  const open = d.tasks.filter((t) => t.state === 'open');
  const count = (s: TTask['state']) => d.tasks.filter((t) => t.state === s).length;
  const blocks: TDocBlock[] = [
    { kind: 'heading', text: '一、演练基本情况' },
    {
      kind: 'fields',
      rows: [
        ['演练名称', d.title],
        ['依据预案', d.planName],
        ['实施日期', cnDate(day)],
        ['演练形式', DRILL_FORM_LABELS[d.form]],
        ['通知方式', DRILL_NOTICE_LABELS[d.notice]],
        ['军地联演', d.jointMilitary ? '是' : '否'],
        ['组织单位', d.organiser],
        ['所属区划', d.townName ?? d.divisionCode],
        ['参演单位', d.participants.join('、') || '—'],
        ['参演人数', `${d.participantCount} 人`],
        ['观摩单位', d.observers.length ? `${d.observers.join('、')}（${d.observerCount} 人）` : '—'],
        ['演练费用', yuan(d.costFen)],
        ['自主组织', d.selfRun ? '是（未委托第三方）' : '否（委托第三方）'],
      ],
    },
  ];
  if (d.summary) blocks.push({ kind: 'paragraph', text: d.summary });
  blocks.push({ kind: 'heading', text: '二、演练环节计划与实际用时' });
  if (d.phases.length === 0) blocks.push({ kind: 'paragraph', text: '本次演练未登记环节。' });
  else
    blocks.push({
      kind: 'table',
      columns: [
        { header: '序号', width: 1 },
        { header: '环节', width: 3 },
        { header: '计划时间', width: 3 },
        { header: '实际时间', width: 3 },
        { header: '计划用时', width: 2 },
        { header: '实际用时', width: 2 },
        { header: '偏差', width: 2 },
      ],
      rows: d.phases.map((p, i) => [
        String(i + 1),
        p.name,
        span(p.plannedStart, p.plannedEnd, day),
        span(p.actualStart, p.actualEnd, day),
        length(p.plannedStart, p.plannedEnd),
        length(p.actualStart, p.actualEnd),
        overrun(p.overrunMinutes),
      ]),
    });
  blocks.push({ kind: 'heading', text: '三、复盘发现的问题' });
  if (d.tasks.length === 0) blocks.push({ kind: 'paragraph', text: '本次复盘未登记问题。' });
  else
    findingsByPhase(d).forEach(({ phase, tasks }, i) => {
      const lines = tasks.map((t, k) => `${k + 1}. ${t.finding}（责任单位：${t.unit}）`);
      blocks.push({
        kind: 'paragraph',
        text: [`（${CN_NUMBERS[i] ?? i + 1}）${phase}`, ...(lines.length ? lines : ['未发现问题。'])].join('\n'),
      });
    });
  blocks.push({ kind: 'heading', text: '四、整改任务及验收情况' });
  if (d.tasks.length === 0) blocks.push({ kind: 'paragraph', text: '无整改任务。' });
  else {
    blocks.push({
      kind: 'paragraph',
      text:
        `复盘问题共转为整改任务 ${d.tasks.length} 项：已验收销号 ${count('signed_off')} 项，待验收 ${count('done')} 项，` +
        `整改中 ${open.length} 项（其中逾期 ${open.filter((t) => t.overdue).length} 项）。整改完成后由责任人以外的人员验收销号。`,
    });
    blocks.push({
      kind: 'table',
      columns: [
        { header: '序号', width: 1 },
        { header: '环节', width: 2 },
        { header: '问题', width: 4 },
        { header: '责任单位', width: 3 },
        { header: '责任人', width: 2 },
        { header: '整改期限', width: 3 },
        { header: '状态及验收', width: 4 },
        { header: '完成情况', width: 4 },
      ],
      rows: d.tasks.map((t, i) => [String(i + 1), t.phase, t.finding, t.unit, t.ownerName, t.deadline, stateText(t), t.evidence ?? '—']),
    });
  }
  if (d.revisions.length > 0) {
    blocks.push({ kind: 'heading', text: '五、据此修订的预案' });
    for (const r of d.revisions)
      blocks.push({ kind: 'paragraph', text: `${r.planName}第 ${r.no} 版（${cnDate(r.revisedOn)}修订）：${r.note}` });
  }
  return blocks;
}

/** The .docx and its file name; `today` dates the report. */
export async function drillReviewDocument(d: TDrillDetail, today: string): Promise<{ body: Buffer; fileName: string }> {
  const title = `${d.title}复盘报告`;
  const body = await buildOfficialDocument({
    title,
    blocks: drillReviewBlocks(d),
    closing: { issuer: d.organiser, date: cnDate(today) },
    footer: title,
  });
  return { body, fileName: `${title}.docx` };
}
