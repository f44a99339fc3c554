/**
 * TEMPLATE — the manifest: the one place a module is wired. Copy this folder to modules/<module>/, rename, list the
 * manifest in modules/index.ts (after the modules it uses), and fill in what the module has. See README.md here.
 */
import { templateEndpoints } from '@yingji/domain/_template/template.schema';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import * as repo from './template.repo';
import { createTemplateService, type TTemplateService } from './template.service';

declare module '../../kit/module' {
  interface TModuleApis {
    template: TTemplateService;
  }
}

export const templateModule = defineModule({
  name: 'template',
  title: '模块模板',
  permissions: ['division.read'],
  create: ({ db }) => createTemplateService({ db }),
  routes: (api) => [
    handle(templateEndpoints.towns, ({ ctx }) => api.towns(ctx)),
    handle(templateEndpoints.town, ({ ctx, params }) => api.town(ctx, params.code)),
  ],
  // Events this module reacts to: listen('hazard.recorded', 'what it does', async (tx, payload, ctx) => { … }).
  listeners: () => [],
  workbench: () => [
    {
      key: 'template.towns',
      roles: ['bureau_officer'],
      items: async (db, actor) => [
        {
          key: 'template.towns',
          group: 'watch',
          severity: 'info',
          title: '管辖镇街',
          hint: '模板示例：一个按索引计数的工作台事项',
          count: (await repo.listTowns(db, actor.divisionCode)).length,
          href: '/org/departments',
        },
      ],
    },
  ],
});
