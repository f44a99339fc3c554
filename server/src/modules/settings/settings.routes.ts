import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZSettingKeySchema, ZSettingsSchema } from '@yingji/domain';
import type { TSettingsService } from './settings.service';

export function settingsRoutes(app: FastifyInstance, { settings }: { settings: TSettingsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/settings', {
    config: { access: 'settings.read' },
    schema: { tags: ['settings'], summary: '系统设置（含默认值）', response: { 200: ZSettingsSchema } },
    handler: () => settings.getAll(),
  });

  r.put('/api/settings/:key', {
    config: { access: 'settings.manage' },
    schema: {
      tags: ['settings'],
      summary: '修改一项设置（按该项的规则校验）',
      params: z.object({ key: ZSettingKeySchema }),
      body: z.object({ value: z.unknown() }),
      response: { 200: ZSettingsSchema },
    },
    handler: (request) => settings.update(request.ctx, request.params.key, request.body.value),
  });
}
