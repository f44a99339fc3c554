/**
 * Flood-season checks (汛前检查): the towns' 九必检 and the villages' 十个有 as data (each round carries its own
 * checklist, edited by the bureau when it opens the round), each item recorded present or missing with a note, and
 * progress and open problems counted per town, per village and for the city (seed §三(一)).
 */

export const FLOOD_CHECK_LEVELS = ['town', 'village'] as const;
export type TFloodCheckLevel = (typeof FLOOD_CHECK_LEVELS)[number];
export const FLOOD_CHECK_LEVEL_LABELS: Record<TFloodCheckLevel, string> = { town: '镇街“九必检”', village: '村居“十个有”' };

export interface TFloodCheckItem {
  code: string;
  label: string;
}

/**
 * The towns' 九必检 as the province's 三防 office words it for the flood-season check; the bureau edits the list
 * per round (the seed names the checklist, not its items).
 */
export const DEFAULT_TOWN_CHECK_ITEMS: readonly TFloodCheckItem[] = [
  { code: 'T1', label: '三防责任人落实并公示' },
  { code: 'T2', label: '三防应急预案修订完善' },
  { code: 'T3', label: '抢险救援队伍组建与备勤' },
  { code: 'T4', label: '三防物资储备与管理' },
  { code: 'T5', label: '预警信息发布与叫应' },
  { code: 'T6', label: '重点部位隐患排查整治（水库山塘、堤围、地质灾害点、在建工地）' },
  { code: 'T7', label: '人员转移避险方案与避护场所' },
  { code: 'T8', label: '值班值守与信息报送' },
  { code: 'T9', label: '宣传培训演练' },
];

/** The villages' 十个有 (村（社区）防灾减灾救灾“十个有”), province wording; edited per round like the towns' list. */
export const DEFAULT_VILLAGE_CHECK_ITEMS: readonly TFloodCheckItem[] = [
  { code: 'V1', label: '有应急工作组织' },
  { code: 'V2', label: '有风险隐患清单' },
  { code: 'V3', label: '有应急预案' },
  { code: 'V4', label: '有应急队伍' },
  { code: 'V5', label: '有应急物资' },
  { code: 'V6', label: '有避险安置场所' },
  { code: 'V7', label: '有预警设施设备' },
  { code: 'V8', label: '有转移路线图' },
  { code: 'V9', label: '有防灾减灾“明白人”' },
  { code: 'V10', label: '有宣传培训演练' },
];

/** The departments of the bureau's 2025 pre-season check (seed §三(一): 8 departments with the bureau, the first four named). */
export const DEFAULT_CHECK_DEPARTMENTS: readonly string[] = [
  '市应急管理局（市三防办）',
  '市水务局',
  '市住房城乡建设局',
  '市城管执法局',
  '市自然资源局',
  '市交通运输局',
  '市农业农村局',
  '市气象局',
];

/** One recorded item: present or missing at the check, and for a missing one, when it was put right. */
export interface TFloodCheckEntryFacts {
  itemCode: string;
  present: boolean;
  fixedOn: string | null;
}

export type TFloodCheckState = 'not_started' | 'in_progress' | 'complete';
export const FLOOD_CHECK_STATE_LABELS: Record<TFloodCheckState, string> = {
  not_started: '未检查',
  in_progress: '检查中',
  complete: '已完成',
};

export interface TFloodCheckProgress {
  total: number;
  recorded: number;
  present: number;
  /** Items found missing at the check (fixed or not). */
  missing: string[];
  /** Missing items not yet put right. */
  open: string[];
  state: TFloodCheckState;
}

/** Progress of one town or village over its checklist; results for items no longer on the list are ignored. */
export function floodCheckProgress(items: readonly TFloodCheckItem[], entries: readonly TFloodCheckEntryFacts[]): TFloodCheckProgress {
  const byCode = new Map(entries.map((e) => [e.itemCode, e]));
  let recorded = 0;
  let present = 0;
  const missing: string[] = [];
  const open: string[] = [];
  for (const item of items) {
    const e = byCode.get(item.code);
    if (!e) continue;
    recorded++;
    if (e.present) present++;
    else {
      missing.push(item.code);
      if (e.fixedOn === null) open.push(item.code);
    }
  }
  const state: TFloodCheckState = recorded === 0 ? 'not_started' : recorded < items.length ? 'in_progress' : 'complete';
  return { total: items.length, recorded, present, missing, open, state };
}

export interface TFloodCheckTally {
  units: number;
  complete: number;
  inProgress: number;
  notStarted: number;
  /** Items found missing, over all units. */
  missingItems: number;
  /** Missing items not yet put right. */
  openProblems: number;
}

/** Counts units (towns or villages) by state and their missing items. */
export function tallyFloodChecks(progress: readonly TFloodCheckProgress[]): TFloodCheckTally {
  const t: TFloodCheckTally = { units: 0, complete: 0, inProgress: 0, notStarted: 0, missingItems: 0, openProblems: 0 };
  for (const p of progress) {
    t.units++;
    if (p.state === 'complete') t.complete++;
    else if (p.state === 'in_progress') t.inProgress++;
    else t.notStarted++;
    t.missingItems += p.missing.length;
    t.openProblems += p.open.length;
  }
  return t;
}

/** A checklist the bureau wrote: at least one item, codes and labels unique. */
export function checklistProblem(items: readonly TFloodCheckItem[], what: string): string | null {
  if (items.length === 0) return `${what}至少要有一项`;
  const codes = new Set<string>();
  const labels = new Set<string>();
  for (const i of items) {
    if (codes.has(i.code)) return `${what}的编号「${i.code}」重复`;
    if (labels.has(i.label)) return `${what}的检查项「${i.label}」重复`;
    codes.add(i.code);
    labels.add(i.label);
  }
  return null;
}

export interface TFloodCheckEntryInput {
  itemCode: string;
  present: boolean;
  note: string;
}

/** What is wrong with a set of recorded items: an item not on the list, an item twice, a missing item without a note. */
export function floodCheckEntriesProblem(
  items: readonly TFloodCheckItem[],
  entries: readonly TFloodCheckEntryInput[],
): { index: number; message: string } | null {
  const labels = new Map(items.map((i) => [i.code, i.label]));
  const seen = new Set<string>();
  for (const [index, e] of entries.entries()) {
    const label = labels.get(e.itemCode);
    if (label === undefined) return { index, message: `检查表中没有编号为「${e.itemCode}」的检查项` };
    if (seen.has(e.itemCode)) return { index, message: `检查项「${label}」填写了两次` };
    seen.add(e.itemCode);
    if (!e.present && e.note.trim() === '') return { index, message: `检查项「${label}」缺失，请写明情况` };
  }
  return null;
}

/** A missing item may be marked put right once, not before the check, and not a present one. */
export function floodCheckFixProblem(
  entry: { present: boolean; fixedOn: string | null; checkedOn: string },
  fixedOn: string,
): string | null {
  if (entry.present) return '该项检查时已具备，无需整改';
  if (entry.fixedOn !== null) return `该项已于 ${entry.fixedOn} 整改完毕`;
  if (fixedOn < entry.checkedOn) return `整改日期不能早于检查日期 ${entry.checkedOn}`;
  return null;
}

/** The round's dates: the end not before the start. */
export const roundDatesProblem = (startsOn: string, endsOn: string): string | null =>
  endsOn < startsOn ? '结束日期不能早于开始日期' : null;
