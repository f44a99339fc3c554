import '../shared/zod-locale';
import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'login',
  'login_failed',
  'logout',
  'password_change',
  'password_reset',
  'disable',
  'enable',
  'lock',
  'settings_change',
  'export',
  'restore',
  'import',
] as const;
export const ZAuditActionSchema = z.enum(AUDIT_ACTIONS);
export type TAuditAction = z.infer<typeof ZAuditActionSchema>;

/** The records the audit log names (`entity`), in Chinese for the log's readers. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  session: '会话',
  department: '科室',
  division: '行政区划',
  setting: '系统设置',
  audit_log: '审计日志',
  database: '数据库',
  attachment: '附件',
  enterprise: '企业',
  enterprise_import: '企业名单导入',
  enterprise_transfer: '属地变更',
  inspection: '监督检查',
  inspection_item: '检查事项',
  inspection_catalogue: '检查事项清单',
  inspection_plan: '检查计划',
  checklist: '检查表',
  inspector: '执法人员',
  inspector_conflict: '回避登记',
  draw: '双随机抽取',
  finding: '检查发现的问题',
  hazard: '隐患',
  hazard_stats: '隐患统计',
  supervision: '挂牌督办',
  supervision_action: '督办事项',
  campaign: '专项行动',
  risk_assessment: '风险评估',
  risk_grade: '风险等级',
  risk_event: '风险事件',
  risk_proposal: '等级调整建议',
  case: '案件',
  case_violation: '违法行为',
  case_evidence: '证据',
  case_document: '执法文书',
  case_exchange: '省平台交换',
  case_review_round: '案卷评查',
  case_review_file: '评查案卷',
  case_review_problem: '评查问题',
  accident: '事故',
  accident_stats: '事故统计',
  accident_investigation: '事故调查',
  accident_finding: '事故调查结论',
  duty_roster: '值班表',
  duty_swap: '换班',
  duty_log: '值班日志',
  resource_warehouse: '物资仓库',
  resource_item: '物资目录',
  resource_minimum: '最低储备',
  resource_receipt: '物资入库',
  resource_movement: '物资出入库',
  resource_loan: '物资出借',
  shelter: '应急避难场所',
};

export const AUDIT_ACTION_LABELS: Record<TAuditAction, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  login: '登录',
  login_failed: '登录失败',
  logout: '退出',
  password_change: '修改密码',
  password_reset: '重置密码',
  disable: '停用',
  enable: '启用',
  lock: '锁定',
  settings_change: '修改设置',
  export: '导出',
  restore: '恢复数据',
  import: '导入',
};

export const ZAuditQuerySchema = z.object({
  actor: z.string().trim().max(64).optional(),
  entity: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  action: ZAuditActionSchema.optional(),
  from: z.iso.datetime({ offset: true, error: '开始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, error: '结束时间格式不正确' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TAuditQuery = z.infer<typeof ZAuditQuerySchema>;

export const ZAuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  clientAddress: z.string().nullable(),
  divisionCode: z.string().nullable(),
  hash: z.string(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntrySchema>;
export const ZAuditPageSchema = z.object({
  items: z.array(ZAuditEntrySchema),
  /** Exact up to 10,000; past that `totalCapped` is true and the total is 10,000 (the log is never counted in full). */
  total: z.number().int(),
  totalCapped: z.boolean(),
});
