/**
 * Forest-fire duty rules: incident states, the acknowledgement clock, device health from heartbeats, availability
 * and the forwarding back-off. Pure: `now` is passed in.
 */

export const INCIDENT_STATUSES = ['new', 'verified', 'false_alarm', 'dispatched', 'closed'] as const;
export type TIncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_STATUS_LABELS: Record<TIncidentStatus, string> = {
  new: '待核实',
  verified: '确认火情',
  false_alarm: '误报',
  dispatched: '已派警',
  closed: '已结案',
};

export const FALSE_ALARM_LABELS = {
  cloud: '云雾',
  sun_glare: '阳光反射',
  permitted_burning: '许可用火烟雾',
  dust: '扬尘',
  vehicle: '车辆',
  other: '其他',
} as const;
export type TFalseAlarmLabel = keyof typeof FALSE_ALARM_LABELS;
export const FALSE_ALARM_LABEL_CODES = Object.keys(FALSE_ALARM_LABELS) as [TFalseAlarmLabel, ...TFalseAlarmLabel[]];

export type TIncidentAction = 'verify_real' | 'verify_false' | 'dispatch' | 'close';

/** Which state an action may start from: verify from new; dispatch a real fire; close anything not yet closed. */
export function incidentActionProblem(status: TIncidentStatus, action: TIncidentAction): string | null {
  switch (action) {
    case 'verify_real':
    case 'verify_false':
      return status === 'new' ? null : `该事件已${INCIDENT_STATUS_LABELS[status]}，不能再核实`;
    case 'dispatch':
      return status === 'verified' ? null : '只有确认为火情的事件才能派警';
    case 'close':
      return status === 'closed' ? '该事件已结案' : status === 'new' ? '请先核实事件再结案' : null;
  }
}

/** The next state after an action. */
export const statusAfter: Record<TIncidentAction, TIncidentStatus> = {
  verify_real: 'verified',
  verify_false: 'false_alarm',
  dispatch: 'dispatched',
  close: 'closed',
};

/**
 * The acknowledgement clock: an incident nobody acknowledged `ackMinutes` after it opened is due for escalation to
 * the duty chief (at exactly N minutes it is due). Acknowledging or verifying stops the clock.
 */
export function ackDue(incident: { openedAt: Date; acknowledgedAt: Date | null; escalatedAt: Date | null }, now: Date, ackMinutes: number) {
  const deadline = new Date(incident.openedAt.getTime() + ackMinutes * 60_000);
  return { deadline, escalate: incident.acknowledgedAt === null && incident.escalatedAt === null && now >= deadline };
}

export const DEVICE_ALERT_KINDS = {
  power_loss: '断电',
  network_loss: '网络中断',
  camera_fault: '摄像机故障',
  silent: '失联（原因不明）',
} as const;
export type TDeviceAlertKind = keyof typeof DEVICE_ALERT_KINDS;

export interface THeartbeat {
  at: Date;
  /** mains: on grid; battery: the grid is down and the UPS or solar battery carries the site; off: about to die. */
  power: 'mains' | 'battery' | 'off' | null;
  network: 'ok' | 'weak' | null;
  camera: 'ok' | 'fault' | null;
}

/**
 * A channel's health from its last heartbeat (卡口哨卡断电提醒). Still heartbeating: on battery is a power loss, a
 * camera fault is a camera fault. Silent past `silenceMin` minutes (a heartbeat exactly `silenceMin` old is still
 * alive): the last word explains the silence (on battery → power loss, weak link → network loss), else the cause is
 * unknown. Null when healthy.
 */
export function deviceAlert(last: THeartbeat | null, now: Date, silenceMin: number): TDeviceAlertKind | null {
  if (!last) return 'silent';
  const silent = now.getTime() - last.at.getTime() > silenceMin * 60_000;
  if (!silent) {
    if (last.power === 'battery' || last.power === 'off') return 'power_loss';
    if (last.camera === 'fault') return 'camera_fault';
    return null;
  }
  if (last.power === 'battery' || last.power === 'off') return 'power_loss';
  if (last.network === 'weak') return 'network_loss';
  if (last.camera === 'fault') return 'camera_fault';
  return 'silent';
}

/**
 * Availability over [from, to): the share of the time not covered by any down interval (alerts open at `to` run
 * to `to`); overlapping alerts count once. 1 for an empty period.
 */
export function availability(down: readonly { from: Date; to: Date | null }[], from: Date, to: Date): number {
  const total = to.getTime() - from.getTime();
  if (total <= 0) return 1;
  const clipped = down
    .map((d) => [Math.max(d.from.getTime(), from.getTime()), Math.min((d.to ?? to).getTime(), to.getTime())] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let end = -Infinity;
  for (const [a, b] of clipped) {
    if (b <= end) continue;
    covered += b - Math.max(a, end);
    end = b;
  }
  return 1 - covered / total;
}

/** Forwarding back-off: 30 s, 1, 2, 4 … minutes, at most an hour; after `maxAttempts` failures the item is dead. */
export function nextAttempt(attempts: number, now: Date, rule = { baseSeconds: 30, maxSeconds: 3600, maxAttempts: 8 }) {
  if (attempts >= rule.maxAttempts) return { dead: true as const, at: null };
  const seconds = Math.min(rule.baseSeconds * 2 ** (attempts - 1), rule.maxSeconds);
  return { dead: false as const, at: new Date(now.getTime() + seconds * 1000) };
}

/** An alarm time more than `skewMin` minutes ahead of the server's clock is refused. */
export const tooFarInFuture = (at: Date, now: Date, skewMin = 5): boolean => at.getTime() - now.getTime() > skewMin * 60_000;

/** Share (0–1) rounded to 4 places; 0 of 0 is 0. */
export const share = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);
