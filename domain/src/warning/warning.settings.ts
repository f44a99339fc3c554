import '../shared/zod-locale';
import { z } from 'zod';

export const WARNING_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type TWarningLevel = (typeof WARNING_LEVELS)[number];
export const WARNING_LEVEL_LABELS: Record<TWarningLevel, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

export const WARNING_KINDS = ['暴雨', '台风', '雷电', '大风', '高温', '寒冷', '森林火险', '地质灾害', '大雾', '冰雹', '干旱'] as const;

const minutes = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(1, `${label}不能少于 1 分钟`)
    .max(240, `${label}不能超过 240 分钟`);

/**
 * Call-and-answer (叫应): how long a recipient has to answer at each colour, how many times he is called again
 * before his superior is, how long an answer link stays valid, and which kinds and colours are first-answer (one
 * holder of a post answering is enough) rather than all-must-answer.
 */
export const ZWarningCallSchema = z.object({
  answerMinutes: z.object({
    blue: minutes('蓝色预警应答时限'),
    yellow: minutes('黄色预警应答时限'),
    orange: minutes('橙色预警应答时限'),
    red: minutes('红色预警应答时限'),
  }),
  repeats: z.number({ error: '重复呼叫次数必须是数字' }).int().min(0, '重复呼叫次数不能小于 0').max(3, '重复呼叫次数不能超过 3'),
  linkHours: z
    .number({ error: '应答链接有效期必须是数字' })
    .int()
    .min(1, '应答链接有效期至少 1 小时')
    .max(168, '应答链接有效期不能超过 7 天'),
  firstAnswer: z
    .array(
      z.object({ kind: z.string().min(1, '预警种类不能为空'), level: z.enum(WARNING_LEVELS, { error: '预警级别应为蓝、黄、橙、红之一' }) }),
    )
    .max(200),
});
export type TWarningCall = z.infer<typeof ZWarningCallSchema>;

export const DEFAULT_WARNING_CALL: TWarningCall = {
  answerMinutes: { blue: 30, yellow: 20, orange: 15, red: 10 },
  repeats: 1,
  linkHours: 24,
  firstAnswer: [
    { kind: '高温', level: 'blue' },
    { kind: '高温', level: 'yellow' },
    { kind: '寒冷', level: 'blue' },
    { kind: '寒冷', level: 'yellow' },
    { kind: '大雾', level: 'yellow' },
  ],
};

export const RESPONSE_LEVELS = ['IV', 'III', 'II', 'I'] as const;
export type TResponseLevel = (typeof RESPONSE_LEVELS)[number];

const hours = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(1, `${label}不能少于 1 小时`)
    .max(72, `${label}不能超过 72 小时`);

/** 会商研判 frequency each response level requires: at most this many hours between two consultations. */
export const ZConsultationFrequencySchema = z.object({
  IV: hours('Ⅳ级响应会商间隔'),
  III: hours('Ⅲ级响应会商间隔'),
  II: hours('Ⅱ级响应会商间隔'),
  I: hours('Ⅰ级响应会商间隔'),
});
export type TConsultationFrequency = z.infer<typeof ZConsultationFrequencySchema>;
export const DEFAULT_CONSULTATION_FREQUENCY: TConsultationFrequency = { IV: 24, III: 12, II: 6, I: 3 };
