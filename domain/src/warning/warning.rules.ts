/**
 * Warnings and call-and-answer (预警叫应), pure: who is called for a warning, whether a post needs all its holders or
 * the first to answer, what happens when someone stays silent, the figures of the statistics, missed consultations.
 */
import {
  RESPONSE_LEVELS,
  type TConsultationFrequency,
  type TResponseLevel,
  type TWarningCall,
  type TWarningLevel,
} from './warning.settings';

export interface TChainPost {
  id: number;
  divisionCode: string;
  villageCode: string | null;
  level: 'city' | 'town' | 'village';
  title: string;
  townLeader: boolean;
  superiorId: number | null;
  holders: { id: number; name: string; phone: string; userId: number | null }[];
}

export interface TWarningArea {
  areaAll: boolean;
  towns: readonly string[];
}

/** Why a warning's area is refused, or null: it names the whole city or at least one known town, and no unknown one. */
export function warningAreaProblem(area: TWarningArea, knownTowns: ReadonlySet<string>): string | null {
  if (!area.areaAll && area.towns.length === 0) return '请选择预警范围：全市或至少一个镇街';
  const unknown = area.towns.filter((t) => !knownTowns.has(t));
  if (unknown.length > 0) return `预警范围中有不存在的镇街：${unknown.join('、')}`;
  return null;
}

/** True when the post lies in the area: town and village posts of the chosen towns (all towns for the whole city). */
export const postInArea = (post: Pick<TChainPost, 'level' | 'divisionCode'>, area: TWarningArea): boolean =>
  post.level !== 'city' && (area.areaAll || area.towns.includes(post.divisionCode));

/**
 * The recipients of a warning: every holder of every town and village post in its area (stage 0). Posts in the area
 * with no holder are returned apart: they are flagged before any warning and nobody is called for them.
 */
export function resolveRecipients(posts: readonly TChainPost[], area: TWarningArea) {
  const recipients: { post: TChainPost; holder: TChainPost['holders'][number] }[] = [];
  const unheld: TChainPost[] = [];
  for (const post of posts) {
    if (!postInArea(post, area)) continue;
    if (post.holders.length === 0) unheld.push(post);
    for (const holder of post.holders) recipients.push({ post, holder });
  }
  return { recipients, unheld };
}

/** All-must-answer unless the bureau made this kind and colour first-answer (one holder answering covers the post). */
export const answerMode = (call: Pick<TWarningCall, 'firstAnswer'>, kind: string, level: TWarningLevel): 'all' | 'first' =>
  call.firstAnswer.some((f) => f.kind === kind && f.level === level) ? 'first' : 'all';

/** The minutes a recipient has to answer a warning of this colour. */
export const answerMinutes = (call: Pick<TWarningCall, 'answerMinutes'>, level: TWarningLevel): number => call.answerMinutes[level];

/** When a call sent at `from` is due an answer: exactly N minutes later (silence at N minutes escalates). */
export const answerDueAt = (from: Date, minutes: number): Date => new Date(from.getTime() + minutes * 60_000);

/**
 * What to do when a recipient's time is up and he is still silent: call him again while repeats remain, then call
 * the post's superior (stage 1), then the town's leader on duty (stage 2); past the leader nothing more happens
 * (he stays silent on the board). A step with nobody to call is skipped.
 */
export function nextCallStep(
  recipient: { stage: number; repeats: number },
  options: { maxRepeats: number; hasSuperior: boolean; hasLeader: boolean },
): 'repeat' | 'superior' | 'leader' | 'none' {
  if (recipient.repeats < options.maxRepeats) return 'repeat';
  if (recipient.stage === 0 && options.hasSuperior) return 'superior';
  if (recipient.stage <= 1 && options.hasLeader) return 'leader';
  return 'none';
}

/** Why an answer is refused, or null. */
export function answerProblem(
  recipient: { state: string },
  warning: { state: 'active' | 'lifted' },
  link: { expiresAt: Date } | null,
  now: Date,
): string | null {
  if (warning.state === 'lifted') return '该预警已解除，无需再应答';
  if (link && link.expiresAt.getTime() <= now.getTime()) return '应答链接已过期，请联系镇街三防值班员';
  if (recipient.state === 'answered') return '您已应答过此预警（链接只能使用一次）';
  if (recipient.state === 'covered') return '本岗位已有人应答，无需再应答';
  if (recipient.state === 'closed') return '此预警已更新或解除，请以最新通知为准';
  return null;
}

/** The median of the numbers (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface TAnswerRow {
  group: string;
  sentAt: string;
  answeredAt: string | null;
  escalated: boolean;
}

/**
 * Per group (town, post): how many were called, how many answered, the answer rate (%, one decimal), the median
 * minutes to answer and how many were escalated. Stage-0 rows only: an escalated call is counted once.
 */
