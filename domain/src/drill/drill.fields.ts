/** The drill schemas' shared field shapes, each with its Chinese message naming the field. */
import '../shared/zod-locale';
import { z } from 'zod';

export const day = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD` });
export const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}格式不正确（应含时区，如 2025-11-20T09:00:00+08:00）` });
export const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(min, min <= 1 ? `${label}必须填写` : `${label}至少 ${min} 个字`)
    .max(max, `${label}最多 ${max} 个字`);
export const count = (label: string) =>
  z
    .number({ error: `${label}必须填写` })
    .int(`${label}必须是整数`)
    .min(0, `${label}不能为负数`)
    .max(1_000_000, `${label}过大`);
export const town = z.string({ error: '镇街必须选择' }).regex(/^\d{4}(\d{5})?$/, '所属区划代码应为 4 位（市）或 9 位（镇街）数字');
export const sha = z.string().regex(/^[0-9a-f]{64}$/, '附件标识不正确，请重新上传');
export const units = (label: string) => z.array(text(label, 2, 100)).max(100, `${label}最多 100 个`);
export const resourceIds = (label: string) =>
  z
    .array(z.number().int().positive(`${label}编号不正确`), { error: `${label}须为编号列表` })
    .max(30, `${label}最多关联 30 个`)
    .refine((ids) => new Set(ids).size === ids.length, `${label}不能重复关联`);
export const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** The OpenAPI tag of every drill, plan and training endpoint. */
export const DRILL_TAGS = ['drill'] as const;
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });
