/**
 * Training rules: who a session counts (its audiences), the checks on its head counts, the totals a report cites,
 * and how an attendance sheet's columns and pass marks are read. Pure functions.
 */

import { matchColumns, type TColumnField } from '../shared/columns';

export const TRAINING_KINDS = ['officer', 'principal', 'sanfang', 'public'] as const;
export type TTrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TTrainingKind, string> = {
  officer: '执法人员业务培训',
  principal: '主要负责人和安全管理人员培训',
  sanfang: '三防工作人员培训',
  public: '公众宣传培训',
};

/** Who attends: the counts a session records, one column each. */
export const AUDIENCES = ['officers', 'principals', 'safetyManagers', 'sanfangStaff', 'publicPeople'] as const;
export type TAudience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<TAudience, string> = {
  officers: '执法人员',
  principals: '主要负责人',
  safetyManagers: '安全管理人员',
  sanfangStaff: '三防工作人员',
  publicPeople: '群众及一线员工',
};
export type TAudienceCounts = Record<TAudience, number>;

/** Participants of a session: the sum of its audience counts. */
export const participantsOf = (c: TAudienceCounts): number => AUDIENCES.reduce((s, a) => s + c[a], 0);

/** Passed the assessment cannot exceed those who attended. */
export function trainingCountsProblem(c: TAudienceCounts & { passed: number | null }): string | null {
  const total = participantsOf(c);
  if (total === 0) return '培训人数合计不能为 0，请至少填写一类参训人员的人数';
  if (c.passed !== null && c.passed > total) return `考核合格人数（${c.passed}）不能多于参训人数合计（${total}）`;
  return null;
}

/** Totals of training rows, summed per audience: the figure a report cites (“近两年累计培训 1300 人次”). */
export function trainingTotals(rows: readonly (TAudienceCounts & { passed: number | null })[]): TAudienceCounts & {
  sessions: number;
  participants: number;
  passed: number;
} {
  const out = { sessions: rows.length, participants: 0, passed: 0 } as TAudienceCounts & {
    sessions: number;
    participants: number;
    passed: number;
  };
  for (const a of AUDIENCES) out[a] = 0;
  for (const r of rows) {
    for (const a of AUDIENCES) out[a] += r[a];
    out.participants += participantsOf(r);
    out.passed += r.passed ?? 0;
  }
  return out;
}

/** The fields of an attendance list and the headers that name them without asking. */
export const ATTENDANCE_FIELDS = ['name', 'unit', 'category', 'passed'] as const;
export type TAttendanceField = (typeof ATTENDANCE_FIELDS)[number];
/** The attendance list's columns, in the shape every import's column mapping reads (shared/columns.ts). */
export const ATTENDANCE_COLUMNS: Record<TAttendanceField, TColumnField> = {
  name: { label: '姓名', required: true, headers: ['姓名', '名字', '学员姓名', '参训人员'] },
  unit: { label: '单位', required: false, headers: ['单位', '工作单位', '所在单位', '企业名称', '单位名称'] },
  category: { label: '人员类别', required: false, headers: ['类别', '人员类别', '身份', '人员类型'] },
  passed: { label: '考核结果', required: false, headers: ['考核', '考核结果', '是否合格', '考试结果', '成绩'] },
};
export const ATTENDANCE_FIELD_LABELS = Object.fromEntries(ATTENDANCE_FIELDS.map((f) => [f, ATTENDANCE_COLUMNS[f].label])) as Record<
  TAttendanceField,
  string
>;

/**
 * Which column holds each field: the user's mapping first, then known headers. `name` is required; a sheet whose
 * name column cannot be found gets the headers it has back, for the user to map. A mapped header the sheet lacks is
 * named, not silently replaced by a guess.
 */
export function attendanceColumns(
  headers: readonly string[],
  mapping: Partial<Record<TAttendanceField, string>> = {},
): { columns: Partial<Record<TAttendanceField, number>>; missing: TAttendanceField[]; problem: string | null } {
  const clean = headers.map((h) => h.trim());
  for (const f of ATTENDANCE_FIELDS) {
    const mapped = mapping[f]?.trim();
    if (mapped && !clean.includes(mapped)) {
      return { columns: {}, missing: [f], problem: `对应“${ATTENDANCE_FIELD_LABELS[f]}”的列“${mapped}”在表头中不存在` };
    }
  }
  const { columns, missing } = matchColumns(ATTENDANCE_COLUMNS, clean, mapping);
  const problem = missing.length
    ? `签到表中没有找到“姓名”列（找到的列：${clean.filter(Boolean).join('、') || '无'}），请指定各列对应的内容`
    : null;
  return { columns, missing, problem };
}

/** 合格 / 是 / 通过 / a score of 60 or more reads as passed; 不合格 / 否 / below 60 as failed; blank as unknown. */
export function passedOf(value: string): boolean | null {
  const v = value.trim();
  if (v === '') return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) >= 60;
  if (/不合格|不通过|未通过|否|×/.test(v)) return false;
  if (/合格|通过|是|√/.test(v)) return true;
  return null;
}
