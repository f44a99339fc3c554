import { mapEndpoints } from '@yingji/domain/map/map.contract';
import { call } from './client';

/** The city map (一张图): the layers the user may read, one layer's points with per-town counts, one point's details. */
export const mapApi = {
  layers: () => call(mapEndpoints.layers),
  points: (key: string) => call(mapEndpoints.points, { params: { key } }),
  point: (key: string, id: number) => call(mapEndpoints.point, { params: { key, id } }),
};
