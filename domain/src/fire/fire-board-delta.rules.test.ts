import { describe, expect, it } from 'vitest';
import { applyBoardDelta, isBoardDelta, nextBoard, orderFollowsTimes } from './fire-board-delta.rules';
import type { TBoard, TBoardDelta, TFireIncident } from './fire.schema';

const inc = (id: number, seen: string, p: Partial<TFireIncident> = {}): TFireIncident => ({
  id,
  status: 'new',
  divisionCode: '442000006',
  townName: '五桂山街道',
  longitude: 113.45,
  latitude: 22.45,
  uncertaintyM: 300,
  method: 'single',
  firstSeenAt: seen,
  lastSeenAt: seen,
  alarmCount: 1,
  channels: [],
  maxConfidence: null,
  openedAt: seen,
  ackDeadline: seen,
  acknowledgedAt: null,
  escalatedAt: null,
  escalatedTo: null,
  verifiedAt: null,
  falseLabel: null,
  verifyNote: null,
  dispatchedAt: null,
  closedAt: null,
  outcome: null,
  accidentId: null,
  version: 1,
  ...p,
});
const counts = { new: 0, verified: 0, dispatched: 0, unacknowledgedLate: 0 };
const T = (s: number) => `2026-03-02T04:00:${String(s).padStart(2, '0')}.000Z`;
const held: TBoard = { stamp: 's1', incidents: [inc(3, T(30)), inc(2, T(20)), inc(1, T(10))], counts, deviceAlerts: [] };
const delta = (p: Partial<TBoardDelta>): TBoardDelta => ({
  stamp: 's2',
  since: 's1',
  changed: [],
  removed: [],
  counts,
  deviceAlerts: [],
  ...p,
});
const ids = (b: TBoard | null) => b?.incidents.map((i) => i.id) ?? null;

describe('a delta applied to the held board', () => {
  it.each([
    ['nothing changed: the same incidents, the new stamp', delta({}), [3, 2, 1]],
    ['one left the board', delta({ removed: [2] }), [3, 1]],
    ['a new incident, seen latest: first', delta({ changed: [inc(4, T(40))] }), [4, 3, 2, 1]],
    ['an old one seen again moves to the top', delta({ changed: [inc(1, T(50), { alarmCount: 2 })] }), [1, 3, 2]],
    ['seen in the same millisecond: the higher id first', delta({ changed: [inc(5, T(20))] }), [3, 5, 2, 1]],
    ['changed and another removed', delta({ changed: [inc(2, T(20), { status: 'verified' })], removed: [3] }), [2, 1]],
    [
      'the order sent (a tie within a millisecond the times cannot tell)',
      delta({ changed: [inc(5, T(20))], order: [3, 2, 5, 1] }),
      [3, 2, 5, 1],
    ],
    ['not from the held stamp: does not apply', delta({ since: 's0' }), null],
    ['its order names an incident not held: does not apply', delta({ order: [3, 2, 9] }), null],
    ['its order misses one held: does not apply', delta({ order: [3, 2] }), null],
  ] as const)('%s', (_n, d, expected) => expect(ids(applyBoardDelta(held, d))).toEqual(expected));

  it('takes the changed incident as sent, the counts and alerts of the delta, and its stamp', () => {
    const alerts = [{ channelId: 1, channelCode: 'A1', siteName: '高点', kind: 'power_loss', openedAt: T(5) }];
    const next = applyBoardDelta(
      held,
      delta({ changed: [inc(2, T(20), { status: 'verified' })], counts: { ...counts, verified: 1 }, deviceAlerts: alerts }),
    );
    expect(next).toEqual({
      stamp: 's2',
      incidents: [held.incidents[0], inc(2, T(20), { status: 'verified' }), held.incidents[2]],
      counts: { ...counts, verified: 1 },
      deviceAlerts: alerts,
    });
    // the held board is left as it was
    expect(held.incidents[1]!.status).toBe('new');
  });

  it('takes a full answer as it is, and a delta only onto a held board', () => {
    expect(isBoardDelta(held)).toBe(false);
    expect(isBoardDelta(delta({}))).toBe(true);
    expect(nextBoard(undefined, held)).toBe(held);
    expect(nextBoard(undefined, delta({}))).toBeNull();
    expect(ids(nextBoard(held, delta({ removed: [1] })))).toEqual([3, 2]);
  });
});

describe('whether the presented times give the server order', () => {
  const ms = 1_772_424_000_000;
  it.each([
    [
      'distinct milliseconds, latest first',
      [
        { id: 1, lastSeenUs: (ms + 2) * 1000 },
        { id: 2, lastSeenUs: (ms + 1) * 1000 },
      ],
      true,
    ],
    [
      'one millisecond, the higher id first',
      [
        { id: 2, lastSeenUs: ms * 1000 + 5 },
        { id: 1, lastSeenUs: ms * 1000 + 5 },
      ],
      true,
    ],
    [
      'one millisecond, later microsecond but lower id first',
      [
        { id: 1, lastSeenUs: ms * 1000 + 9 },
        { id: 2, lastSeenUs: ms * 1000 + 3 },
      ],
      false,
    ],
    [
      'one millisecond, later microsecond and higher id first',
      [
        { id: 2, lastSeenUs: ms * 1000 + 9 },
        { id: 1, lastSeenUs: ms * 1000 + 3 },
      ],
      true,
    ],
    ['empty', [], true],
  ] as const)('%s', (_n, shown, expected) => expect(orderFollowsTimes(shown)).toBe(expected));
});
