import { settingsEndpoints } from '@yingji/domain';
import { handle, type TRouteBinding } from '../../kit/route';
import type { TSettingsService } from './settings.service';

/** The settings routes, mounted from their contracts. */
export const settingsRoutes = (settings: TSettingsService): TRouteBinding[] => [
  handle(settingsEndpoints.get, () => settings.getAll()),
  handle(settingsEndpoints.update, ({ ctx, params, body }) => settings.update(ctx, params.key, body.value)),
];
