import '../shared/zod-locale';
import { z } from 'zod';
import { CATEGORY_CODES, SUPERVISING_LEVELS, ZSupervisionCategorySchema } from '../enterprise/enterprise.schema';
import { DEFAULT_INDUSTRY_MAP, DEFAULT_POWERS } from '../enterprise/supervision.rules';
import { DEFAULT_PASSWORD_POLICY, ZPasswordPolicySchema } from '../org/settings.schema';
import { DEFAULT_REPORT_SETTINGS, ZReportSettingsSchema } from '../org/settings.schema';
import {
  DEFAULT_RISK_ASSESSMENT,
  DEFAULT_RISK_DYNAMIC,
  ZRiskAssessmentSettingsSchema,
  ZRiskDynamicSettingsSchema,
} from '../risk/risk.settings';
import {
  DEFAULT_INSPECTION_FREQUENCY,
  DEFAULT_INSPECTION_PUBLICATION,
  ZInspectionFrequencySchema,
  ZInspectionPublicationSchema,
} from '../inspection/inspection.settings';
import { DEFAULT_HAZARD_SETTINGS, ZHazardSettingsSchema } from '../hazard/hazard.settings';
import { DEFAULT_WORK_CALENDAR, ZWorkCalendarSchema } from '../shared/workdays';
import {
  DEFAULT_CASE_DOCUMENTS,
  DEFAULT_CASE_PROCEDURE,
  ZCaseDocumentSettingsSchema,
  ZCaseProcedureSettingsSchema,
} from '../case/case.settings';
import { DEFAULT_DRILL_DUTY_SETTING, ZDrillDutiesSchema } from '../drill/drill.settings';
import { DEFAULT_RESOURCES_SETTINGS, ZResourcesSettingsSchema } from '../resources/resources.settings';
import { DEFAULT_RESERVE_GUIDANCE, ZReserveGuidanceSchema } from '../resources/minimum.rules';
import { DEFAULT_NOTIFICATION_GATEWAY, ZNotificationGatewaySchema } from '../notification/notification.settings';
import {
  DEFAULT_CONSULTATION_FREQUENCY,
  DEFAULT_WARNING_CALL,
  ZConsultationFrequencySchema,
  ZWarningCallSchema,
} from '../warning/warning.settings';
import { DEFAULT_FIRE_SETTINGS, ZFireSettingsSchema } from '../fire/fire.settings';

const ZPowersSchema = z.record(z.enum(CATEGORY_CODES), z.enum(SUPERVISING_LEVELS, { error: '监管层级应为 city（市级）或 town（镇街）' }));
const ZIndustryMapSchema = z
  .array(
    z.object({
      prefix: z.string().regex(/^\d{2,4}$/, '行业代码前缀应为 2–4 位数字'),
      category: ZSupervisionCategorySchema,
    }),
  )
  .max(2000);

