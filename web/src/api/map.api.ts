import { mapEndpoints } from '@yingji/domain/map/map.contract';
import { call } from './client';

/** The city map (一张图): the layers the user may read and one layer's points with per-town counts. */
export const mapApi = {
  layers: () => call(mapEndpoints.layers),
  points: (key: string) => call(mapEndpoints.points, { params: { key } }),
};
