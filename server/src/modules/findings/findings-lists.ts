/**
 * The three lists of a round as the bureau files them (三张清单): 问题清单 (each finding as fed back), 任务清单 (each
 * measure with its deadline and state), 责任清单 (who answers for each: lead leader, department, person).
 */
import { MEASURE_STATE_LABELS, MEASURE_TERM_LABELS, type TMeasure } from '@yingji/domain';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TRequestContext } from '../../shared/context';
import type { TFindingsService } from './findings.service';

const DUE_LABELS: Record<TMeasure['due'], string> = {
  done: '已销号',
  overdue: '已超期',
  due_soon: '临期',
  on_time: '正常',
  long_term: '长期坚持',
};

export async function findingsListsFile(service: TFindingsService, ctx: TRequestContext, roundId: number, now: Date) {
  const { round, findings, measures } = await service.listRows(ctx, roundId);
  const noOf = new Map(findings.map((f) => [f.id, f.itemNo]));
  const problems = ledgerSheet(
    '问题清单',
    [
      { header: '序号', width: 6, value: (f: (typeof findings)[number]) => f.itemNo },
      { header: '所属部分', width: 28, value: (f) => f.section },
      { header: '存在问题', width: 50, value: (f) => f.title },
      { header: '反馈原文', width: 60, value: (f) => f.quote },
      { header: '整改措施（项）', width: 12, value: (f) => measures.filter((m) => m.findingId === f.id).length },
      {
        header: '已销号（项）',
        width: 12,
        value: (f) => measures.filter((m) => m.findingId === f.id && m.state === 'signed_off').length,
      },
    ],
    findings,
  );
  const tasks = ledgerSheet(
    '任务清单',
    [
      { header: '问题序号', width: 8, value: (m: TMeasure) => noOf.get(m.findingId) },
      { header: '存在问题', width: 40, value: (m) => m.findingTitle },
      { header: '整改措施', width: 60, value: (m) => m.content },
      { header: '整改类型', width: 10, value: (m) => MEASURE_TERM_LABELS[m.term] },
      { header: '整改时限', width: 12, value: (m) => m.deadline },
      { header: '整改状态', width: 10, value: (m) => MEASURE_STATE_LABELS[m.state] },
      { header: '时限情况', width: 10, value: (m) => DUE_LABELS[m.due] },
    ],
    measures,
  );
  const duties = ledgerSheet(
    '责任清单',
    [
      { header: '问题序号', width: 8, value: (m: TMeasure) => noOf.get(m.findingId) },
      { header: '整改措施', width: 60, value: (m) => m.content },
      { header: '牵头领导', width: 12, value: (m) => m.leadLeader },
      { header: '责任部门', width: 20, value: (m) => m.department },
      { header: '责任人', width: 12, value: (m) => m.ownerName },
      { header: '整改时限', width: 12, value: (m) => m.deadline },
    ],
    measures,
  );
  return { body: await ledgerBuffer([problems, tasks, duties]), fileName: ledgerFileName(`${round.title}-三张清单`, now) };
}
