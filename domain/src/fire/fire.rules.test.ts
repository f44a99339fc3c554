import { describe, expect, it } from 'vitest';
import {
  ackDue,
  availability,
  deviceAlert,
  incidentActionProblem,
  nextAttempt,
  share,
  tooFarInFuture,
  type THeartbeat,
} from './fire.rules';

const now = new Date('2026-03-02T04:00:00Z');
const ago = (min: number) => new Date(now.getTime() - min * 60_000);
const hb = (min: number, p: Partial<THeartbeat> = {}): THeartbeat => ({ at: ago(min), power: 'mains', network: 'ok', camera: 'ok', ...p });

describe('device silence classification (threshold 10 minutes)', () => {
  it.each([
    ['never heard from', null, 'silent'],
    ['heartbeat a minute ago, all well', hb(1), null],
    ['exactly at the threshold: still alive', hb(10), null],
    ['alive on battery: the grid is down', hb(1, { power: 'battery' }), 'power_loss'],
    ['alive with a camera fault', hb(1, { camera: 'fault' }), 'camera_fault'],
    ['alive on a weak link: not an alert', hb(1, { network: 'weak' }), null],
    ['silent after a battery report', hb(11, { power: 'battery' }), 'power_loss'],
    ['silent after power off', hb(30, { power: 'off' }), 'power_loss'],
    ['silent after a weak link', hb(11, { network: 'weak' }), 'network_loss'],
    ['silent after a camera fault', hb(11, { camera: 'fault' }), 'camera_fault'],
    ['silent, the device said nothing of why', hb(11, { power: null, network: null, camera: null }), 'silent'],
    ['silent after all well', hb(11), 'silent'],
  ] as const)('%s', (_n, last, expected) => expect(deviceAlert(last, now, 10)).toBe(expected));
});

describe('acknowledgement clock (N = 5 minutes)', () => {
  const inc = (openedMin: number, acked = false, escalated = false) => ({
    openedAt: ago(openedMin),
    acknowledgedAt: acked ? ago(1) : null,
    escalatedAt: escalated ? ago(0) : null,
  });
  it.each([
    ['4 min 59 s', { ...inc(0), openedAt: new Date(now.getTime() - 299_000) }, false],
    ['exactly 5 minutes', inc(5), true],
    ['6 minutes', inc(6), true],
    ['acknowledged', inc(6, true), false],
    ['already escalated', inc(6, false, true), false],
  ] as const)('%s → escalate %s', (_n, i, expected) => expect(ackDue(i, now, 5).escalate).toBe(expected));
});

describe('incident workflow', () => {
  it.each([
    ['new', 'verify_real', null],
    ['new', 'verify_false', null],
    ['verified', 'verify_false', '该事件已确认火情，不能再核实'],
    ['new', 'dispatch', '只有确认为火情的事件才能派警'],
    ['false_alarm', 'dispatch', '只有确认为火情的事件才能派警'],
    ['verified', 'dispatch', null],
    ['new', 'close', '请先核实事件再结案'],
    ['dispatched', 'close', null],
    ['false_alarm', 'close', null],
    ['closed', 'close', '该事件已结案'],
  ] as const)('%s + %s', (s, a, expected) => expect(incidentActionProblem(s, a)).toBe(expected));
});

describe('availability per month', () => {
  const from = new Date('2026-03-01T00:00:00Z');
  const to = new Date('2026-03-02T00:00:00Z');
  const h = (x: number) => new Date(from.getTime() + x * 3_600_000);
  it.each([
    ['no alert', [], 1],
    ['6 hours down', [{ from: h(0), to: h(6) }], 0.75],
    [
      'overlapping alerts count once',
      [
        { from: h(0), to: h(6) },
        { from: h(3), to: h(9) },
      ],
      1 - 9 / 24,
    ],
    ['an alert from before the period', [{ from: h(-10), to: h(12) }], 0.5],
    ['an alert still open runs to the end', [{ from: h(18), to: null }], 0.75],
    ['an alert after the period', [{ from: h(30), to: h(31) }], 1],
  ] as const)('%s', (_n, down, expected) => expect(availability(down, from, to)).toBeCloseTo(expected, 10));
});

describe('forwarding back-off', () => {
  it.each([
    [1, 30],
    [2, 60],
    [3, 120],
    [7, 1920],
  ])('after %i failures, next try in %i s', (n, s) => expect(nextAttempt(n, now).at!.getTime() - now.getTime()).toBe(s * 1000));
  it('caps at an hour and dead-letters after the last attempt', () => {
    expect(nextAttempt(8, now).dead).toBe(true);
    expect(nextAttempt(12, now, { baseSeconds: 30, maxSeconds: 3600, maxAttempts: 20 }).at!.getTime() - now.getTime()).toBe(3_600_000);
  });
});

describe('small rules', () => {
  it('refuses an alarm more than 5 minutes ahead, accepts exactly 5', () => {
    expect(tooFarInFuture(new Date(now.getTime() + 300_000), now)).toBe(false);
    expect(tooFarInFuture(new Date(now.getTime() + 300_001), now)).toBe(true);
  });
  it('shares', () => {
    expect(share(0, 0)).toBe(0);
    expect(share(1, 3)).toBe(0.3333);
  });
});
