import { matchColumns } from '../shared/columns';
import { validateCreditCode } from './credit-code.rules';
import { isDeregistered, type TRegistrationStatus, type TSupervisionStatus } from './enterprise.schema';
import { resolveTown, type TTownName } from './town.rules';

/** The regulator's columns Yingji reads, with the headers they usually carry. */
export const IMPORT_FIELDS = {
  creditCode: { label: '统一社会信用代码', required: true, headers: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码'] },
  name: { label: '企业名称', required: true, headers: ['企业名称', '名称', '单位名称', '主体名称', '市场主体名称'] },
  legalRepresentative: {
    label: '法定代表人',
    required: false,
    headers: ['法定代表人', '法定代表人（负责人）', '法定代表人(负责人)', '法人代表', '负责人', '经营者'],
  },
  registrationStatus: { label: '登记状态', required: false, headers: ['登记状态', '经营状态', '企业状态', '状态'] },
  address: {
    label: '住所',
    required: false,
    headers: ['住所', '地址', '住所（经营场所）', '住所(经营场所)', '经营场所', '注册地址', '企业地址'],
  },
  industryCode: { label: '国民经济行业代码', required: false, headers: ['国民经济行业代码', '行业代码', '行业门类代码'] },
  town: { label: '所属镇街', required: false, headers: ['所属镇街', '镇街', '所属镇区', '镇区', '所属街道'] },
} as const;
export type TImportField = keyof typeof IMPORT_FIELDS;
export type TColumnMapping = Partial<Record<TImportField, string>>;

/**
 * Recognises columns by their usual Chinese headers; a remembered mapping (field → header) wins.
 * Returns the column index of each field found, and the required fields that are missing.
 */
export function mapColumns(
  headers: string[],
  remembered: TColumnMapping = {},
): { columns: Partial<Record<TImportField, number>>; missing: TImportField[] } {
  return matchColumns<TImportField>(IMPORT_FIELDS, headers, remembered);
}

/** The regulator's wording of a registration status in Yingji's four words, or null when unknown. */
export function normaliseRegistrationStatus(raw: string): TRegistrationStatus | null {
  const s = raw.replace(/\s+/g, '');
  if (s === '') return '存续';
  if (s.includes('吊销')) return s.includes('已注销') ? '注销' : '吊销';
  if (s.includes('注销') && !s.includes('未注销')) return '注销';
  if (s.includes('停业') || s.includes('歇业')) return '停业';
  if (['存续', '在营', '开业', '在册', '正常', '迁入', '迁出'].some((w) => s.includes(w))) return '存续';
  return null;
}

export interface TFeedRow {
  row: number;
  creditCode: string;
  name: string;
  legalRepresentative: string | null;
  registrationStatus: TRegistrationStatus;
  address: string | null;
  industryCode: string | null;
  divisionCode: string;
}

/** A row that cannot be used still names its firm when its code was valid, so the firm is not taken for missing. */
export type TRowResult = { ok: true; value: TFeedRow } | { ok: false; row: number; reason: string; creditCode?: string };

const cell = (cells: unknown[], index: number | undefined): string => {
  if (index === undefined) return '';
  const v = cells[index];
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text).trim();
  if (typeof v === 'object' && 'richText' in (v as object))
    return (v as { richText: { text: string }[] }).richText
      .map((t) => t.text)
      .join('')
      .trim();
  return String(v).trim();
};

/**
 * Reads one spreadsheet row (numbered as the sheet shows it, header = row 1) into a feed row, or the reason
 * it cannot be used. The town comes from the town column when there is one, else from the address.
 */
export function readFeedRow(
  rowNumber: number,
  cells: unknown[],
  columns: Partial<Record<TImportField, number>>,
  towns: { names: TTownName[]; byCode: Map<string, string> },
): TRowResult {
  const code = validateCreditCode(cell(cells, columns.creditCode));
  const fail = (reason: string): TRowResult => ({ ok: false, row: rowNumber, reason, ...(code.ok ? { creditCode: code.code } : {}) });
  if (!code.ok) return fail(code.message);
  const name = cell(cells, columns.name);
  if (name.length < 2) return fail('企业名称为空或过短');
  if (name.length > 200) return fail('企业名称超过 200 个字');
  const statusText = cell(cells, columns.registrationStatus);
  const registrationStatus = normaliseRegistrationStatus(statusText);
  if (!registrationStatus) return fail(`无法识别的登记状态“${statusText}”`);
  const address = cell(cells, columns.address) || null;
  const industryText = cell(cells, columns.industryCode).toUpperCase();
  if (industryText && !/^[A-T]?\d{2,4}$/.test(industryText)) return fail(`国民经济行业代码“${industryText}”格式不正确`);
  // GB/T 4754 codes are stored without the section letter (C2614 → 2614).
  const industryCode = industryText.replace(/^[A-T]/, '') || null;
  let divisionCode: string | undefined;
  const townText = cell(cells, columns.town);
  if (townText) {
    if (towns.byCode.has(townText)) divisionCode = townText;
    else {
      const r = resolveTown(townText, towns.names);
      if (r.kind === 'resolved') divisionCode = r.code;
      else return fail(`所属镇街“${townText}”无法识别`);
    }
  } else {
    if (!address) return fail('没有所属镇街，也没有地址，无法确定镇街');
    const r = resolveTown(address, towns.names);
    if (r.kind === 'none') return fail(`无法从地址“${address}”确定所属镇街`);
    if (r.kind === 'ambiguous') return fail(`地址“${address}”同时包含 ${r.matched.join('、')}，无法确定所属镇街`);
    divisionCode = r.code;
  }
  return {
    ok: true,
    value: {
      row: rowNumber,
      creditCode: code.code,
      name,
      legalRepresentative: cell(cells, columns.legalRepresentative) || null,
      registrationStatus,
      address,
      industryCode,
      divisionCode,
    },
  };
}

