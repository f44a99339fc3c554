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
export const ZAuditPageSchema = z.object({ items: z.array(ZAuditEntrySchema), total: z.number().int() });
