import '../shared/zod-locale';
import { z } from 'zod';
import { addDaysToDate } from '../shared/time';

/** An enforcement certificate expiring within this many days is flagged (so it is renewed before draws stop). */
export const CERTIFICATE_WARNING_DAYS = 30;

export type TCertificateState = 'valid' | 'expiring' | 'expired';

/** Valid through the expiry date inclusive; flagged from 30 days before it. */
export function certificateState(expiresOn: string, today: string): TCertificateState {
  if (expiresOn < today) return 'expired';
  if (expiresOn <= addDaysToDate(today, CERTIFICATE_WARNING_DAYS)) return 'expiring';
  return 'valid';
}
export const CERTIFICATE_STATE_LABELS: Record<TCertificateState, string> = { valid: '有效', expiring: '即将到期', expired: '已过期' };

const certificateNo = z
  .string({ error: '执法证号必须是文字' })
  .trim()
  .min(4, '执法证号至少 4 个字符')
  .max(40, '执法证号最多 40 个字符')
  .regex(/^[0-9A-Za-z-]+$/, '执法证号只能包含字母、数字和连字符');

export const ZInspectorCreateSchema = z.object({
  userId: z.number({ error: '请选择执法人员' }).int().positive('请选择执法人员'),
  certificateNo,
  certificateExpiresOn: z.iso.date('执法证有效期格式应为 YYYY-MM-DD'),
  active: z.boolean().default(true),
});
export type TInspectorCreate = z.infer<typeof ZInspectorCreateSchema>;

export const ZInspectorUpdateSchema = z.object({
  certificateNo: certificateNo.optional(),
  certificateExpiresOn: z.iso.date('执法证有效期格式应为 YYYY-MM-DD').optional(),
  active: z.boolean({ error: '在岗状态必须是是或否' }).optional(),
});
export type TInspectorUpdate = z.infer<typeof ZInspectorUpdateSchema>;

export const ZInspectorSchema = z.object({
  userId: z.number(),
  username: z.string(),
  displayName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  certificateNo: z.string(),
  certificateExpiresOn: z.string(),
  certificateState: z.enum(['valid', 'expiring', 'expired']),
  active: z.boolean(),
  conflicts: z.number(),
  updatedAt: z.string(),
});
export type TInspector = z.infer<typeof ZInspectorSchema>;

export const ZInspectorListQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  state: z.enum(['valid', 'expiring', 'expired'], { error: '证件状态应为 valid、expiring 或 expired' }).optional(),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TInspectorListQuery = z.infer<typeof ZInspectorListQuerySchema>;
export const ZInspectorPageSchema = z.object({ items: z.array(ZInspectorSchema), total: z.number() });

export const ZConflictCreateSchema = z.object({
  enterpriseId: z.number({ error: '请选择企业' }).int().positive('请选择企业'),
  reason: z.string({ error: '回避原因必须是文字' }).trim().min(2, '请填写回避原因').max(500, '回避原因最多 500 个字符'),
});
export type TConflictCreate = z.infer<typeof ZConflictCreateSchema>;

export const ZConflictSchema = z.object({
  inspectorId: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  reason: z.string(),
  declaredAt: z.string(),
});
export type TConflict = z.infer<typeof ZConflictSchema>;

/** Officers who may be added to the pool: users with inspection rights in scope, not yet in it. */
export const ZInspectorCandidateSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  divisionCode: z.string(),
});
