import { shelterEndpoints } from '@yingji/domain/resources/shelter.contract';
import type { TShelterInput } from '@yingji/domain/resources/shelter.schema';
import { call, endpointUrl, upload } from './client';

/** One shelter, its edit, and the census import (upload for a preview with the column mapping, then apply). */
export const shelterDetailApi = {
  get: (id: number) => call(shelterEndpoints.get, { params: { id } }),
  stock: (id: number) => call(shelterEndpoints.stock, { params: { id } }),
  update: (id: number, body: TShelterInput) => call(shelterEndpoints.update, { params: { id }, body }),
  create: (body: TShelterInput) => call(shelterEndpoints.create, { body }),
  preview: (file: File, mapping?: Record<string, string>) =>
    upload<Awaited<ReturnType<typeof call<typeof shelterEndpoints.import>>>>(
      endpointUrl(shelterEndpoints.import, {
        query: { fileName: file.name, ...(mapping ? { mapping: JSON.stringify(mapping) } : {}) },
      }),
      file,
    ),
  apply: (token: string, fileName: string, mapping: Record<string, string>) =>
    call(shelterEndpoints.importApply, { body: { token, fileName, mapping } }),
};
