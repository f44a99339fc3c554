import { describe, expect, it } from 'vitest';
import { BOARD_LIMIT, boardView, instantUs, onBoard, type TBoardEntry } from './fire-board.rules';

const nowMs = Date.parse('2026-03-02T04:00:00Z');
const minUs = 60_000_000;
const agoUs = (min: number) => nowMs * 1000 - min * minUs;
const entry = (id: number, status: TBoardEntry['status'], seenMin: number, p: Partial<TBoardEntry> = {}): TBoardEntry => ({
  id,
  status,
  lastSeenUs: agoUs(seenMin),
  openedUs: agoUs(seenMin),
  acknowledged: false,
  escalated: false,
  ...p,
});

describe('which incidents a one-hour board holds', () => {
  it.each([
    ['new, seen two days ago: open, stays', entry(1, 'new', 2880), true],
    ['dispatched, seen long ago', entry(1, 'dispatched', 9999), true],
    ['closed, seen 59 minutes ago', entry(1, 'closed', 59), true],
    ['false alarm, seen exactly an hour ago: on the edge, still in', entry(1, 'false_alarm', 60), true],
    ['false alarm, seen an hour and a microsecond ago', entry(1, 'false_alarm', 60, { lastSeenUs: agoUs(60) - 1 }), false],
    ['closed, seen two hours ago', entry(1, 'closed', 120), false],
  ] as const)('%s', (_n, e, expected) => expect(onBoard(e, nowMs, 1)).toBe(expected));
});

describe('the board view (one hour, 5 minutes to acknowledge)', () => {
  it('orders by last sighting, the higher id first on a tie, and counts the shown', () => {
    const v = boardView([entry(1, 'new', 3), entry(2, 'verified', 1), entry(3, 'dispatched', 3), entry(4, 'closed', 200)], nowMs, 1, 5);
    expect(v.shown.map((e) => e.id)).toEqual([2, 3, 1]);
    expect(v.counts).toEqual({ new: 1, verified: 1, dispatched: 1, unacknowledgedLate: 0 });
  });

  it.each([
    ['opened 5 minutes ago: late at the deadline', entry(1, 'new', 5), 1],
    ['opened 4 minutes ago: not yet', entry(1, 'new', 4), 0],
    ['acknowledged', entry(1, 'new', 30, { acknowledged: true }), 0],
    ['escalated', entry(1, 'new', 30, { escalated: true }), 0],
    ['verified: no longer new', entry(1, 'verified', 30), 0],
  ] as const)('late count: %s', (_n, e, late) => expect(boardView([e], nowMs, 1, 5).counts.unacknowledgedLate).toBe(late));

  it('is valid until the next incident falls late or leaves the window, and the same just before', () => {
    const falling = entry(1, 'new', 4);
    const leaving = entry(2, 'false_alarm', 58, { lastSeenUs: agoUs(58) + 500 });
    const v = boardView([falling, leaving], nowMs, 1, 5);
    expect(v.validUntilMs).toBe(nowMs + 60_000);
    const later = boardView([leaving], nowMs, 1, 5);
    // last seen 58 minutes ago plus half a millisecond: still in at +2 min +0 ms, gone one millisecond on
    expect(later.validUntilMs).toBe(nowMs + 2 * 60_000 + 1);
    expect(boardView([leaving], later.validUntilMs - 1, 1, 5).shown).toHaveLength(1);
    expect(boardView([leaving], later.validUntilMs, 1, 5).shown).toHaveLength(0);
    expect(boardView([entry(1, 'verified', 1)], nowMs, 1, 5).validUntilMs).toBe(Infinity);
  });

  it(`shows ${BOARD_LIMIT} at most, the late count over all`, () => {
    const many = Array.from({ length: BOARD_LIMIT + 10 }, (_, i) => entry(i + 1, 'new', 10 + i / 1000));
    const v = boardView(many, nowMs, 1, 5);
    expect(v.shown).toHaveLength(BOARD_LIMIT);
    expect(v.shown[0]!.id).toBe(1);
    expect(v.counts.new).toBe(BOARD_LIMIT);
    expect(v.counts.unacknowledgedLate).toBe(BOARD_LIMIT + 10);
  });
});

describe('a database instant in microseconds', () => {
  it.each([
    ['2026-03-02 01:00:00.123456+00', Date.parse('2026-03-02T01:00:00.123Z') * 1000 + 456],
    ['2026-03-02 09:00:00.5+08', Date.parse('2026-03-02T01:00:00.500Z') * 1000],
    ['2026-03-02 01:00:00+00', Date.parse('2026-03-02T01:00:00Z') * 1000],
    ['2026-03-02T01:00:00.123Z', Date.parse('2026-03-02T01:00:00.123Z') * 1000],
  ])('%s', (text, us) => expect(instantUs(text)).toBe(us));
});
