import type {
  TChangePassword,
  TDepartment,
  TDivision,
  TLogin,
  TMe,
  TRole,
  TUser,
  TUserCreate,
  TUserUpdate,
} from '@yingji/domain/org/org.schema';
import type { TPasswordPolicy } from '@yingji/domain/org/settings.schema';
import { settingsEndpoints } from '@yingji/domain/settings/settings.contract';
import type { TSettingKey, TSettings } from '@yingji/domain/settings/settings.registry';
import { api, call } from './client';

export interface TPage<T> {
  items: T[];
  total: number;
}

export interface TOneTimePasswordAnswer {
  user: TUser;
  oneTimePassword: string;
}

export interface TUserFilter {
  q?: string;
  role?: TRole;
  divisionCode?: string;
  disabled?: 'true' | 'false';
  page: number;
  pageSize: number;
}

export const authApi = {
  me: () => api<TMe>('/auth/me'),
  login: (body: TLogin) => api<TMe>('/auth/login', { method: 'POST', body }),
  logout: () => api<void>('/auth/logout', { method: 'POST' }),
  changePassword: (body: TChangePassword) => api<TMe>('/auth/change-password', { method: 'POST', body }),
};

export const userApi = {
  list: (filter: TUserFilter) => api<TPage<TUser>>('/users', { query: { ...filter } }),
  create: (body: TUserCreate) => api<TOneTimePasswordAnswer>('/users', { method: 'POST', body }),
  update: (id: number, body: TUserUpdate) => api<TUser>(`/users/${id}`, { method: 'PATCH', body }),
  resetPassword: (id: number) => api<TOneTimePasswordAnswer>(`/users/${id}/reset-password`, { method: 'POST' }),
};

export const departmentApi = {
  list: () => api<TDepartment[]>('/departments'),
  create: (body: { name: string; divisionCode: string }) => api<TDepartment>('/departments', { method: 'POST', body }),
};

export const divisionApi = {
  list: () => api<TDivision[]>('/divisions'),
  /** Every town of the city by name (public), for choosing a transfer target outside one's own scope. */
  cityTowns: () => api<TDivision[]>('/divisions/towns'),
};

export const settingsApi = {
  get: () => call(settingsEndpoints.get),
  save: <K extends TSettingKey>(key: K, value: TSettings[K]) => call(settingsEndpoints.update, { params: { key }, body: { value } }),
  savePasswordPolicy: (value: TPasswordPolicy) => call(settingsEndpoints.update, { params: { key: 'passwordPolicy' }, body: { value } }),
};
