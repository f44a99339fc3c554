/** Reference lists of the resources module: warehouse kinds, item categories, movement kinds, loan states, shelters. */

export const WAREHOUSE_KINDS = ['city', 'town', 'prepositioned'] as const;
export type TWarehouseKind = (typeof WAREHOUSE_KINDS)[number];
export const WAREHOUSE_KIND_LABELS: Record<TWarehouseKind, string> = { city: '市级仓库', town: '镇街仓库', prepositioned: '前置点' };

export const ITEM_CATEGORIES = ['flood', 'relief', 'living', 'fire', 'communication', 'rescue', 'other'] as const;
export type TItemCategory = (typeof ITEM_CATEGORIES)[number];
export const ITEM_CATEGORY_LABELS: Record<TItemCategory, string> = {
  flood: '三防物资',
  relief: '救灾物资',
  living: '生活救助类',
  fire: '灭火物资',
  communication: '通信装备',
  rescue: '救援装备',
  other: '其他',
};

export const RECEIPT_SOURCES = ['purchase', 'donation', 'allocation'] as const;
export type TReceiptSource = (typeof RECEIPT_SOURCES)[number];
export const RECEIPT_SOURCE_LABELS: Record<TReceiptSource, string> = { purchase: '采购', donation: '捐赠', allocation: '调拨' };

/** Every change of a lot's quantity is one of these; the quantity of a movement is signed (+ in, − out). */
export const MOVEMENT_KINDS = [
  'receipt',
  'issue',
  'transfer_out',
  'transfer_in',
  'write_off',
  'loan_out',
  'loan_return',
  'adjust',
] as const;
export type TMovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_KIND_LABELS: Record<TMovementKind, string> = {
  receipt: '入库',
  issue: '出库',
  transfer_out: '调出',
  transfer_in: '调入',
  write_off: '报废核销',
  loan_out: '出借',
  loan_return: '归还入库',
  adjust: '盘点调整',
};

export const LOAN_STATES = ['requested', 'approved', 'issued', 'returning', 'closed', 'refused', 'cancelled'] as const;
export type TLoanState = (typeof LOAN_STATES)[number];
export const LOAN_STATE_LABELS: Record<TLoanState, string> = {
  requested: '待审批',
  approved: '已批准待出库',
  issued: '已出借',
  returning: '部分归还',
  closed: '已结清',
  refused: '未批准',
  cancelled: '已撤回',
};

export const RETURN_CONDITIONS = ['good', 'damaged', 'consumed', 'lost'] as const;
export type TReturnCondition = (typeof RETURN_CONDITIONS)[number];
export const RETURN_CONDITION_LABELS: Record<TReturnCondition, string> = {
  good: '完好',
  damaged: '损坏',
  consumed: '已消耗',
  lost: '丢失',
};

export const ALERT_KINDS = ['below_minimum', 'expiring', 'expired', 'maintenance_due', 'loan_overdue'] as const;
export type TAlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_KIND_LABELS: Record<TAlertKind, string> = {
  below_minimum: '低于最低储备',
  expiring: '临近有效期',
  expired: '已过有效期',
  maintenance_due: '到期未保养',
  loan_overdue: '出借逾期未还',
};

/** 应急避难场所 kinds (the seed's census list, GB/T 44013-2024 terms for level and class). */
export const SHELTER_KINDS = [
  'school',
  'technical_school',
  'stadium',
  'cultural_venue',
  'cultural_centre',
  'welfare',
  'civil_defence',
  'park',
  'other',
] as const;
export type TShelterKind = (typeof SHELTER_KINDS)[number];
export const SHELTER_KIND_LABELS: Record<TShelterKind, string> = {
  school: '中小学校',
  technical_school: '技工学校',
  stadium: '体育馆',
  cultural_venue: '文化场馆',
  cultural_centre: '文化服务中心',
  welfare: '福利设施',
  civil_defence: '人防工程',
  park: '公园广场',
  other: '其他',
};
export const SHELTER_LEVELS = ['city', 'county', 'town', 'community'] as const;
export type TShelterLevel = (typeof SHELTER_LEVELS)[number];
export const SHELTER_LEVEL_LABELS: Record<TShelterLevel, string> = {
  city: '市级',
  county: '县级',
  town: '乡镇（街道）级',
  community: '社区（村）级',
};
/** GB/T 44013-2024: 综合性 / 单一性 shelters by the hazards they serve, and 长期 / 中期 / 短期 / 紧急 by stay. */
export const SHELTER_CLASSES = ['long_term', 'medium_term', 'short_term', 'immediate'] as const;
export type TShelterClass = (typeof SHELTER_CLASSES)[number];
export const SHELTER_CLASS_LABELS: Record<TShelterClass, string> = {
  long_term: '长期',
  medium_term: '中期',
  short_term: '短期',
  immediate: '紧急',
};
export const SHELTER_STATUSES = ['open', 'closed', 'renovating'] as const;
export type TShelterStatus = (typeof SHELTER_STATUSES)[number];
export const SHELTER_STATUS_LABELS: Record<TShelterStatus, string> = { open: '可启用', closed: '停用', renovating: '改造中' };

/** The facilities checklist of a shelter (the seed: signs, exit lights, emergency lights, accessible toilet rails …). */
export const SHELTER_FACILITIES = [
  'evacuation_signs',
  'exit_lights',
  'emergency_lights',
  'accessible_rails',
  'water',
  'toilets',
  'power',
  'medical',
  'fire_equipment',
  'broadcast',
] as const;
export type TShelterFacility = (typeof SHELTER_FACILITIES)[number];
export const SHELTER_FACILITY_LABELS: Record<TShelterFacility, string> = {
  evacuation_signs: '疏散指示标识',
  exit_lights: '安全出口灯',
  emergency_lights: '应急照明灯',
  accessible_rails: '无障碍厕所扶手',
  water: '应急供水',
  toilets: '应急厕所',
  power: '应急供电',
  medical: '医疗救护点',
  fire_equipment: '消防器材',
  broadcast: '应急广播',
};
/** The facilities the seed's bureau installed in every city-level shelter in March 2025: missing one is listed. */
export const REQUIRED_SHELTER_FACILITIES: readonly TShelterFacility[] = [
  'evacuation_signs',
  'exit_lights',
  'emergency_lights',
  'accessible_rails',
];