/** What the registry holds of a firm, for comparison with the feed. */
export interface TRegistryFirm {
  id: number;
  creditCode: string;
  name: string;
  legalRepresentative: string | null;
  registrationStatus: TRegistrationStatus;
  address: string | null;
  industryCode: string | null;
  divisionCode: string;
  supervisionStatus: TSupervisionStatus;
}

export const FEED_FIELDS = ['name', 'legalRepresentative', 'registrationStatus', 'address', 'industryCode', 'divisionCode'] as const;
export type TFeedField = (typeof FEED_FIELDS)[number];
export const FEED_FIELD_LABELS: Record<TFeedField, string> = {
  name: '企业名称',
  legalRepresentative: '法定代表人',
  registrationStatus: '登记状态',
  address: '住所',
  industryCode: '国民经济行业代码',
  divisionCode: '所属镇街',
};

export interface TFieldChange {
  field: TFeedField;
  before: string | null;
  after: string | null;
}

export interface TImportDiff {
  new: TFeedRow[];
  changed: { id: number; creditCode: string; name: string; row: number; changes: TFieldChange[] }[];
  unchanged: number;
  /** Firms in supervision that the feed no longer lists: they become 待核实 for their town to confirm. */
  missing: { id: number; creditCode: string; name: string; divisionCode: string }[];
  /** Firms in the registry whose registration turned 注销 or 吊销 in this feed. */
  deregistered: { id: number; creditCode: string; name: string; divisionCode: string; status: TRegistrationStatus }[];
  /** Firms new to the registry that the feed already lists as 注销/吊销: nothing to supervise, not added. */
  skippedDeregistered: number;
  invalid: { row: number; reason: string }[];
}

/**
 * Compares the feed with the registry. Pure and order-independent, so a preview and its apply agree, and a
 * second import of the same file finds nothing to do.
 */
export function diffImport(registry: Iterable<TRegistryFirm>, rows: TRowResult[]): TImportDiff {
  const byCode = new Map<string, TRegistryFirm>();
  for (const firm of registry) byCode.set(firm.creditCode, firm);
  const diff: TImportDiff = { new: [], changed: [], unchanged: 0, missing: [], deregistered: [], skippedDeregistered: 0, invalid: [] };
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!r.ok) {
      diff.invalid.push({ row: r.row, reason: r.reason });
      // Listed, though unreadable: the firm is in the feed, so it is not missing from it.
      if (r.creditCode && !seen.has(r.creditCode)) seen.set(r.creditCode, r.row);
      continue;
    }
    const row = r.value;
    const first = seen.get(row.creditCode);
    if (first !== undefined) {
      diff.invalid.push({ row: row.row, reason: `统一社会信用代码 ${row.creditCode} 与第 ${first} 行重复` });
      continue;
    }
    seen.set(row.creditCode, row.row);
    const firm = byCode.get(row.creditCode);
    if (!firm) {
      if (isDeregistered(row.registrationStatus)) diff.skippedDeregistered++;
      else diff.new.push(row);
      continue;
    }
    const changes: TFieldChange[] = [];
    for (const field of FEED_FIELDS) {
      const before = firm[field] ?? null;
      const after = row[field] ?? null;
      // A column the feed left empty does not erase what the registry knows.
      if (after === null && field !== 'registrationStatus') continue;
      if (before !== after) changes.push({ field, before, after });
    }
    if (changes.length === 0) diff.unchanged++;
    else diff.changed.push({ id: firm.id, creditCode: firm.creditCode, name: firm.name, row: row.row, changes });
    if (isDeregistered(row.registrationStatus) && !isDeregistered(firm.registrationStatus)) {
      diff.deregistered.push({
        id: firm.id,
        creditCode: firm.creditCode,
        name: row.name,
        divisionCode: row.divisionCode,
        status: row.registrationStatus,
      });
    }
  }
  for (const firm of byCode.values()) {
    if (!seen.has(firm.creditCode) && firm.supervisionStatus === '在管') {
      diff.missing.push({ id: firm.id, creditCode: firm.creditCode, name: firm.name, divisionCode: firm.divisionCode });
    }
  }
  diff.invalid.sort((a, b) => a.row - b.row);
  return diff;
}

/** The counts a preview and `yingji enterprise-import --json` report. */
export const diffCounts = (d: TImportDiff) => ({
  new: d.new.length,
  changed: d.changed.length,
  unchanged: d.unchanged,
  missing: d.missing.length,
  deregistered: d.deregistered.length,
  skippedDeregistered: d.skippedDeregistered,
  invalid: d.invalid.length,
});
