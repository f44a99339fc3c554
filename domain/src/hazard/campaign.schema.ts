import '../shared/zod-locale';
import { z } from 'zod';

const date = (label: string) => z.iso.date(`${label}格式应为 YYYY-MM-DD`);
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(min, `${label}必须填写`)
    .max(max, `${label}最多 ${max} 个字`);

/** 专项行动: a tag with a start and an end, so its figures come out of the records. */
export const ZCampaignCreateSchema = z
  .object({
    name: text('专项行动名称', 2, 100),
    startsOn: date('开始日期'),
    endsOn: date('结束日期'),
    note: z.string().trim().max(1000).nullable().optional(),
    /** The bureau (4420) or one town; default: the user's own division. */
    divisionCode: z
      .string()
      .regex(/^(\d{4}|\d{9})$/, '专项行动的区划应为市（4 位）或镇街（9 位）代码')
      .optional(),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: '结束日期不能早于开始日期' });
export type TCampaignCreate = z.infer<typeof ZCampaignCreateSchema>;

export const ZCampaignSchema = z.object({
  id: z.number(),
  name: z.string(),
  divisionCode: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  note: z.string().nullable(),
  /** From the records: inspections in the period (家次), hazards tagged, of them closed. */
  inspections: z.number(),
  hazards: z.number(),
  hazardsClosed: z.number(),
});
export type TCampaign = z.infer<typeof ZCampaignSchema>;
