import {
  CATEGORY_LABELS,
  REGISTRATION_STATUSES,
  SPECIAL_TAGS,
  SUPERVISING_LEVEL_LABELS,
  SUPERVISING_LEVELS,
  SUPERVISION_CATEGORIES,
  SUPERVISION_STATUSES,
  TAG_LABELS,
  type TRegistrationStatus,
  type TSpecialTag,
  type TSupervisionCategory,
  type TSupervisionStatus,
} from '@yingji/domain/enterprise/enterprise.schema';
import { townName } from '../../kit/towns';

export const ENTERPRISE_KEYS = {
  all: ['enterprise'] as const,
  list: ['enterprise', 'list'] as const,
  detail: (id: number) => ['enterprise', 'detail', id] as const,
  transfers: ['enterprise', 'transfers'] as const,
  alerts: ['enterprise', 'alerts'] as const,
};

export const SUPERVISION_STATUS_COLORS: Record<TSupervisionStatus, string> = { 在管: 'green', 待核实: 'gold', 移出: 'default' };
export const REGISTRATION_STATUS_COLORS: Record<TRegistrationStatus, string> = {
  存续: 'blue',
  停业: 'orange',
  注销: 'red',
  吊销: 'volcano',
};

export const categoryLabel = (code: string): string => CATEGORY_LABELS[code as TSupervisionCategory] ?? code;
export const tagLabel = (code: string): string => TAG_LABELS[code as TSpecialTag] ?? code;

/** Categories grouped as the bureau's powers list groups them (危险化学品, 烟花爆竹, …). */
export const CATEGORY_OPTIONS = [...new Set(SUPERVISION_CATEGORIES.map((c) => c.group))].map((group) => ({
  label: group,
  title: group,
  options: SUPERVISION_CATEGORIES.filter((c) => c.group === group).map((c) => ({ value: c.code, label: c.label })),
}));
export const TAG_OPTIONS = SPECIAL_TAGS.map((t) => ({ value: t.code, label: t.label }));
export const SUPERVISION_STATUS_OPTIONS = SUPERVISION_STATUSES.map((s) => ({ value: s, label: s }));
export const REGISTRATION_STATUS_OPTIONS = REGISTRATION_STATUSES.map((s) => ({ value: s, label: s }));
export const LEVEL_OPTIONS = SUPERVISING_LEVELS.map((l) => ({ value: l, label: `${SUPERVISING_LEVEL_LABELS[l]}监管` }));

/** The profile fields as the change history names them. */
export const ENTERPRISE_FIELD_LABELS: Record<string, string> = {
  creditCode: '统一社会信用代码',
  name: '企业名称',
  formerNames: '曾用名',
  legalRepresentative: '法定代表人',
  principalName: '主要负责人',
  principalPhone: '主要负责人电话',
  safetyManagerName: '安全管理人员',
  safetyManagerPhone: '安全管理人员电话',
  address: '住所',
  longitude: '经度',
  latitude: '纬度',
  divisionCode: '所属镇街',
  divisionName: '所属镇街',
  industryCode: '国民经济行业代码',
  supervisionCategory: '监管类别',
  tags: '特殊标签',
  employees: '从业人数',
  aboveScale: '规模以上',
  registrationStatus: '登记状态',
  supervisionStatus: '监管状态',
  supervisingLevel: '监管层级',
  licences: '许可证',
};

/** Fields the history leaves out: bookkeeping, or shown another way. */
const HIDDEN_HISTORY_FIELDS = new Set(['id', 'updatedAt', 'reason', 'divisionName']);

/** A stored value as a reader expects it: labels for codes, 是/否, town names, '（空）' for nothing. */
export function formatFieldValue(field: string, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value)) {
    if (value.length === 0) return '（空）';
    if (field === 'tags') return value.map((v) => tagLabel(String(v))).join('、');
    if (field === 'licences')
      return value
        .map(
          (l: { kind?: string; number?: string; expiresOn?: string | null }) =>
            `${l.kind ?? ''} ${l.number ?? ''}${l.expiresOn ? `（至 ${l.expiresOn}）` : ''}`,
        )
        .join('；');
    return value.map(String).join('、');
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (field === 'supervisionCategory') return categoryLabel(String(value));
  if (field === 'supervisingLevel') return SUPERVISING_LEVEL_LABELS[value as 'city' | 'town'] ?? String(value);
  if (field === 'divisionCode') return townName(names, String(value));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface TFieldDiff {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** The fields an audit entry changed, one by one; a creation lists what was filled in. */
export function diffEntry(before: unknown, after: unknown, names: Map<string, string>): { changes: TFieldDiff[]; reason: string | null } {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const reason = typeof a['reason'] === 'string' ? a['reason'] : null;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !HIDDEN_HISTORY_FIELDS.has(f) && f in a);
  const changes: TFieldDiff[] = [];
  for (const field of fields) {
    // an entry that kept a partial "before" (licences are not in it) cannot say what was there
    const was = Object.keys(b).length > 0 && !(field in b) ? '（未记录）' : formatFieldValue(field, b[field], names);
    const now = formatFieldValue(field, a[field], names);
    if (was === now) continue;
    if (!(field in b) && now === '（空）') continue;
    changes.push({ field, label: ENTERPRISE_FIELD_LABELS[field] ?? field, before: was, after: now });
  }
  return { changes, reason };
}

/** A licence that ran out, or runs out within 90 days, counted from today in Beijing. */
export function licenceExpiry(expiresOn: string | null, today: string): 'expired' | 'soon' | 'ok' | 'none' {
  if (!expiresOn) return 'none';
  if (expiresOn < today) return 'expired';
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + 90);
  return expiresOn <= limit.toISOString().slice(0, 10) ? 'soon' : 'ok';
}