/** Every setting: its key, schema and default in code; the database stores only what a bureau changed. */
export const SETTINGS = {
  passwordPolicy: { schema: ZPasswordPolicySchema, default: DEFAULT_PASSWORD_POLICY, label: '密码与会话策略' },
  enterprisePowers: { schema: ZPowersSchema, default: DEFAULT_POWERS, label: '市镇两级执法权责清单（监管类别 → 监管层级）' },
  industryCategoryMap: { schema: ZIndustryMapSchema, default: DEFAULT_INDUSTRY_MAP, label: '国民经济行业代码 → 监管类别对照表' },
  riskAssessment: { schema: ZRiskAssessmentSettingsSchema, default: DEFAULT_RISK_ASSESSMENT, label: '风险评估分数线与有效期' },
  riskDynamic: { schema: ZRiskDynamicSettingsSchema, default: DEFAULT_RISK_DYNAMIC, label: '风险等级动态调整规则' },
  inspectionFrequency: {
    schema: ZInspectionFrequencySchema,
    default: DEFAULT_INSPECTION_FREQUENCY,
    label: '各风险等级每年检查频次（最少/最多）',
  },
  inspectionPublication: {
    schema: ZInspectionPublicationSchema,
    default: DEFAULT_INSPECTION_PUBLICATION,
    label: '双随机检查：公示期限与最少执法人员',
  },
  hazard: { schema: ZHazardSettingsSchema, default: DEFAULT_HAZARD_SETTINGS, label: '隐患治理：复产审查期限、整改期限上限、临期提醒' },
  caseProcedure: {
    schema: ZCaseProcedureSettingsSchema,
    default: DEFAULT_CASE_PROCEDURE,
    label: '行政处罚程序：法制审核、集体讨论、听证起点与各项期限',
  },
  caseDocuments: { schema: ZCaseDocumentSettingsSchema, default: DEFAULT_CASE_DOCUMENTS, label: '执法文书文号：机关代字与文书代字' },
  workCalendar: {
    schema: ZWorkCalendarSchema,
    default: DEFAULT_WORK_CALENDAR,
    label: '工作日历：国务院办公厅每年公布的放假与调休上班日（行政处罚法第八十五条，十日以内的期限按工作日计）',
  },
  drillDuties: {
    schema: ZDrillDutiesSchema,
    default: DEFAULT_DRILL_DUTY_SETTING,
    label: '应急预案演练周期（按预案层级、类别；同时适用多条时取最短）',
  },
  resources: {
    schema: ZResourcesSettingsSchema,
    default: DEFAULT_RESOURCES_SETTINGS,
    label: '应急物资与避难场所：二级审批金额与物资、临期天数、人均避难面积、本市坐标范围、镇街人口',
  },
  reserveGuidance: {
    schema: ZReserveGuidanceSchema,
    default: DEFAULT_RESERVE_GUIDANCE,
    label: '应急物资储备指导标准：各级仓库每种物资的最低储备及依据文件',
  },
  notificationGateway: {
    schema: ZNotificationGatewaySchema,
    default: DEFAULT_NOTIFICATION_GATEWAY,
    label: '短信与语音网关：地址、凭据、超时与重试',
  },
  warningCall: {
    schema: ZWarningCallSchema,
    default: DEFAULT_WARNING_CALL,
    label: '预警叫应：各级应答时限、重复呼叫、链接有效期、首答即可的种类',
  },
  consultationFrequency: {
    schema: ZConsultationFrequencySchema,
    default: DEFAULT_CONSULTATION_FREQUENCY,
    label: '应急响应会商频次：各级响应两次会商的最长间隔（小时）',
  },
  fire: {
    schema: ZFireSettingsSchema,
    default: DEFAULT_FIRE_SETTINGS,
    label: '森林防火：告警合并半径与时间窗、签收时限、心跳超时、省平台转发',
  },
  report: { schema: ZReportSettingsSchema, default: DEFAULT_REPORT_SETTINGS, label: '统计报告：统计表表头与文字综述落款的机关名称' },
} as const;
export type TSettingKey = keyof typeof SETTINGS;
export type TSettings = { [K in TSettingKey]: z.infer<(typeof SETTINGS)[K]['schema']> };

export const ZSettingKeySchema = z.enum(Object.keys(SETTINGS) as [TSettingKey, ...TSettingKey[]], {
  error: '没有这个设置项',
});

export const ZSettingsSchema = z.object({
  passwordPolicy: ZPasswordPolicySchema,
  enterprisePowers: ZPowersSchema,
  industryCategoryMap: ZIndustryMapSchema,
  riskAssessment: ZRiskAssessmentSettingsSchema,
  riskDynamic: ZRiskDynamicSettingsSchema,
  inspectionFrequency: ZInspectionFrequencySchema,
  inspectionPublication: ZInspectionPublicationSchema,
  hazard: ZHazardSettingsSchema,
  caseProcedure: ZCaseProcedureSettingsSchema,
  caseDocuments: ZCaseDocumentSettingsSchema,
  workCalendar: ZWorkCalendarSchema,
  drillDuties: ZDrillDutiesSchema,
  resources: ZResourcesSettingsSchema,
  reserveGuidance: ZReserveGuidanceSchema,
  notificationGateway: ZNotificationGatewaySchema,
  warningCall: ZWarningCallSchema,
  consultationFrequency: ZConsultationFrequencySchema,
  fire: ZFireSettingsSchema,
  report: ZReportSettingsSchema,
});
