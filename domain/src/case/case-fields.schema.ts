import '../shared/zod-locale';
import { z } from 'zod';

/** Field schemas the case module's inputs share, each message naming the field. */
export const date = (label: string) => z.iso.date(`${label}格式应为 YYYY-MM-DD`);
export const id = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .positive(`${label}必须是正整数`);
export const fen = (label: string) =>
  z
    .number({ error: `${label}必须是数字（单位：分）` })
    .int(`${label}必须是整数（单位：分）`)
    .min(0, `${label}不能为负数`)
    .max(100_000_000_00, `${label}超出范围`);
export const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(min, `${label}必须填写`)
    .max(max, `${label}最多 ${max} 个字`);
export const ZCaseSha256Schema = z.string({ error: '附件编号必须填写' }).regex(/^[0-9a-f]{64}$/, '附件编号不正确');
export const divisionCode = z.string({ error: '办案机关必须选择' }).regex(/^\d{4}(\d{5})?$/, '办案机关（区划代码）不正确');

/** GB 11643 citizen ID number: 17 digits and a check character (0–9 or X). */
export const ZIdNumberSchema = z
  .string({ error: '身份证号码必须填写' })
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, '身份证号码应为 18 位（最后一位可为 X）')
  .refine((v) => idNumberValid(v), '身份证号码校验位不正确');

/** GB 11643-1999 check character: weights 2^(17-i) mod 11, check = (12 − Σ mod 11) mod 11, 10 → X. */
export function idNumberValid(v: string): boolean {
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return v[17] === (c === 10 ? 'X' : String(c));
}
