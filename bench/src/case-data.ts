import {
  DEFAULT_CASE_PROCEDURE,
  type TCaseDocumentKind,
  type TCaseStage,
  type TCircumstance,
  type TPenaltyTarget,
  type TServiceMethod,
} from '@yingji/domain';
import type { TRandom } from './prng';
import type { TTierLine } from './case-tiers';

/** The case generator's rates, weights and row shapes (see case.gen.ts), and the small helpers its parts share. */
export const CASES_PER_YEAR = 250;
export const BUREAU_CASES_PER_YEAR = 53;
export const YEARS = 5;
export const S = DEFAULT_CASE_PROCEDURE;

/** The demo's case officers: they are made officers of some recent cases of their body, so they can carry them on. */
export const CASE_DEMO_OFFICERS = { bureau: 'b4420-17', town: 't442000001-01' } as const;

export const SHORT: Record<string, string> = {
  'SAFL-94': '主要负责人未履行安全生产管理职责',
  'SAFL-97': '未按规定对从业人员进行安全生产教育和培训',
  'SAFL-99': '安全设备未经常性维护、保养',
  'SAFL-101': '未建立安全风险分级管控和事故隐患排查治理制度',
  'SAFL-102': '未采取措施消除事故隐患',
  'SAFL-105': '生产经营场所未设有符合紧急疏散要求的出口',
  'SAFL-108': '拒绝、阻碍监督检查',
  'SAFL-109': '未按规定投保安全生产责任保险',
  'SAFL-114': '对生产安全事故负有责任',
};
export const BUREAU_CODES: [string, number][] = [
  ['SAFL-101', 30],
  ['SAFL-102', 25],
  ['SAFL-97', 15],
  ['SAFL-99', 10],
  ['SAFL-109', 8],
  ['SAFL-105', 5],
  ['SAFL-108', 3],
  ['SAFL-94', 4],
];
export const TOWN_CODES: [string, number][] = [
  ['SAFL-102', 35],
  ['SAFL-99', 20],
  ['SAFL-97', 20],
  ['SAFL-101', 10],
  ['SAFL-105', 10],
  ['SAFL-108', 2],
  ['SAFL-94', 3],
];
export const BUREAU_CIRCUMSTANCES: [TCircumstance, number][] = [
  ['minor', 15],
  ['general', 45],
  ['serious', 30],
  ['grave', 10],
];
export const TOWN_CIRCUMSTANCES: [TCircumstance, number][] = [
  ['minor', 50],
  ['general', 40],
  ['serious', 9],
  ['grave', 1],
];
export const SERVICE: [TServiceMethod, number][] = [
  ['direct', 70],
  ['left_at_premises', 8],
  ['mail', 12],
  ['electronic', 9],
  ['public_notice', 1],
];
export const STATEMENTS = [
  '当事人称已按要求完成整改，请求从轻处罚。',
  '当事人对违法事实无异议，称系初次违法，请求减轻处罚。',
  '当事人提出经营困难，请求分期缴纳罚款。',
];

export function weighted<T>(random: TRandom, items: [T, number][]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let x = random.next() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** A valid 18-digit citizen ID (GB 11643) born in Zhongshan's area code. */
export function idNumber(random: TRandom): string {
  const body = `442000${random.int(1960, 1995)}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}${String(random.int(0, 999)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return body + (c === 10 ? 'X' : String(c));
}

export const cnDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
export const roundYuan = (fen: number, yuan: number) => Math.round(fen / (yuan * 100)) * yuan * 100;

export interface TUser {
  id: number;
  username: string;
  name: string;
  role: string;
  division: string;
}
export interface TSource {
  /** The source inspection; null for a case from an accident. */
  inspectionId: number | null;
  enterpriseId: number;
  divisionCode: string;
  on: string;
  level: string;
  firmName: string;
  principal: string | null;
  phone: string | null;
  address: string | null;
  inspectorIds: number[];
}
export interface TBand {
  target: TPenaltyTarget;
  circumstance: TCircumstance;
  minFen: number;
  maxFen: number;
}
export interface TViolationInfo {
  code: string;
  title: string;
  violatedProvision: string;
  penaltyProvision: string;
  hasUnit: boolean;
  hasPerson: boolean;
  bands: TBand[];
}
export interface TPenalty {
  code: string;
  target: TPenaltyTarget;
  circumstance: TCircumstance;
  proposed: number;
  decided: number;
  band: TBand | undefined;
  /** Tier and statutory range (tier-2 and art. 114 lines; absent: tier 1, range not recorded). */
  tierLine?: TTierLine;
}
/** One procedural step as the server would have recorded it. */
export interface TStep {
  on: string;
  action: string;
  to: TCaseStage | null;
  actor: TUser;
  note: string | null;
  payload: Record<string, unknown> | null;
  doc?: { kind: TCaseDocumentKind; content?: unknown };
  apply?: (c: Record<string, unknown>, at: string) => void;
  evidence?: { kind: 'document' | 'photo' | 'transcript'; title: string };
  payment?: { principal: number; surcharge: number; receiptNo: string };
  extension?: number;
}

/** A case planned in full, with the steps that happened by today. */
export interface TPlannedCase {
  created: string;
  row: Record<string, unknown>;
  officers: TUser[];
  penalties: TPenalty[];
  steps: TStep[];
  body: string;
}
