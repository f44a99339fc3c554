import { DEVICE_ALERT_KINDS, FALSE_ALARM_LABELS, INCIDENT_STATUS_LABELS, type TIncidentStatus } from '@yingji/domain/fire/fire.rules';
import { Tag } from 'antd';

export const FIRE_KEYS = { all: ['fire'] as const };

export const STATUS_COLOURS: Record<TIncidentStatus, string> = {
  new: 'red',
  verified: 'volcano',
  false_alarm: 'default',
  dispatched: 'orange',
  closed: 'green',
};

export function IncidentStatusTag({ status }: { status: TIncidentStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{INCIDENT_STATUS_LABELS[status]}</Tag>;
}

export function DeviceAlertTag({ kind }: { kind: string | null }) {
  if (!kind) return <Tag color="green">正常</Tag>;
  return <Tag color={kind === 'power_loss' ? 'red' : 'orange'}>{DEVICE_ALERT_KINDS[kind as keyof typeof DEVICE_ALERT_KINDS] ?? kind}</Tag>;
}

export const LABEL_OPTIONS = Object.entries(FALSE_ALARM_LABELS).map(([value, label]) => ({ value, label }));

/** An ISO instant in Beijing time, to the second. */
export const bjTime = (iso: string | null): string =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

/** Minutes and seconds left until `iso` (negative when past). */
export const secondsUntil = (iso: string, now: number): number => Math.round((new Date(iso).getTime() - now) / 1000);
