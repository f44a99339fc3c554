/** The bureau's time zone: every calendar figure is taken in it. */
export const BUREAU_TIME_ZONE = 'Asia/Shanghai';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export const addMinutes = (t: Date, minutes: number): Date => new Date(t.getTime() + minutes * MINUTE_MS);
export const addDays = (t: Date, days: number): Date => new Date(t.getTime() + days * DAY_MS);
