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
 * Now as a Beijing wall-clock time in the browser's own zone: for date pickers and presets, whose
 * picked values toBureauIso reads as Beijing time.
 */
export const bureauNow = (): dayjs.Dayjs => dayjs(dayjs().tz(BUREAU_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ss'));

export { dayjs };
