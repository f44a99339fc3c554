/** The drill module's calls that are not plain JSON: the attendance sheet upload (the body is the file itself). */
import { trainingEndpoints, type TEndpointResult } from '@yingji/domain';
import { ApiError, endpointUrl } from './client';

export type TAttendanceResult = TEndpointResult<typeof trainingEndpoints.attendance>;

/** Uploads an attendance sheet; an unknown header row throws an ApiError whose details list the headers found. */
export async function uploadAttendance(id: number, file: File, mapping?: Record<string, string>): Promise<TAttendanceResult> {
  let res: Response;
  try {
    res = await fetch(
      endpointUrl(trainingEndpoints.attendance, {
        params: { id },
        query: { fileName: file.name.slice(0, 200), mapping: mapping ? JSON.stringify(mapping) : undefined },
      }),
      {
        method: trainingEndpoints.attendance.method,
        credentials: 'same-origin',
        headers: {
          'Content-Type': file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/octet-stream',
          Accept: 'application/json',
        },
        body: file,
      },
    );
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const body = (await res.json().catch(() => ({}))) as TAttendanceResult & {
    code?: string;
    message?: string;
    field?: string;
    details?: unknown;
  };
  if (!res.ok)
    throw new ApiError(
      res.status,
      (body.code as ApiError['code']) ?? 'internal',
      body.message ?? `导入失败（HTTP ${res.status}）`,
      body.field,
      body.details,
    );
  return body;
}
