import '../shared/zod-locale';
import { z } from 'zod';

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`);

/** Password and session policy; the defaults follow the seed (strong passwords, forced periodic change). */
export const ZPasswordPolicySchema = z.object({
  minLength: int('最短长度', 8, 64),
  minClasses: int('字符类别数', 1, 4),
  forbidUsername: z.boolean(),
  historyCount: int('不得重复的历史密码数', 0, 24),
  maxAgeDays: int('密码有效期（天）', 1, 3650),
  maxFailedAttempts: int('连续失败次数上限', 1, 100),
  lockoutMinutes: int('锁定时长（分钟）', 1, 1440),
  sessionIdleMinutes: int('会话空闲超时（分钟）', 1, 1440),
});
export type TPasswordPolicy = z.infer<typeof ZPasswordPolicySchema>;

export const DEFAULT_PASSWORD_POLICY: TPasswordPolicy = {
  minLength: 12,
  minClasses: 3,
  forbidUsername: true,
  historyCount: 5,
  maxAgeDays: 90,
  maxFailedAttempts: 5,
  lockoutMinutes: 15,
  sessionIdleMinutes: 30,
};

/** The bureau as its reports name it: the header of the statistics workbook and the issuer of the Word summary. */
export const ZReportSettingsSchema = z.object({
  bureauName: z.string({ error: '机关名称必须是文字' }).trim().min(2, '机关名称至少 2 个字').max(40, '机关名称不能超过 40 个字'),
});
export type TReportSettings = z.infer<typeof ZReportSettingsSchema>;
export const DEFAULT_REPORT_SETTINGS: TReportSettings = { bureauName: '中山市应急管理局' };
