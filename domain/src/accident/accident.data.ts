/**
 * Reference data the accident module ships: GB 6441-1986 《企业职工伤亡事故分类》 accident classes (事故类别, 20 classes),
 * the kinds of natural-disaster emergencies the duty room receives, the industries the statistics group by, and the
 * levels of the report chain. Codes are stable English identifiers; labels are what users see.
 */

/** GB 6441-1986 appendix A.6: the 20 accident classes. */
export const ACCIDENT_TYPES = [
  { code: 'struck_by_object', label: '物体打击' },
  { code: 'vehicle', label: '车辆伤害' },
  { code: 'machinery', label: '机械伤害' },
  { code: 'lifting', label: '起重伤害' },
  { code: 'electrocution', label: '触电' },
  { code: 'drowning', label: '淹溺' },
  { code: 'scald', label: '灼烫' },
  { code: 'fire', label: '火灾' },
  { code: 'fall_from_height', label: '高处坠落' },
  { code: 'collapse', label: '坍塌' },
  { code: 'roof_fall', label: '冒顶片帮' },
  { code: 'flooding', label: '透水' },
  { code: 'blasting', label: '放炮' },
  { code: 'gas_explosion', label: '瓦斯爆炸' },
  { code: 'gunpowder_explosion', label: '火药爆炸' },
  { code: 'boiler_explosion', label: '锅炉爆炸' },
  { code: 'vessel_explosion', label: '容器爆炸' },
  { code: 'other_explosion', label: '其他爆炸' },
  { code: 'poisoning_asphyxia', label: '中毒和窒息' },
  { code: 'other_injury', label: '其他伤害' },
] as const;
export type TAccidentType = (typeof ACCIDENT_TYPES)[number]['code'];
export const ACCIDENT_TYPE_CODES = ACCIDENT_TYPES.map((t) => t.code) as [TAccidentType, ...TAccidentType[]];
export const ACCIDENT_TYPE_LABELS = Object.fromEntries(ACCIDENT_TYPES.map((t) => [t.code, t.label])) as Record<TAccidentType, string>;

/** Natural-disaster and other emergencies (突发事件信息) reported through the same chain. */
export const EMERGENCY_TYPES = [
  { code: 'rainstorm', label: '暴雨' },
  { code: 'typhoon', label: '台风' },
  { code: 'waterlogging', label: '内涝' },
  { code: 'forest_fire', label: '森林火灾' },
  { code: 'geological', label: '地质灾害' },
  { code: 'other', label: '其他突发事件' },
] as const;
export type TEmergencyType = (typeof EMERGENCY_TYPES)[number]['code'];
export const EMERGENCY_TYPE_CODES = EMERGENCY_TYPES.map((t) => t.code) as [TEmergencyType, ...TEmergencyType[]];
export const EMERGENCY_TYPE_LABELS = Object.fromEntries(EMERGENCY_TYPES.map((t) => [t.code, t.label])) as Record<TEmergencyType, string>;

/**
 * Industries the statistics compare (the seed's "工贸"): a registered firm's supervision-category group, or, for a
 * party outside the registry, the one the reporter picks.
 */
export const ACCIDENT_INDUSTRIES = ['工贸', '危险化学品', '烟花爆竹', '非煤矿山', '建筑施工', '道路运输', '其他'] as const;
export type TAccidentIndustry = (typeof ACCIDENT_INDUSTRIES)[number];

/** The report chain, bottom up (条例 art. 9–10). */
export const REPORT_LEVELS = ['unit', 'town', 'city', 'province', 'ministry'] as const;
export type TReportLevel = (typeof REPORT_LEVELS)[number];
export const REPORT_LEVEL_LABELS: Record<TReportLevel, string> = {
  unit: '事故单位',
  town: '镇街',
  city: '市应急管理局',
  province: '省应急管理厅',
  ministry: '应急管理部',
};

export const ACCIDENT_GRADES = ['general', 'larger', 'major', 'especially_major'] as const;
export type TAccidentGrade = (typeof ACCIDENT_GRADES)[number];
export const ACCIDENT_GRADE_LABELS: Record<TAccidentGrade, string> = {
  general: '一般',
  larger: '较大',
  major: '重大',
  especially_major: '特别重大',
};

/** Findings an officer records against a report (应急管理部令第14号). 迟报 is computed by the clocks, never typed. */
export const REPORT_FINDING_KINDS = ['omitted', 'false', 'concealed'] as const;
export type TReportFindingKind = (typeof REPORT_FINDING_KINDS)[number];
export const REPORT_FINDING_LABELS: Record<TReportFindingKind, string> = { omitted: '漏报', false: '谎报', concealed: '瞒报' };

export const DUTY_POSTS = ['leader', 'chief', 'officer'] as const;
export type TDutyPost = (typeof DUTY_POSTS)[number];
export const DUTY_POST_LABELS: Record<TDutyPost, string> = { leader: '带班领导', chief: '值班长', officer: '值班员' };

export const DUTY_LOG_KINDS = ['call', 'report', 'action', 'handover'] as const;
export type TDutyLogKind = (typeof DUTY_LOG_KINDS)[number];
export const DUTY_LOG_KIND_LABELS: Record<TDutyLogKind, string> = { call: '来电', report: '接报', action: '处置', handover: '交接班' };
