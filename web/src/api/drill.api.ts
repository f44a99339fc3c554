/** The drill module's calls that are not plain JSON: the attendance sheet upload (the body is the file itself). */
import { trainingEndpoints, type TEndpointResult } from '@yingji/domain';
import { endpointUrl, upload } from './client';

export type TAttendanceResult = TEndpointResult<typeof trainingEndpoints.attendance>;

/** Uploads an attendance sheet; an unknown header row throws an ApiError whose details list the headers found. */
export function uploadAttendance(id: number, file: File, mapping?: Record<string, string>): Promise<TAttendanceResult> {
  const url = endpointUrl(trainingEndpoints.attendance, {
    params: { id },
    query: { fileName: file.name.slice(0, 200), mapping: mapping ? JSON.stringify(mapping) : undefined },
  });
  return upload(url, file, {
    method: trainingEndpoints.attendance.method,
    contentType: file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/octet-stream',
  });
}
