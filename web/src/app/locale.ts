import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** The bureau works in UTC+8 whatever the browser's own zone. */
export const BUREAU_TIME_ZONE = 'Asia/Shanghai';

/** A timestamp as the bureau reads it: `2026-11-27 15:04:05` in Asia/Shanghai; '—' when absent. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = dayjs(iso);
  return t.isValid() ? t.tz(BUREAU_TIME_ZONE).format('YYYY-MM-DD HH:mm:ss') : iso;
}

/**
 * The wall-clock time a user picked, read as Beijing time, in ISO 8601 with its offset
 * (`2026-11-27T00:00:00+08:00`), so a filter means the same on a browser set to any zone.
 */
export const toBureauIso = (picked: dayjs.Dayjs): string => `${picked.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;

/**
 * An instant as a Beijing wall-clock time in the browser's own zone, the inverse of toBureauIso: for date pickers
 * showing a stored time, whose picked values toBureauIso reads as Beijing time again.
 */
export const fromBureauIso = (iso: string | Date): dayjs.Dayjs => dayjs(dayjs(iso).tz(BUREAU_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ss'));

/** Now as a Beijing wall-clock time in the browser's own zone: for date pickers and presets (fromBureauIso). */
export const bureauNow = (): dayjs.Dayjs => fromBureauIso(new Date());

export { dayjs };
