/** The reserve guidance (储备指导标准) in Excel: out in the usual ledger layout, and in for a preview the bureau then saves. */
import { z } from 'zod';
import { FILE_RESPONSE, defineEndpoint } from '../shared/contract';
import { ZReserveGuidanceRowSchema } from './minimum.rules';

export const RESERVE_GUIDANCE_MAX_BYTES = 5 * 1024 * 1024;

export const ZReserveGuidanceImportSchema = z.object({
  /** Every good row read, in file order; the bureau checks them on the page and saves them as the setting. */
  rows: z.array(ZReserveGuidanceRowSchema),
  /** "第 3 行：…" for each row refused; none are in `rows`. */
  errors: z.array(z.string()),
});
export type TReserveGuidanceImport = z.infer<typeof ZReserveGuidanceImportSchema>;

const tags = ['应急物资'];

export const reserveGuidanceEndpoints = {
  export: defineEndpoint({
    method: 'GET',
    path: '/api/resources/reserve-guidance/export',
    access: 'resources.read',
    summary: '导出应急物资储备指导标准（Excel）：仓库层级、物资、最低储备、依据文件',
    tags,
    response: FILE_RESPONSE,
  }),
  import: defineEndpoint({
    method: 'POST',
    path: '/api/resources/reserve-guidance/import',
    /** Only those who may change settings (settings.manage, checked by the service) read one in. */
    access: 'resources.read',
    summary: '读入储备指导标准（.xlsx 或 .csv，与导出的表格同样的列，请求体为文件本身）：逐行检查后返回，不写入；在设置页确认保存',
    tags,
    query: z.object({ fileName: z.string().trim().min(1, '缺少文件名').max(200) }),
    response: ZReserveGuidanceImportSchema,
    bodyLimit: RESERVE_GUIDANCE_MAX_BYTES,
  }),
};
