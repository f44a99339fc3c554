import type { TAnswer } from './inspection.schema';

export interface TRuleProblem {
  field: string;
  message: string;
}

/** An officer from the inspector pool (执法检查人员名录), as the rules need them. */
export interface TPoolInspector {
  userId: number;
  displayName: string;
  certificateNo: string;
  certificateExpiresOn: string;
  active: boolean;
}

/** A record is of something that happened: the check cannot be dated after today (bureau calendar). */
export function inspectionDateProblem(inspectedOn: string, today: string): TRuleProblem | null {
  if (inspectedOn > today) return { field: 'inspectedOn', message: `检查日期 ${inspectedOn} 晚于今天（${today}），不能登记未来的检查` };
  return null;
}

/**
 * The officers of one check: at least `minInspectors` (行政处罚法 art. 42: two or more certified officers),
 * each in the pool, active, and holding a certificate still valid on the day of the check (valid through
 * its expiry date).
 */
export function inspectorProblem(options: {
  inspectorIds: number[];
  pool: TPoolInspector[];
  inspectedOn: string;
  minInspectors: number;
}): TRuleProblem | null {
  const { inspectorIds, pool, inspectedOn, minInspectors } = options;
  if (inspectorIds.length < minInspectors) {
    return {
      field: 'inspectorIds',
      message: `监督检查须有至少 ${minInspectors} 名持证执法人员（行政处罚法第四十二条），现有 ${inspectorIds.length} 名`,
    };
  }
  const byId = new Map(pool.map((p) => [p.userId, p]));
  for (const id of inspectorIds) {
    const officer = byId.get(id);
    if (!officer) return { field: 'inspectorIds', message: `所选人员（编号 ${id}）不在执法检查人员名录中` };
    if (!officer.active) return { field: 'inspectorIds', message: `执法人员 ${officer.displayName} 已停用，不能参加检查` };
    if (officer.certificateExpiresOn < inspectedOn) {
      return {
        field: 'inspectorIds',
        message: `执法人员 ${officer.displayName} 的执法证（${officer.certificateNo}）已于 ${officer.certificateExpiresOn} 到期，检查日 ${inspectedOn} 不能持该证执法`,
      };
    }
  }
  return null;
}

export interface TChecklistEntry {
  id: number;
  title: string;
  majorHazard: boolean;
}

/** Every item answered, and a non-compliant item explained: the record must say what was wrong. */
export function completenessProblems(items: TChecklistEntry[], answers: Pick<TAnswer, 'itemId' | 'result' | 'note'>[]): TRuleProblem[] {
  const byItem = new Map(answers.map((a) => [a.itemId, a]));
  const problems: TRuleProblem[] = [];
  items.forEach((item, i) => {
    const a = byItem.get(item.id);
    if (!a) problems.push({ field: `answers.${item.id}`, message: `第 ${i + 1} 项“${item.title}”未填写检查结果` });
    else if (a.result === 'non_compliant' && !a.note?.trim()) {
      problems.push({ field: `answers.${item.id}`, message: `第 ${i + 1} 项“${item.title}”不合格，须填写问题说明` });
    }
  });
  return problems;
}

/** What submit needs besides the answers: who signed for the firm, and what the officers concluded. */
export function closingProblems(v: {
  representativeName: string | null;
  signatureSha256: string | null;
  conclusion: string | null;
}): TRuleProblem[] {
  const problems: TRuleProblem[] = [];
  if (!v.representativeName?.trim()) problems.push({ field: 'representativeName', message: '请填写企业陪同人员姓名' });
  if (!v.signatureSha256) problems.push({ field: 'signatureSha256', message: '请企业陪同人员签名' });
  if (!v.conclusion?.trim()) problems.push({ field: 'conclusion', message: '请填写检查结论' });
  return problems;
}

export interface TFindingDraft {
  itemId: number;
  description: string;
  majorHazard: boolean;
  photos: string[];
}

/** Each non-compliant item of the checklist becomes a finding, in checklist order; a major-hazard item stays major. */
export function findingsFromAnswers(
  items: (TChecklistEntry & { content?: string })[],
  answers: Pick<TAnswer, 'itemId' | 'result' | 'note' | 'photos'>[],
): TFindingDraft[] {
  const byItem = new Map(answers.map((a) => [a.itemId, a]));
  const out: TFindingDraft[] = [];
  for (const item of items) {
    const a = byItem.get(item.id);
    if (a?.result !== 'non_compliant') continue;
    const note = a.note?.trim();
    out.push({
      itemId: item.id,
      description: note ? `${item.title}：${note}` : item.title,
      majorHazard: item.majorHazard,
      photos: [...(a.photos ?? [])],
    });
  }
  return out;
}
