/**
 * The progress report as a Word document in the seed's structure (§一 to §四 and the closing notice): the leadership's
 * responsibility, each finding by section with its measures and what was done, the long-term items, next steps,
 * then the publication window and contacts, the issuer and the date.
 */
import { MEASURE_STATE_LABELS, MEASURE_TERM_LABELS, type TProgressReportDetail } from '@yingji/domain';
import { buildOfficialDocument, type TDocBlock } from '../../shared/docx';

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const cnDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

type TMeasure = TProgressReportDetail['content']['sections'][number]['findings'][number]['measures'][number];

/** Notes one after another, each closed by its own 。 or by a ；, the last by a 。. */
export const joinNotes = (notes: string[]) =>
  notes.map((n, i) => (/[。；…]$/.test(n) ? n : `${n}${i === notes.length - 1 ? '。' : '；'}`)).join('');

const measureLine = (m: TMeasure, k: number) => {
  const who = `（牵头领导：${m.leadLeader}；责任部门：${m.department}；${MEASURE_TERM_LABELS[m.term]}，时限${cnDate(m.deadline)}；${MEASURE_STATE_LABELS[m.state]}）`;
  const done = m.done.length > 0 ? `整改进展：${joinNotes(m.done)}` : '整改进展：正在推进。';
  return `（${k + 1}）${m.content}${who}${done}`;
};

/** Builds the paragraphs of the report; the same text the public page shows. */
export function progressReportBlocks(r: TProgressReportDetail): TDocBlock[] {
  const c = r.content;
  const blocks: TDocBlock[] = [
    {
      kind: 'paragraph',
      text:
        `${cnDate(c.inspectedFrom)}至${cnDate(c.inspectedTo)}，${c.inspector}开展检查，${cnDate(c.feedbackOn)}反馈意见。` +
        `按照有关要求，现将整改进展情况予以公布。本轮反馈问题 ${c.counts.findings} 个，制定整改措施 ${c.counts.measures} 项，已整改销号 ${c.counts.signedOff} 项，需长期坚持 ${c.counts.longTerm} 项。`,
    },
    { kind: 'heading', text: '一、履行整改主体责任情况' },
    { kind: 'paragraph', text: r.leadership },
    { kind: 'heading', text: '二、反馈问题整改落实情况' },
  ];
  c.sections.forEach((s, i) => {
    blocks.push({ kind: 'paragraph', text: `（${CN_NUMBERS[i] ?? i + 1}）${s.section}` });
    for (const f of s.findings) {
      blocks.push({ kind: 'paragraph', text: `${f.itemNo}.${f.title}` });
      f.measures.forEach((m, k) => blocks.push({ kind: 'paragraph', text: measureLine(m, k) }));
    }
  });
  blocks.push({ kind: 'heading', text: '三、需长期整改事项进展情况' });
  const longTerm = c.sections.flatMap((s) =>
    s.findings.flatMap((f) => f.measures.filter((m) => m.term === 'long_term').map((m) => ({ f, m }))),
  );
  if (longTerm.length === 0) blocks.push({ kind: 'paragraph', text: '无需长期整改事项。' });
  else
    blocks.push({
      kind: 'table',
      columns: [
        { header: '问题', width: 3 },
        { header: '整改措施', width: 4 },
        { header: '责任部门', width: 2 },
        { header: '进展', width: 4 },
      ],
      rows: longTerm.map(({ f, m }) => [f.title, m.content, m.department, m.done.at(-1) ?? '持续推进中']),
    });
  blocks.push({ kind: 'heading', text: '四、下一步工作打算' }, { kind: 'paragraph', text: r.nextSteps });
  const window =
    r.feedbackFrom && r.feedbackTo
      ? `公开期限：${cnDate(r.feedbackFrom)}至${cnDay(r.feedbackTo)}。`
      : `公开期限：自公布之日起 ${r.feedbackDays} 日。`;
  blocks.push({
    kind: 'paragraph',
    text: `欢迎广大干部群众对整改落实情况进行监督。如有意见建议，请及时向我们反映。${window}\n${r.contacts}`,
  });
  return blocks;
}

export async function progressReportDocument(r: TProgressReportDetail, today: string) {
  const date = r.publishedAt ? r.feedbackFrom! : today;
  const body = await buildOfficialDocument({
    title: r.title,
    blocks: progressReportBlocks(r),
    closing: { issuer: r.issuer, date: cnDate(date) },
    footer: r.state === 'published' ? r.issuer : `${r.issuer}（${r.state === 'draft' ? '草稿' : '已审定，待公开'}）`,
  });
  return { body, fileName: `${r.title}.docx` };
}
