import { defineModule } from '../../kit/module';
import { settingsRoutes } from './settings.routes';

declare module '../../kit/module' {
  interface TModuleApis {
    settings: Record<string, never>;
  }
}

/** The settings pages; the settings service itself is part of the core every module is given. */
export const settingsModule = defineModule({
  name: 'settings',
  title: '系统设置',
  permissions: ['settings.read', 'settings.manage'],
  create: () => ({}),
  routes: (_api, { settings }) => settingsRoutes(settings),
});
