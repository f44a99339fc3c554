/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015, with the organisation-code check of GB 11714
 * at position 17 (DOMAIN.md §7).
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS_32100 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const WEIGHTS_11714 = [3, 7, 9, 10, 5, 8, 4, 2];
// GB 32100 登记管理部门代码: 1 机构编制 … 9 市场监管, A 中央军委改革和编制办公室, N 农业, Y 其他.
const AUTHORITIES = '123456789ANY';

export type TCreditCodeResult = { ok: true; code: string } | { ok: false; message: string; position?: number };

/** GB 32100 check character (position 18) over the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS_32100[i]!;
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c]!;
}

const value11714 = (ch: string): number => (ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55);

/** GB 11714 check character of the 8-character organisation code body (position 17 of a credit code). */
export function organisationCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += value11714(body8[i]!) * WEIGHTS_11714[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Checks a code and names the first thing wrong with it, in Chinese (the bad character, or the check digit). */
export function validateCreditCode(input: string): TCreditCodeResult {
  const code = input.trim().toUpperCase();
  if (code.length === 0) return { ok: false, message: '统一社会信用代码不能为空' };
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为 18 位，实际为 ${code.length} 位` };
  for (let i = 0; i < 18; i++) {
    const ch = code[i]!;
    if (!ALPHABET.includes(ch)) {
      const hint = 'IOSVZ'.includes(ch) ? '（统一社会信用代码不使用 I、O、S、V、Z）' : '';
      return { ok: false, position: i + 1, message: `统一社会信用代码第 ${i + 1} 位字符“${ch}”不合法${hint}` };
    }
  }
  if (!AUTHORITIES.includes(code[0]!)) {
    return { ok: false, position: 1, message: `统一社会信用代码第 1 位（登记管理部门代码）“${code[0]}”不存在` };
  }
  for (let i = 2; i < 8; i++) {
    if (!/[0-9]/.test(code[i]!)) {
      return { ok: false, position: i + 1, message: `统一社会信用代码第 ${i + 1} 位应为数字（第 3–8 位是行政区划码），实际为“${code[i]}”` };
    }
  }
  const org = organisationCodeCheckChar(code.slice(8, 16));
  if (code[16] !== org) {
    return { ok: false, position: 17, message: `统一社会信用代码第 17 位（组织机构代码校验码）应为 ${org}，实际为 ${code[16]}` };
  }
  const check = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== check) {
    return { ok: false, position: 18, message: `统一社会信用代码第 18 位校验码应为 ${check}，实际为 ${code[17]}` };
  }
  return { ok: true, code };
}

/**
 * Completes a 16-character stem (authority, type, division, organisation body) into a valid code by adding
 * both check characters; the data generator and tests use it.
 */
export function completeCreditCode(stem16: string): string {
  const first17 = stem16 + organisationCodeCheckChar(stem16.slice(8, 16));
  return first17 + creditCodeCheckChar(first17);
}
