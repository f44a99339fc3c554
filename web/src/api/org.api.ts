import type { TChangePassword, TLogin, TRole, TUserCreate, TUserUpdate } from '@yingji/domain/org/org.schema';
import type { TPasswordPolicy } from '@yingji/domain/org/settings.schema';
import { settingsEndpoints } from '@yingji/domain/settings/settings.contract';
import { authEndpoints, departmentEndpoints, divisionEndpoints, userEndpoints } from '@yingji/domain/org/org.contract';
import type { TEndpointResult } from '@yingji/domain/shared/contract';
import type { TSettingKey, TSettings } from '@yingji/domain/settings/settings.registry';
import { call } from './client';

export interface TPage<T> {
  items: T[];
  total: number;
}

/** A new user or a reset password, with the one-time password shown once. */
export type TOneTimePasswordAnswer = TEndpointResult<typeof userEndpoints.create>;

export interface TUserFilter {
  q?: string;
  role?: TRole;
  divisionCode?: string;
  disabled?: 'true' | 'false';
  page: number;
  pageSize: number;
}

export const authApi = {
  me: () => call(authEndpoints.me),
  session: () => call(authEndpoints.session),
  login: (body: TLogin) => call(authEndpoints.login, { body }),
  logout: () => call(authEndpoints.logout),
  changePassword: (body: TChangePassword) => call(authEndpoints.changePassword, { body }),
};

export const userApi = {
  list: (filter: TUserFilter) => call(userEndpoints.list, { query: filter }),
  create: (body: TUserCreate) => call(userEndpoints.create, { body }),
  update: (id: number, body: TUserUpdate) => call(userEndpoints.update, { params: { id }, body }),
  resetPassword: (id: number) => call(userEndpoints.resetPassword, { params: { id } }),
};

export const departmentApi = {
  list: () => call(departmentEndpoints.list),
  create: (body: { name: string; divisionCode: string }) => call(departmentEndpoints.create, { body }),
};

export const divisionApi = {
  list: () => call(divisionEndpoints.list),
  /** Every town of the city by name (public), for choosing a transfer target outside one's own scope. */
  cityTowns: () => call(divisionEndpoints.cityTowns),
};

export const settingsApi = {
  get: () => call(settingsEndpoints.get),
  save: <K extends TSettingKey>(key: K, value: TSettings[K]) => call(settingsEndpoints.update, { params: { key }, body: { value } }),
  savePasswordPolicy: (value: TPasswordPolicy) => call(settingsEndpoints.update, { params: { key: 'passwordPolicy' }, body: { value } }),
};
