/**
 * The enforcement case module's terms (行政执法案件): stages, procedures, sources, penalties, documents and clocks,
 * each with its Chinese labels. Money is integer fen (分), calendar dates `YYYY-MM-DD` in Asia/Shanghai.
 */

export const CASE_STAGES = [
  'pending_filing',
  'filed',
  'investigating',
  'proposed',
  'legal_review',
  'deliberation',
  'notified',
  'hearing',
  'decided',
  'served',
  'executing',
  'paid',
  'closed',
  'withdrawn',
] as const;
export type TCaseStage = (typeof CASE_STAGES)[number];
export const CASE_STAGE_LABELS: Record<TCaseStage, string> = {
  pending_filing: '待立案审批',
  filed: '已立案',
  investigating: '调查取证',
  proposed: '拟处罚',
  legal_review: '法制审核',
  deliberation: '集体讨论',
  notified: '已告知',
  hearing: '听证',
  decided: '已决定',
  served: '已送达',
  executing: '执行中',
  paid: '已缴清',
  closed: '已结案',
  withdrawn: '已撤销立案',
};
/** Stages in which a case is still open (the deregistration guard counts these). */
export const OPEN_CASE_STAGES = CASE_STAGES.filter((s) => s !== 'closed' && s !== 'withdrawn');

export const CASE_PROCEDURES = ['general', 'simple'] as const;
export type TCaseProcedure = (typeof CASE_PROCEDURES)[number];
export const CASE_PROCEDURE_LABELS: Record<TCaseProcedure, string> = { general: '普通程序', simple: '简易程序（当场处罚）' };

export const CASE_SOURCE_KINDS = ['inspection', 'hazard', 'accident', 'complaint', 'referral'] as const;
export type TCaseSourceKind = (typeof CASE_SOURCE_KINDS)[number];
export const CASE_SOURCE_LABELS: Record<TCaseSourceKind, string> = {
  inspection: '监督检查',
  hazard: '事故隐患',
  accident: '生产安全事故',
  complaint: '投诉举报',
  referral: '移送',
};

/** Who a penalty falls on: the unit (生产经营单位) or a natural person (主要负责人、其他负责人等). */
export const PENALTY_TARGETS = ['unit', 'person'] as const;
export type TPenaltyTarget = (typeof PENALTY_TARGETS)[number];
export const PENALTY_TARGET_LABELS: Record<TPenaltyTarget, string> = { unit: '单位', person: '个人' };

export const CIRCUMSTANCES = ['minor', 'general', 'serious', 'grave'] as const;
export type TCircumstance = (typeof CIRCUMSTANCES)[number];
export const CIRCUMSTANCE_LABELS: Record<TCircumstance, string> = { minor: '轻微', general: '一般', serious: '较重', grave: '严重' };

/** Penalties other than a fine that change what the procedure requires (hearing, deliberation). */
export const OTHER_PENALTIES = [
  'warning',
  'suspend_production',
  'lower_qualification',
  'revoke_licence',
  'close_down',
  'restrict_practice',
  'propose_closure',
] as const;
export type TOtherPenalty = (typeof OTHER_PENALTIES)[number];
export const OTHER_PENALTY_LABELS: Record<TOtherPenalty, string> = {
  warning: '警告',
  suspend_production: '责令停产停业整顿',
  lower_qualification: '降低资质等级',
  revoke_licence: '吊销许可证件',
  close_down: '责令关闭',
  restrict_practice: '限制从业',
  // 安全生产法 art. 113: the bureau asks the local government to close the unit (not a penalty it imposes itself)
  propose_closure: '提请地方人民政府予以关闭',
};

export const EVIDENCE_KINDS = ['document', 'photo', 'transcript'] as const;
export type TEvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_LABELS: Record<TEvidenceKind, string> = { document: '书证', photo: '照片', transcript: '笔录' };

export const SERVICE_METHODS = ['direct', 'left_at_premises', 'mail', 'electronic', 'public_notice'] as const;
export type TServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_LABELS: Record<TServiceMethod, string> = {
  direct: '直接送达',
  left_at_premises: '留置送达',
  mail: '邮寄送达',
  electronic: '电子送达',
  public_notice: '公告送达',
};

