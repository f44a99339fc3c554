import type { TCaseDocumentSettings } from './case.settings';

/** 文号: the body's abbreviation, the document kind's word, the year in 〔〕 and the sequence, e.g. 中应急罚〔2026〕12号. */
export const formatDocumentNumber = (abbreviation: string, kindWord: string, year: number, seq: number): string =>
  `${abbreviation}${kindWord}〔${year}〕${seq}号`;

/** A division's name without its level word: 中山市 → 中山, 坦洲镇 → 坦洲, 新塘街道 → 新塘 (the SQL in case.repo.ts `bodyNaming` strips the same words). */
export const shortDivisionName = (name: string): string => name.replace(/(市|镇|街道|区|县|乡)$/, '');

/**
 * The body's abbreviation (机关代字) from the setting, else its short name + 应急. A town whose short name another town of
 * the deployment shares (天河区新塘街道, 增城区新塘镇) takes its district's (else its city's) short name in front — 天河新塘应急,
 * 增城新塘应急 — so their document numbers never read alike; `qualifier` is that parent's name, given only then.
 */
export function bodyAbbreviation(
  settings: TCaseDocumentSettings,
  divisionCode: string,
  divisionName: string | null,
  qualifier: string | null = null,
): string {
  const set = settings.bodyAbbreviations[divisionCode];
  if (set) return set;
  return `${qualifier ? shortDivisionName(qualifier) : ''}${shortDivisionName(divisionName ?? divisionCode)}应急`;
}