export function answerStats(rows: readonly TAnswerRow[]) {
  const groups = new Map<string, TAnswerRow[]>();
  for (const r of rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return [...groups].map(([group, list]) => {
    const answered = list.filter((r) => r.answeredAt !== null);
    const minutes = answered.map((r) => (new Date(r.answeredAt!).getTime() - new Date(r.sentAt).getTime()) / 60_000);
    const med = median(minutes);
    return {
      group,
      called: list.length,
      answered: answered.length,
      rate: list.length === 0 ? 0 : Math.round((answered.length / list.length) * 1000) / 10,
      medianMinutes: med === null ? null : Math.round(med * 10) / 10,
      escalated: list.filter((r) => r.escalated).length,
    };
  });
}

/**
 * The consultations a response missed: walking from its start to its end (or now), each gap longer than the level's
 * interval without a consultation is one miss, dated when it fell due.
 */
export function missedConsultations(
  response: { level: TResponseLevel; startedAt: string; endedAt: string | null },
  heldAt: readonly string[],
  frequency: TConsultationFrequency,
  now: Date,
): string[] {
  const step = frequency[response.level] * 3_600_000;
  const end = Math.min(response.endedAt ? new Date(response.endedAt).getTime() : now.getTime(), now.getTime());
  const held = heldAt.map((h) => new Date(h).getTime()).sort((a, b) => a - b);
  const missed: string[] = [];
  let last = new Date(response.startedAt).getTime();
  let i = 0;
  for (;;) {
    const due = last + step;
    if (due > end) break;
    while (i < held.length && held[i]! < last) i++;
    if (i < held.length && held[i]! <= due) {
      last = held[i]!;
      i++;
    } else {
      missed.push(new Date(due).toISOString());
      last = due;
    }
  }
  return missed;
}

/**
 * When the next consultation of a response is due: the level's interval after the last one held since it started
 * (or after its start), overdue once that time has passed while the response is on. An ended response has none.
 */
export function nextConsultation(
  response: { level: TResponseLevel; startedAt: string; endedAt: string | null },
  heldAt: readonly string[],
  frequency: TConsultationFrequency,
  now: Date,
): { dueAt: string | null; overdue: boolean } {
  if (response.endedAt) return { dueAt: null, overdue: false };
  const start = new Date(response.startedAt).getTime();
  const last = Math.max(start, ...heldAt.map((h) => new Date(h).getTime()).filter((t) => t >= start));
  const due = last + frequency[response.level] * 3_600_000;
  return { dueAt: new Date(due).toISOString(), overdue: due < now.getTime() };
}

/** Whether going from one response level to another raises it (Ⅰ is the highest). */
export const responseRaised = (from: TResponseLevel, to: TResponseLevel): boolean =>
  RESPONSE_LEVELS.indexOf(to) > RESPONSE_LEVELS.indexOf(from);

/** 双三十: during heavy rain a point is acted on (roads closed, people moved) when 1-hour rain or standing water reaches 30. */
export const doubleThirtyTriggered = (check: { rainfallMm: number | null; depthCm: number | null }): boolean =>
  (check.rainfallMm ?? 0) >= 30 || (check.depthCm ?? 0) >= 30;

/** The warnings under which 双三十 checks are recorded: heavy rain, from a rainstorm or a typhoon. */
export const RAIN_WARNING_KINDS: readonly string[] = ['暴雨', '台风'];

/**
 * Why a 双三十 check cannot be recorded for a point under this warning, or null: only while a rain warning covering
 * the point's town is on, and once 1-hour rain or standing water reaches 30 the action taken (roads closed or people
 * moved) must be recorded with it (seed §二(二)4: 强降雨期间"双三十"机制).
 */
export function doubleThirtyCheckProblem(
  check: { rainfallMm: number | null; depthCm: number | null; roadsClosed: boolean; peopleMoved: number },
  warning: { kind: string; state: 'active' | 'lifted'; areaAll: boolean; towns: readonly string[] },
  pointTown: string,
): string | null {
  if (!RAIN_WARNING_KINDS.includes(warning.kind)) return '双三十检查只在暴雨或台风预警期间记录';
  if (warning.state !== 'active') return '该预警已解除，不能再记录双三十检查';
  if (!warning.areaAll && !warning.towns.includes(pointTown)) return '该水浸点不在此预警的范围内';
  if (check.rainfallMm === null && check.depthCm === null) return '请填写1小时降雨量或积水深度';
  if (doubleThirtyTriggered(check) && !check.roadsClosed && check.peopleMoved === 0)
    return '已达“双三十”标准（1小时降雨量达30毫米或积水深度达30厘米），请记录采取的措施：封闭道路或转移人员';
  return null;
}
