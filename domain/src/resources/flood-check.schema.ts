/** Schemas of the flood-season checks (汛前检查): rounds with their checklists, recorded items, progress views. */
import '../shared/zod-locale';
import { z } from 'zod';
import { idParams } from '../shared/contract';
import { FLOOD_CHECK_LEVELS, checklistProblem } from './flood-check.rules';

const day = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD` });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, '照片编号不正确');

const ZCheckItemSchema = z.object({
  code: z
    .string({ error: '检查项编号必须填写' })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,12}$/, '检查项编号只能是 1–12 位字母、数字'),
  label: z.string({ error: '检查项内容必须填写' }).trim().min(1, '检查项内容必须填写').max(100, '检查项内容最多 100 个字'),
});
const checklist = (what: string) =>
  z
    .array(ZCheckItemSchema, { error: `${what}必须填写` })
    .max(30, `${what}最多 30 项`)
    .superRefine((items, ctx) => {
      const problem = checklistProblem(items, what);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const ZFloodCheckRoundInputSchema = z.object({
  name: z.string({ error: '检查名称必须填写' }).trim().min(1, '检查名称必须填写').max(60, '检查名称最多 60 个字'),
  season: z.number({ error: '汛期年份必须填写' }).int('汛期年份必须是整数').min(2000, '汛期年份不正确').max(2100, '汛期年份不正确'),
  startsOn: day('开始日期'),
  endsOn: day('结束日期'),
  departments: z
    .array(z.string().trim().min(1, '参检部门不能为空').max(40, '参检部门名称最多 40 个字'))
    .min(1, '至少要有一个参检部门')
    .max(20, '参检部门最多 20 个'),
  townItems: checklist('镇街“九必检”'),
  villageItems: checklist('村居“十个有”'),
});
export type TFloodCheckRoundInput = z.input<typeof ZFloodCheckRoundInputSchema>;

export const ZFloodCheckRoundSchema = ZFloodCheckRoundInputSchema.extend({
  id: z.number(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type TFloodCheckRound = z.infer<typeof ZFloodCheckRoundSchema>;

const ZTallySchema = z.object({
  units: z.number(),
  complete: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
  missingItems: z.number(),
  openProblems: z.number(),
});
const ZProgressSchema = z.object({
  total: z.number(),
  recorded: z.number(),
  present: z.number(),
  missing: z.array(z.string()),
  open: z.array(z.string()),
  state: z.enum(['not_started', 'in_progress', 'complete']),
});
export type TFloodCheckProgressDto = z.infer<typeof ZProgressSchema>;

/** A round with the city summary and each town's own progress and its villages' tally. */
export const ZFloodCheckRoundViewSchema = z.object({
  round: ZFloodCheckRoundSchema,
  towns: ZTallySchema,
  villages: ZTallySchema,
  byTown: z.array(z.object({ divisionCode: z.string(), divisionName: z.string(), progress: ZProgressSchema, villages: ZTallySchema })),
});
export type TFloodCheckRoundView = z.infer<typeof ZFloodCheckRoundViewSchema>;

export const ZFloodCheckUnitParamsSchema = idParams('检查轮次编号').extend({
  code: z.string().regex(/^\d{9}(\d{3})?$/, '镇街代码应为 9 位、村居代码应为 12 位数字'),
});

const ZResultSchema = z.object({
  present: z.boolean(),
  note: z.string(),
  department: z.string(),
  checkedByName: z.string(),
  checkedOn: z.string(),
  fixedOn: z.string().nullable(),
  fixNote: z.string(),
  photos: z.array(z.string()),
});

/** One town's 九必检 (with its villages' progress) or one village's 十个有. */
export const ZFloodCheckUnitSchema = z.object({
  roundId: z.number(),
  roundName: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.enum(FLOOD_CHECK_LEVELS),
  townCode: z.string(),
  townName: z.string(),
  departments: z.array(z.string()),
  items: z.array(z.object({ code: z.string(), label: z.string(), result: ZResultSchema.nullable() })),
  progress: ZProgressSchema,
  villages: z.array(z.object({ code: z.string(), name: z.string(), progress: ZProgressSchema })),
});
export type TFloodCheckUnit = z.infer<typeof ZFloodCheckUnitSchema>;

export const ZFloodCheckRecordSchema = z.object({
  department: z.string({ error: '检查部门必须选择' }).trim().min(1, '检查部门必须选择').max(40),
  checkedOn: day('检查日期'),
  entries: z
    .array(
      z.object({
        itemCode: z.string().trim().min(1).max(12),
        present: z.boolean({ error: '请选择有或缺' }),
        note: z.string().trim().max(300, '情况说明最多 300 个字').default(''),
        photos: z.array(sha256).max(6, '每项最多 6 张照片').default([]),
      }),
    )
    .min(1, '至少填写一项检查结果')
    .max(30),
});
export type TFloodCheckRecord = z.input<typeof ZFloodCheckRecordSchema>;

export const ZFloodCheckFixParamsSchema = ZFloodCheckUnitParamsSchema.extend({
  item: z.string().regex(/^[A-Za-z0-9_-]{1,12}$/, '检查项编号不正确'),
});
export const ZFloodCheckFixSchema = z.object({
  fixedOn: day('整改日期'),
  note: z.string({ error: '整改情况必须填写' }).trim().min(1, '整改情况必须填写').max(300, '整改情况最多 300 个字'),
});