export const CASE_DOCUMENT_KINDS = [
  'filing',
  'inquiry',
  'notice',
  'hearing_notice',
  'decision',
  'service',
  'closing',
  'demand',
  'enforcement',
  'daily_fine',
] as const;
export type TCaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];
export const CASE_DOCUMENT_LABELS: Record<TCaseDocumentKind, string> = {
  filing: '立案审批表',
  inquiry: '询问笔录',
  notice: '行政处罚告知书',
  hearing_notice: '听证告知书',
  decision: '行政处罚决定书',
  service: '送达回执',
  closing: '结案审批表',
  demand: '催告书',
  enforcement: '强制执行申请书',
  daily_fine: '按日连续处罚决定书',
};

export const CLOCK_KINDS = [
  'decision',
  'hearing_request',
  'hearing_notice',
  'service',
  'payment',
  'limitation',
  'demand',
  'enforcement',
] as const;
export type TClockKind = (typeof CLOCK_KINDS)[number];
export const CLOCK_LABELS: Record<TClockKind, string> = {
  decision: '作出决定期限（立案之日起九十日）',
  hearing_request: '听证申请期限（告知后五日）',
  hearing_notice: '听证通知（提前七日）',
  service: '送达期限（决定后七日）',
  payment: '缴纳罚款期限（送达后十五日）',
  limitation: '追责时效',
  demand: '催告履行期限（送达后十个工作日以上）',
  enforcement: '申请人民法院强制执行期限（起诉期限届满后三个月）',
};
export const CLOCK_STATES = ['running', 'due_soon', 'overdue', 'met', 'missed'] as const;
export type TClockState = (typeof CLOCK_STATES)[number];
export const CLOCK_STATE_LABELS: Record<TClockState, string> = {
  running: '期限内',
  due_soon: '即将到期',
  overdue: '已逾期',
  met: '按期完成',
  missed: '逾期完成',
};

/**
 * The two tiers of a 安全生产法 penalty article: tier 1 goes with the order to correct (责令限期改正), tier 2 applies
 * when a 复查 of that order finds it unmet (逾期未改正 / 拒不执行 / 拒不改正).
 */
export const FINE_TIERS = [1, 2] as const;
export type TFineTier = (typeof FINE_TIERS)[number];
export const FINE_TIER_LABELS: Record<TFineTier, string> = {
  1: '第一档（责令限期改正）',
  2: '第二档（逾期未改正）',
};

/** 行政处罚法 art. 32: the grounds on which a penalty is reduced (减轻处罚, below the statutory minimum). */
export const REDUCTION_GROUNDS = ['eliminated_harm', 'coerced', 'confessed', 'meritorious', 'other_rule'] as const;
export type TReductionGround = (typeof REDUCTION_GROUNDS)[number];
export const REDUCTION_GROUND_LABELS: Record<TReductionGround, string> = {
  eliminated_harm: '主动消除或者减轻违法行为危害后果（第三十二条第一项）',
  coerced: '受他人胁迫或者诱骗实施违法行为（第三十二条第二项）',
  confessed: '主动供述行政机关尚未掌握的违法行为（第三十二条第三项）',
  meritorious: '配合行政机关查处违法行为有立功表现（第三十二条第四项）',
  other_rule: '法律、法规、规章规定其他应当从轻或者减轻行政处罚的（第三十二条第五项）',
};

/** 行政处罚法 art. 33 (and art. 57 (1)(3): facts not established): the grounds of a decision not to penalise (不予处罚). */
export const NO_PENALTY_GROUNDS = ['minor_corrected', 'first_minor_corrected', 'no_fault', 'facts_not_established'] as const;
export type TNoPenaltyGround = (typeof NO_PENALTY_GROUNDS)[number];
export const NO_PENALTY_GROUND_LABELS: Record<TNoPenaltyGround, string> = {
  minor_corrected: '违法行为轻微并及时改正，没有造成危害后果（第三十三条第一款）',
  first_minor_corrected: '初次违法且危害后果轻微并及时改正（第三十三条第一款，可以不予处罚）',
  no_fault: '当事人有证据足以证明没有主观过错（第三十三条第二款）',
  facts_not_established: '违法事实不能成立（第五十七条第一款第三项）',
};
