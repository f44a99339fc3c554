import '../shared/zod-locale';
import { z } from 'zod';

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`);

/**
 * Thresholds and time limits of the penalty procedure (行政处罚法 2021, DOMAIN.md §2). The law's figures are the
 * defaults; every [open] one (statement period, hearing thresholds, 应急管理部令第18号) is here so a bureau can
 * change it without a release. Money in fen.
 */
export const ZCaseProcedureSettingsSchema = z.object({
  // art. 42: two or more certified officers
  minOfficers: int('最少承办人数', 2, 10),
  // art. 57 + Zhongshan bureau rule: individual fine ≥ 5,000 yuan, any confiscation
  deliberationPersonFineFen: int('个人罚款集体讨论起点（分）', 0, 1_000_000_000),
  deliberationUnitFineFen: int('单位罚款集体讨论起点（分，0 为不设）', 0, 10_000_000_000),
  deliberationOnConfiscation: z.boolean({ error: '没收是否集体讨论应为是或否' }),
  // art. 58 (4) "other cases the law requires": the bureau's additions
  legalReviewAllGeneral: z.boolean({ error: '是否所有普通程序案件均须法制审核应为是或否' }),
  legalReviewFineFen: int('法制审核罚款起点（分，0 为不设）', 0, 10_000_000_000),
  // DOMAIN.md §2 (arts. 33, 58): a decision not to penalise is reviewed first; default so stored settings still parse
  legalReviewNoPenalty: z.boolean({ error: '不予处罚是否须法制审核应为是或否' }).default(true),
  // art. 63: 较大数额 is set by the province; Guangdong's values [secondary], see CASE_PROCEDURE_SOURCES
  hearingPersonFineFen: int('个人听证罚款起点（分）', 0, 1_000_000_000),
  hearingUnitFineFen: int('单位听证罚款起点（分）', 0, 10_000_000_000),
  hearingConfiscationFen: int('听证没收起点（分）', 0, 10_000_000_000),
  hearingRequestDays: int('申请听证期限（天）', 1, 30),
  hearingNoticeDays: int('听证提前通知（天）', 1, 30),
  /** 陈述、申辩 period after the notice when no hearing applies [open: not fixed by the law]. */
  statementDays: int('陈述申辩期限（天）', 0, 30),
  // art. 60
  decisionDays: int('作出决定期限（天）', 1, 365),
  // art. 61
  serviceDays: int('送达期限（天）', 1, 30),
  // art. 67
  paymentDays: int('缴纳罚款期限（天）', 1, 60),
  // art. 72: 3 % a day
  surchargePercentPerDay: int('加处罚款比例（每日百分之）', 0, 10),
  // art. 36
  limitationYears: int('一般追责时效（年）', 1, 10),
  limitationYearsHarm: int('危害生命健康安全追责时效（年）', 1, 20),
  // art. 51
  simplePersonFineFen: int('简易程序个人罚款上限（分）', 0, 1_000_000),
  simpleUnitFineFen: int('简易程序单位罚款上限（分）', 0, 10_000_000),
  dueSoonDays: int('即将到期提醒（天）', 1, 60),
  // 行政强制法 arts. 54, 69: the 催告 gives at least 10 days, working days (defaults so stored settings still parse)
  demandComplyDays: int('催告履行期限（工作日）', 10, 60).default(10),
  // 行政诉讼法 art. 46: six months to sue after learning of the decision; 行政强制法 art. 53: apply within 3 months after
  suitMonths: int('提起行政诉讼期限（月）', 1, 24).default(6),
  enforcementApplyMonths: int('申请强制执行期限（月）', 1, 12).default(3),
  /** The longest schedule the bureau approves under art. 66 [open: the law sets none]. */
  paymentPlanMaxMonths: int('暂缓或分期缴纳最长期限（月）', 1, 36).default(12),
});
export type TCaseProcedureSettings = z.infer<typeof ZCaseProcedureSettingsSchema>;
export const DEFAULT_CASE_PROCEDURE: TCaseProcedureSettings = {
  minOfficers: 2,
  deliberationPersonFineFen: 500_000,
  deliberationUnitFineFen: 0,
  deliberationOnConfiscation: true,
  legalReviewAllGeneral: false,
  legalReviewFineFen: 0,
  legalReviewNoPenalty: true,
  hearingPersonFineFen: 500_000,
  hearingUnitFineFen: 10_000_000,
  hearingConfiscationFen: 3_000_000,
  hearingRequestDays: 5,
  hearingNoticeDays: 7,
  statementDays: 3,
  decisionDays: 90,
  serviceDays: 7,
  paymentDays: 15,
  surchargePercentPerDay: 3,
  limitationYears: 2,
  limitationYearsHarm: 5,
  simplePersonFineFen: 20_000,
  simpleUnitFineFen: 300_000,
  dueSoonDays: 7,
  demandComplyDays: 10,
  suitMonths: 6,
  enforcementApplyMonths: 3,
  paymentPlanMaxMonths: 12,
};

/** Where a shipped default comes from; `sourced: false` when no primary text was read (the page says so). */
export interface TSettingSource {
  /** The rule and article as cited, with what is known of the citation. */
  source: string;
  /** True only when the primary text was read and the value checked against it. */
  sourced: boolean;
  /** Unsourced but cited from a secondary source (true), or with no source found at all (false). */
  secondary: boolean;
}

const MINISTRY_FALLBACK =
  '《安全生产违法行为行政处罚办法》（2015 年修正）第三十三条规定省级未规定数额的，对个人罚款 2 万元以上、对生产经营单位罚款 5 万元以上为较大数额（亦为二手资料，本系统不采用；该办法已由应急管理部令第18号修订，2026 年 2 月 1 日起施行，新文本未读）';

/**
 * The sources of the hearing thresholds (行政处罚法 art. 63: 较大数额 is the province's). Guangdong's figures come from a
 * secondary source: the primary text could not be found, so each is marked unsourced until a legal officer checks it.
 * A bureau's saved value is its own; the source speaks of the shipped default only.
 */
export const CASE_PROCEDURE_SOURCES: Partial<Record<keyof TCaseProcedureSettings, TSettingSource>> = {
  hearingPersonFineFen: {
    source: `《广东省行政处罚听证程序实施办法》：对公民处以 5,000 元以上罚款为较大数额罚款（转引自二手资料，原文未查到）。${MINISTRY_FALLBACK}`,
    sourced: false,
    secondary: true,
  },
  hearingUnitFineFen: {
    source: `《广东省行政处罚听证程序实施办法》：对法人或者其他组织处以 100,000 元以上罚款为较大数额罚款（转引自二手资料，原文未查到）。${MINISTRY_FALLBACK}`,
    sourced: false,
    secondary: true,
  },
  hearingConfiscationFen: {
    source: '没收较大数额违法所得、非法财物的数额：未找到广东省的规定，30,000 元为本系统原有值，出处不明，请法制部门核实',
    sourced: false,
    secondary: false,
  },
};

/** Document numbers (文号): each body's abbreviation and each document kind's word, e.g. 中应急罚〔2026〕12号. */
export const ZCaseDocumentSettingsSchema = z.object({
  /** Division code → abbreviation (机关代字); a body not listed uses its name + 应急. */
  bodyAbbreviations: z.record(z.string().regex(/^\d{4}(\d{5})?$/, '区划代码不正确'), z.string().trim().min(1).max(20)),
  kindWords: z.object({
    filing: z.string().trim().min(1).max(10),
    inquiry: z.string().trim().min(1).max(10),
    notice: z.string().trim().min(1).max(10),
    hearing_notice: z.string().trim().min(1).max(10),
    decision: z.string().trim().min(1).max(10),
    service: z.string().trim().min(1).max(10),
    closing: z.string().trim().min(1).max(10),
    demand: z.string().trim().min(1).max(10).default('催'),
    enforcement: z.string().trim().min(1).max(10).default('强执'),
    daily_fine: z.string().trim().min(1).max(10).default('按日罚'),
  }),
});
export type TCaseDocumentSettings = z.infer<typeof ZCaseDocumentSettingsSchema>;
export const DEFAULT_CASE_DOCUMENTS: TCaseDocumentSettings = {
  bodyAbbreviations: { '4420': '中应急' },
  kindWords: {
    filing: '立',
    inquiry: '询',
    notice: '告',
    hearing_notice: '听告',
    decision: '罚',
    service: '送',
    closing: '结',
    demand: '催',
    enforcement: '强执',
    daily_fine: '按日罚',
  },
};
