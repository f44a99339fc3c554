import { MEASURE_STATE_LABELS } from '@yingji/domain/findings/findings.rules';
import { MEASURE_TERM_LABELS } from '@yingji/domain/findings/findings.schema';
import type { TReportContent } from '@yingji/domain/findings/progress-report.schema';
import { Typography } from 'antd';

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const P = Typography.Paragraph;
const joinNotes = (notes: string[]) =>
  notes.map((n, i) => (/[。；…]$/.test(n) ? n : `${n}${i === notes.length - 1 ? '。' : '；'}`)).join('');

/** The report's text in the seed's four parts, as the Word document prints it; shown to the office and the public. */
export function ReportBody({ content: c, leadership, nextSteps }: { content: TReportContent; leadership: string; nextSteps: string }) {
  const longTerm = c.sections.flatMap((s) =>
    s.findings.flatMap((f) => f.measures.filter((m) => m.term === 'long_term').map((m) => ({ f, m }))),
  );
  return (
    <div className="report-body">
      <P>
        {cnDate(c.inspectedFrom)}至{cnDate(c.inspectedTo)}，{c.inspector}开展检查，{cnDate(c.feedbackOn)}
        反馈意见。现将整改进展情况予以公布。本轮反馈问题 {c.counts.findings} 个，制定整改措施 {c.counts.measures} 项，已整改销号{' '}
        {c.counts.signedOff} 项，需长期坚持 {c.counts.longTerm} 项。
      </P>
      <Typography.Title level={5}>一、履行整改主体责任情况</Typography.Title>
      {leadership.split('\n').map((t, i) => (
        <P key={i}>{t}</P>
      ))}
      <Typography.Title level={5}>二、反馈问题整改落实情况</Typography.Title>
      {c.sections.map((s, i) => (
        <section key={s.section}>
          <P strong>
            （{CN[i] ?? i + 1}）{s.section}
          </P>
          {s.findings.map((f) => (
            <div key={`${f.itemNo}-${f.title}`} style={{ marginBottom: 12 }}>
              <P strong style={{ marginBottom: 4 }}>
                {f.itemNo}.{f.title}
              </P>
              {f.measures.map((m, k) => (
                <P key={k} style={{ marginBottom: 6 }}>
                  （{k + 1}）{m.content}
                  <Typography.Text type="secondary">
                    （牵头领导：{m.leadLeader}；责任部门：{m.department}；{MEASURE_TERM_LABELS[m.term]}，时限{cnDate(m.deadline)}；
                    {MEASURE_STATE_LABELS[m.state]}）
                  </Typography.Text>
                  整改进展：{m.done.length > 0 ? joinNotes(m.done) : '正在推进。'}
                </P>
              ))}
            </div>
          ))}
        </section>
      ))}
      <Typography.Title level={5}>三、需长期整改事项进展情况</Typography.Title>
      {longTerm.length === 0 ? <P>无需长期整改事项。</P> : null}
      {longTerm.map(({ f, m }, i) => (
        <P key={i}>
          {i + 1}. {f.title}：{m.content}（{m.department}）。进展：{m.done.at(-1) ?? '持续推进中。'}
        </P>
      ))}
      <Typography.Title level={5}>四、下一步工作打算</Typography.Title>
      {nextSteps.split('\n').map((t, i) => (
        <P key={i}>{t}</P>
      ))}
    </div>
  );
}
