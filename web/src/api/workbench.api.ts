import { workbenchEndpoints } from '@yingji/domain/workbench/workbench.schema';
import { searchEndpoints } from '@yingji/domain/workbench/search.schema';
import { call } from './client';

export const workbenchApi = {
  get: () => call(workbenchEndpoints.get),
};

export const searchApi = {
  search: (q: string) => call(searchEndpoints.search, { query: { q } }),
};
