import { workbenchEndpoints } from '@yingji/domain/workbench/workbench.schema';
import { call } from './client';

export const workbenchApi = {
  get: () => call(workbenchEndpoints.get),
};
