/** The settings endpoints: the whole document (defaults filled in) and one key at a time. */
import { z } from 'zod';
import { defineEndpoint } from '../shared/contract';
import { ZSettingKeySchema, ZSettingsSchema } from './settings.registry';

export const settingsEndpoints = {
  get: defineEndpoint({
    method: 'GET',
    path: '/api/settings',
    access: 'settings.read',
    summary: '系统设置（含默认值）',
    tags: ['settings'],
    response: ZSettingsSchema,
  }),
  update: defineEndpoint({
    method: 'PUT',
    path: '/api/settings/:key',
    access: 'settings.manage',
    summary: '修改一项设置（按该项的规则校验）',
    tags: ['settings'],
    params: z.object({ key: ZSettingKeySchema }),
    body: z.object({ value: z.unknown() }),
    response: ZSettingsSchema,
  }),
};
