import { validateCreditCode } from '../enterprise/credit-code.rules';

/** The columns of an assessment sheet: its header, and whether a row must fill it. */
export const ASSESSMENT_COLUMNS = {
  creditCode: { header: '统一社会信用代码', required: true },
  name: { header: '企业名称', required: true },
  score: { header: '评估得分', required: true },
  assessedOn: { header: '评估日期', required: true },
  forcedRed: { header: '强制红色条件', required: false },
} as const;
export type TAssessmentColumn = keyof typeof ASSESSMENT_COLUMNS;

/** Finds each column by its header (spaces and a trailing note in brackets ignored); lists required ones missing. */
export function mapAssessmentColumns(headers: string[]): { columns: Partial<Record<TAssessmentColumn, number>>; missing: string[] } {
  const clean = headers.map((h) => h.replace(/\s+/g, '').replace(/[（(].*[)）]$/, ''));
  const columns: Partial<Record<TAssessmentColumn, number>> = {};
  const missing: string[] = [];
  for (const [key, def] of Object.entries(ASSESSMENT_COLUMNS) as [TAssessmentColumn, (typeof ASSESSMENT_COLUMNS)[TAssessmentColumn]][]) {
    const i = clean.indexOf(def.header);
    if (i >= 0) columns[key] = i;
    else if (def.required) missing.push(def.header);
  }
  return { columns, missing };
}

/** A spreadsheet cell as text: ExcelJS gives numbers, Dates, rich text and formula results as objects. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') {
    const o = cell as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (Array.isArray(o.richText))
      return o.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (o.result !== undefined) return cellText(o.result);
    if (typeof o.text === 'string') return o.text.trim();
    return '';
  }
  return String(cell).trim();
}

/** Reads a date as people type it (2026-03-02, 2026/3/2, 2026年3月2日) or as an Excel date cell; null when it is not a real date. */
export function readSheetDate(cell: unknown): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  // An Excel serial day number (1900 system), as a date cell saved without its format reads.
  if (typeof cell === 'number' && cell > 20000 && cell < 80000 && Number.isInteger(cell))
    return new Date(Math.round((cell - 25569) * 86_400_000)).toISOString().slice(0, 10);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(cellText(cell));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export interface TAssessmentRow {
  row: number;
  creditCode: string;
  name: string;
  score: number | null;
  assessedOn: string | null;
  forcedRed: string[];
  problems: string[];
}

/**
 * Reads one data row; every problem names the row and the column, in Chinese. `today` (Asia/Shanghai) bounds
 * the assessment date: an assessment cannot be dated in the future.
 */
export function readAssessmentRow(
  rowNumber: number,
  cells: unknown[],
  columns: Partial<Record<TAssessmentColumn, number>>,
  today: string,
): TAssessmentRow {
  const at = (key: TAssessmentColumn) => (columns[key] === undefined ? undefined : cells[columns[key]]);
  const where = (key: TAssessmentColumn) => `第 ${rowNumber} 行“${ASSESSMENT_COLUMNS[key].header}”`;
  const problems: string[] = [];

  const rawCode = cellText(at('creditCode')).toUpperCase();
  let creditCode = rawCode;
  if (!rawCode) problems.push(`${where('creditCode')}为空`);
  else {
    const r = validateCreditCode(rawCode);
    if (r.ok) creditCode = r.code;
    else problems.push(`${where('creditCode')}不正确：${r.message}`);
  }
  const name = cellText(at('name'));
  if (!name) problems.push(`${where('name')}为空`);

  const rawScore = at('score');
  const scoreText = cellText(rawScore);
  let score: number | null = null;
  if (!scoreText) problems.push(`${where('score')}为空`);
  else {
    const n = typeof rawScore === 'number' ? rawScore : Number(scoreText);
    if (!Number.isFinite(n)) problems.push(`${where('score')}不是数字（现为“${scoreText}”）`);
    // 指南 (2018): the assessment is scored out of 100.
    else if (n < 0 || n > 100) problems.push(`${where('score')}应在 0–100 之间（现为 ${scoreText}）`);
    else score = n;
  }

  const rawDate = at('assessedOn');
  let assessedOn: string | null = null;
  if (!cellText(rawDate)) problems.push(`${where('assessedOn')}为空`);
  else {
    assessedOn = readSheetDate(rawDate);
    if (!assessedOn) problems.push(`${where('assessedOn')}不是有效日期（现为“${cellText(rawDate)}”，应为 YYYY-MM-DD）`);
    else if (assessedOn > today) {
      problems.push(`${where('assessedOn')} ${assessedOn} 晚于今天`);
      assessedOn = null;
    }
  }

  const forcedRed = cellText(at('forcedRed'))
    .split(/[；;、,，\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '无' && s !== '否');
  return { row: rowNumber, creditCode, name, score, assessedOn, forcedRed, problems };
}
