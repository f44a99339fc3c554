import '../shared/zod-locale';
import { z } from 'zod';
import { ZPasswordPolicySchema } from './settings.schema';

export const ROLES = [
  'admin',
  'bureau_officer',
  'bureau_leader',
  'legal_reviewer',
  'town_officer',
  'enterprise_user',
  'duty_officer',
] as const;
export const ZRoleSchema = z.enum(ROLES);
export type TRole = z.infer<typeof ZRoleSchema>;

export const ROLE_LABELS: Record<TRole, string> = {
  admin: '市局管理员',
  bureau_officer: '市局业务/执法人员',
  bureau_leader: '局领导',
  legal_reviewer: '法制审核员',
  town_officer: '镇街人员',
  enterprise_user: '企业用户',
  duty_officer: '值班员',
};

/** Division codes: province 2 digits, city 4, county 6, town or street 9 (NBS statistical codes). */
export const ZDivisionCodeSchema = z
  .string({ error: '行政区划代码必须填写' })
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9})$/, '行政区划代码应为 2、4、6 或 9 位数字');

export const ZUsernameSchema = z
  .string({ error: '用户名必须填写' })
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(32, '用户名最多 32 个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含英文字母、数字、下划线、点和连字符');

const ZPhoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确');

export const ZLoginSchema = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(256, '密码过长'),
});
export type TLogin = z.infer<typeof ZLoginSchema>;

export const ZChangePasswordSchema = z.object({
  currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码').max(256, '密码过长'),
  newPassword: z.string({ error: '请输入新密码' }).min(1, '请输入新密码').max(256, '密码过长'),
});
export type TChangePassword = z.infer<typeof ZChangePasswordSchema>;

export const ZUserCreateSchema = z.object({
  username: ZUsernameSchema,
  displayName: z.string({ error: '姓名必须填写' }).trim().min(1, '姓名必须填写').max(50, '姓名最多 50 个字符'),
  role: ZRoleSchema,
  divisionCode: ZDivisionCodeSchema,
  departmentId: z.number().int().positive().nullable().optional(),
  phone: ZPhoneSchema.nullable().optional(),
  /** An enterprise user's firm (required for that role; a firm in the user's town). */
  enterpriseId: z.number({ error: '所属企业必须是企业编号' }).int().positive('所属企业必须是企业编号').nullable().optional(),
});
export type TUserCreate = z.infer<typeof ZUserCreateSchema>;

export const ZUserUpdateSchema = z
  .object({
    displayName: z.string().trim().min(1, '姓名必须填写').max(50, '姓名最多 50 个字符'),
    role: ZRoleSchema,
    divisionCode: ZDivisionCodeSchema,
    departmentId: z.number().int().positive().nullable(),
    phone: ZPhoneSchema.nullable(),
    disabled: z.boolean(),
    enterpriseId: z.number({ error: '所属企业必须是企业编号' }).int().positive('所属企业必须是企业编号').nullable(),
  })
  .partial();
export type TUserUpdate = z.infer<typeof ZUserUpdateSchema>;

export const ZUserListQuerySchema = z.object({
  q: z.string().trim().max(64).optional(),
  role: ZRoleSchema.optional(),
  divisionCode: ZDivisionCodeSchema.optional(),
  disabled: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TUserListQuery = z.infer<typeof ZUserListQuerySchema>;

export const ZUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: ZRoleSchema,
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /** An enterprise user's firm; null for everyone else. */
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
});
export type TUser = z.infer<typeof ZUserSchema>;

export const ZUserPageSchema = z.object({ items: z.array(ZUserSchema), total: z.number().int() });

/** Answer to creating a user or resetting a password: the one-time password is shown once, never stored in clear. */
export const ZOneTimePasswordSchema = z.object({ user: ZUserSchema, oneTimePassword: z.string() });

export const ZMeSchema = z.object({
  user: ZUserSchema,
  permissions: z.array(z.string()),
  passwordExpired: z.boolean(),
  /** 上次登录: the sign-in before this session's (not this one, which is `user.lastLoginAt`), null at the first. */
  previousLoginAt: z.string().nullable(),
  /** The policy a new password must meet, so the change-password page can show the bureau's own rules. */
  passwordPolicy: ZPasswordPolicySchema,
  /** The firm an enterprise user speaks for (null unless enterprise user). */
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
});
export type TMe = z.infer<typeof ZMeSchema>;

export const ZDepartmentCreateSchema = z.object({
  name: z.string({ error: '科室名称必须填写' }).trim().min(1, '科室名称必须填写').max(50, '科室名称最多 50 个字符'),
  divisionCode: ZDivisionCodeSchema,
});
export const ZDepartmentSchema = z.object({ id: z.number().int(), name: z.string(), divisionCode: z.string() });
export type TDepartment = z.infer<typeof ZDepartmentSchema>;

export const DIVISION_LEVELS = ['province', 'city', 'county', 'town'] as const;
export const ZDivisionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(DIVISION_LEVELS),
  parentCode: z.string().nullable(),
});
export type TDivision = z.infer<typeof ZDivisionSchema>;

export const ZDivisionHistorySchema = z.object({
  oldCode: z.string(),
  oldName: z.string(),
  newCode: z.string(),
  newName: z.string(),
  kind: z.enum(['recode', 'merge', 'rename']),
  note: z.string().nullable(),
});
export type TDivisionHistory = z.infer<typeof ZDivisionHistorySchema>;
