import { describe, expect, it } from 'vitest';
import { completeCreditCode, creditCodeCheckChar, organisationCodeCheckChar, validateCreditCode } from './credit-code.rules';

describe('unified social credit code (GB 32100 with GB 11714)', () => {
  it.each(['914403001922038216', '91110108551385082Q', ' 91110108551385082q '])('accepts %s (DOMAIN.md §7)', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code: code.trim().toUpperCase() });
  });

  it.each([
    ['', '统一社会信用代码不能为空'],
    ['91440300192203821', '统一社会信用代码应为 18 位，实际为 17 位'],
    ['9144030019220382166', '统一社会信用代码应为 18 位，实际为 19 位'],
    ['91440300I922038216', '统一社会信用代码第 9 位字符“I”不合法（统一社会信用代码不使用 I、O、S、V、Z）'],
    ['914403001922038S16', '统一社会信用代码第 16 位字符“S”不合法（统一社会信用代码不使用 I、O、S、V、Z）'],
    ['91440300192203821-', '统一社会信用代码第 18 位字符“-”不合法'],
    ['B14403001922038216', '统一社会信用代码第 1 位（登记管理部门代码）“B”不存在'],
    ['9144A3001922038216', '统一社会信用代码第 5 位应为数字（第 3–8 位是行政区划码），实际为“A”'],
    ['914403001922038236', '统一社会信用代码第 17 位（组织机构代码校验码）应为 1，实际为 3'],
    ['914403001922038217', '统一社会信用代码第 18 位校验码应为 6，实际为 7'],
    ['91110108551385082R', '统一社会信用代码第 18 位校验码应为 Q，实际为 R'],
  ])('refuses %j: %s', (code, message) => {
    expect(validateCreditCode(code)).toMatchObject({ ok: false, message });
  });

  it('maps a remainder of 31 to 0 and GB 11714 remainders 10 → X, 11 → 0', () => {
    // Search a small space for stems that hit each edge, then check the rule holds there.
    const seen = { x: false, zero11714: false, zero32100: false };
    for (let n = 0; n < 20000 && !(seen.x && seen.zero11714 && seen.zero32100); n++) {
      const body = String(n).padStart(8, '0');
      const org = organisationCodeCheckChar(body);
      if (org === 'X') seen.x = true;
      if (org === '0') seen.zero11714 = true;
      const code = completeCreditCode(`91442000${body}`);
      if (code[17] === '0') seen.zero32100 = true;
      expect(validateCreditCode(code).ok).toBe(true);
    }
    expect(seen).toEqual({ x: true, zero11714: true, zero32100: true });
    expect(creditCodeCheckChar('91110108551385082')).toBe('Q');
  });
});
