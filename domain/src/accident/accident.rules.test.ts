import { describe, expect, it } from 'vitest';
import {
  accidentGrade,
  casualtiesProblem,
  dutyDateAt,
  extensionProblem,
  followUpWindow,
  investigationReplyDueOn,
  investigationReportDueOn,
  investigationState,
  isDoubleDecline,
  pendingStep,
  percentChange,
  periodOf,
  periodRange,
  reportChainProblem,
  reportClocks,
  rosterDayGaps,
  targetLevel,
  type TReportStep,
} from './accident.rules';

const YUAN = 100;
const none = { deaths: 0, seriousInjuries: 0, lossFen: 0 };

describe('accident grade (条例 art. 3, 以上含本数，以下不含)', () => {
  it.each([
    // deaths alone
    [{ deaths: 2 }, 'general'],
    [{ deaths: 3 }, 'larger'],
    [{ deaths: 9 }, 'larger'],
    [{ deaths: 10 }, 'major'],
    [{ deaths: 29 }, 'major'],
    [{ deaths: 30 }, 'especially_major'],
    // serious injuries alone
    [{ seriousInjuries: 9 }, 'general'],
    [{ seriousInjuries: 10 }, 'larger'],
    [{ seriousInjuries: 49 }, 'larger'],
    [{ seriousInjuries: 50 }, 'major'],
    [{ seriousInjuries: 99 }, 'major'],
    [{ seriousInjuries: 100 }, 'especially_major'],
    // loss alone, in fen
    [{ lossFen: 9_999_999 * YUAN }, 'general'],
    [{ lossFen: 9_999_999 * YUAN + 99 }, 'general'],
    [{ lossFen: 10_000_000 * YUAN }, 'larger'],
    [{ lossFen: 49_999_999 * YUAN }, 'larger'],
    [{ lossFen: 50_000_000 * YUAN }, 'major'],
    [{ lossFen: 99_999_999 * YUAN }, 'major'],
    [{ lossFen: 100_000_000 * YUAN }, 'especially_major'],
    // nothing at all
    [{}, 'general'],
    // combined: the highest criterion decides
    [{ deaths: 2, seriousInjuries: 9, lossFen: 9_999_999 * YUAN }, 'general'],
    [{ deaths: 2, seriousInjuries: 10, lossFen: 0 }, 'larger'],
    [{ deaths: 3, seriousInjuries: 50, lossFen: 0 }, 'major'],
    [{ deaths: 9, seriousInjuries: 49, lossFen: 100_000_000 * YUAN }, 'especially_major'],
    [{ deaths: 10, seriousInjuries: 9, lossFen: 10_000_000 * YUAN }, 'major'],
    [{ deaths: 29, seriousInjuries: 99, lossFen: 99_999_999 * YUAN }, 'major'],
    [{ deaths: 1, seriousInjuries: 100, lossFen: 0 }, 'especially_major'],
  ] as const)('%o → %s', (c, grade) => {
    expect(accidentGrade({ ...none, ...c })).toBe(grade);
  });

  it('sends the report as far as the grade requires (art. 10)', () => {
    expect(targetLevel('general')).toBe('city');
    expect(targetLevel('larger')).toBe('province');
    expect(targetLevel('major')).toBe('ministry');
    expect(targetLevel('especially_major')).toBe('ministry');
    expect(targetLevel(null)).toBe('city');
  });

  it('refuses negative or fractional casualties and loss, naming the figure', () => {
    const ok = { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 0, lossFen: 0 };
    expect(casualtiesProblem(ok)).toBeNull();
    expect(casualtiesProblem({ ...ok, deaths: -1 })).toContain('死亡人数');
    expect(casualtiesProblem({ ...ok, minorInjuries: -1 })).toContain('轻伤人数');
    expect(casualtiesProblem({ ...ok, lossFen: -100 })).toContain('直接经济损失');
    expect(casualtiesProblem({ ...ok, missing: 1.5 })).toContain('失踪人数');
  });
});

// 23:30 Asia/Shanghai on 2026-03-01 = 15:30Z: every clock below crosses midnight in the bureau's time zone.
const KNOWN = '2026-03-01T15:30:00.000Z';
const at = (minutesAfterKnown: number) => new Date(Date.parse(KNOWN) + minutesAfterKnown * 60_000).toISOString();
const NOW = new Date(at(24 * 60));

describe('report clocks (art. 9: unit 1 hour; art. 11: each level 2 hours)', () => {
  it.each([
    [59, 'on_time', 0],
    [60, 'on_time', 0],
    [61, 'late', 1],
    [125, 'late', 65],
  ] as const)('the unit passes up %i minutes after knowing, across midnight → %s, %i minutes late', (m, state, late) => {
    const steps: TReportStep[] = [{ level: 'unit', receivedAt: null, passedUpAt: at(m) }];
    const [unit] = reportClocks({ knownAt: KNOWN, steps, target: 'city', now: NOW });
    expect(unit).toMatchObject({ level: 'unit', to: 'town', state, minutesLate: late, dueAt: at(60), limitMinutes: 60 });
  });

  it.each([
    [120, 'on_time', 0],
    [121, 'late', 1],
  ] as const)('the town passes up %i minutes after receiving → %s', (m, state, late) => {
    const steps: TReportStep[] = [
      { level: 'unit', receivedAt: null, passedUpAt: at(10) },
      { level: 'town', receivedAt: at(10), passedUpAt: at(10 + m) },
    ];
    const clocks = reportClocks({ knownAt: KNOWN, steps, target: 'city', now: NOW });
    expect(clocks.map((c) => c.level)).toEqual(['unit', 'town']);
    expect(clocks[1]).toMatchObject({ state, minutesLate: late, dueAt: at(130), limitMinutes: 120 });
  });

  it('counts a level still holding the report as pending until its deadline, overdue a minute after', () => {
    const steps: TReportStep[] = [
      { level: 'unit', receivedAt: null, passedUpAt: at(30) },
      { level: 'town', receivedAt: at(30), passedUpAt: null },
    ];
    const exactly = reportClocks({ knownAt: KNOWN, steps, target: 'city', now: new Date(at(150)) });
    expect(exactly[1]).toMatchObject({ state: 'pending', minutesLate: 0 });
    expect(pendingStep(exactly)).toEqual({ level: 'town', dueAt: at(150) });
    const after = reportClocks({ knownAt: KNOWN, steps, target: 'city', now: new Date(at(151)) });
    expect(after[1]).toMatchObject({ state: 'overdue', minutesLate: 1 });
  });

  it('runs the chain to the province for 较大 and the ministry for 重大; a level not yet reached waits', () => {
    const steps: TReportStep[] = [
      { level: 'unit', receivedAt: null, passedUpAt: at(20) },
      { level: 'town', receivedAt: at(20), passedUpAt: at(60) },
      { level: 'city', receivedAt: at(60), passedUpAt: at(181) },
    ];
    const larger = reportClocks({ knownAt: KNOWN, steps, target: 'province', now: NOW });
    expect(larger.map((c) => [c.level, c.state, c.minutesLate])).toEqual([
      ['unit', 'on_time', 0],
      ['town', 'on_time', 0],
      ['city', 'late', 1],
    ]);
    const major = reportClocks({ knownAt: KNOWN, steps, target: 'ministry', now: NOW });
    expect(major[3]).toMatchObject({ level: 'province', state: 'waiting', dueAt: null });
    expect(pendingStep(larger)).toBeNull();
  });

  it('refuses a chain out of order, naming the rule', () => {
    const base = { occurredAt: at(-30), knownAt: KNOWN, now: NOW };
    expect(reportChainProblem({ ...base, steps: [] })).toBeNull();
    expect(reportChainProblem({ ...base, occurredAt: at(1), steps: [] })).toBe('事故发生时间不能晚于单位知悉时间');
    expect(
      reportChainProblem({
        ...base,
        steps: [
          { level: 'unit', receivedAt: null, passedUpAt: at(30) },
          { level: 'town', receivedAt: at(29), passedUpAt: null },
        ],
      }),
    ).toBe('报告链时间倒置：镇街接报时间不能早于事故单位上报时间');
    expect(
      reportChainProblem({
        ...base,
        steps: [
          { level: 'unit', receivedAt: null, passedUpAt: at(30) },
          { level: 'town', receivedAt: at(30), passedUpAt: at(29) },
        ],
      }),
    ).toBe('报告链时间倒置：镇街上报时间不能早于镇街接报时间');
    expect(reportChainProblem({ ...base, steps: [{ level: 'unit', receivedAt: null, passedUpAt: at(-1) }] })).toBe(
      '报告链时间倒置：事故单位上报时间不能早于单位知悉时间',
    );
    expect(reportChainProblem({ ...base, steps: [{ level: 'city', receivedAt: at(24 * 60 + 1), passedUpAt: null }] })).toBe(
      '市应急管理局接报时间不能晚于当前时间',
    );
  });
});

describe('follow-up window (art. 13: 30 days, 7 for road traffic and fire; last day inclusive)', () => {
  // 2026-03-01 23:30 in Shanghai: the accident's day is 03-01 although the UTC date is the same here.
  const occurredAt = '2026-03-01T15:30:00.000Z';
  it.each([
    [false, '2026-03-31T15:59:59.000Z', true], // 03-31 23:59:59 Shanghai: last day of 30
    [false, '2026-03-31T16:00:00.000Z', false], // 04-01 00:00 Shanghai
    [true, '2026-03-08T15:59:59.000Z', true], // 03-08 23:59:59: last day of 7
    [true, '2026-03-08T16:00:00.000Z', false],
  ] as const)('road/fire %s at %s → open %s', (roadOrFire, now, open) => {
    const w = followUpWindow({ occurredAt, roadOrFire, now: new Date(now) });
    expect(w.open).toBe(open);
    expect(w.lastDay).toBe(roadOrFire ? '2026-03-08' : '2026-03-31');
  });

  it('takes the accident day in Shanghai: 00:30 on 03-02 local is 03-01 in UTC', () => {
    const w = followUpWindow({ occurredAt: '2026-03-01T16:30:00.000Z', roadOrFire: true, now: new Date('2026-03-09T15:00:00Z') });
    expect(w).toEqual({ lastDay: '2026-03-09', days: 7, open: true });
  });
});

describe('investigation deadlines (art. 29, 32)', () => {
  const d = { accidentDate: '2026-03-01', extensionDays: null, reportSubmittedOn: null, repliedOn: null, grade: 'general' as const };
  it('is due 60 days after the accident, plus one extension', () => {
    expect(investigationReportDueOn(d)).toBe('2026-04-30');
    expect(investigationReportDueOn({ ...d, extensionDays: 60 })).toBe('2026-06-29');
    expect(investigationState(d, '2026-04-30')).toBe('investigating');
    expect(investigationState(d, '2026-05-01')).toBe('report_overdue');
  });
  it('allows one extension of at most 60 days', () => {
    expect(extensionProblem(d, 60)).toBeNull();
    expect(extensionProblem(d, 1)).toBeNull();
    expect(extensionProblem(d, 61)).toBe('调查报告期限延长不得超过 60 日（条例第二十九条）');
    expect(extensionProblem(d, 0)).toContain('60 日');
    expect(extensionProblem({ ...d, extensionDays: 10 }, 10)).toBe('调查报告期限只能延长一次（条例第二十九条）');
    expect(extensionProblem({ ...d, reportSubmittedOn: '2026-04-01' }, 10)).toContain('已提交');
  });
  it('wants the reply 15 days after the report, 30 for 特别重大', () => {
    const sub = { ...d, reportSubmittedOn: '2026-04-20' };
    expect(investigationReplyDueOn(d)).toBeNull();
    expect(investigationReplyDueOn(sub)).toBe('2026-05-05');
    expect(investigationReplyDueOn({ ...sub, grade: 'especially_major' })).toBe('2026-05-20');
    expect(investigationState(sub, '2026-05-05')).toBe('awaiting_reply');
    expect(investigationState(sub, '2026-05-06')).toBe('reply_overdue');
    expect(investigationState({ ...sub, repliedOn: '2026-05-10' }, '2026-06-01')).toBe('replied');
  });
});

describe('duty roster and statistics helpers', () => {
  it('flags a day without a leader or an officer; the chief is optional', () => {
    expect(
      rosterDayGaps({
        date: '2026-03-02',
        people: [
          { post: 'leader', name: '甲' },
          { post: 'officer', name: '乙' },
        ],
      }),
    ).toEqual([]);
    expect(
      rosterDayGaps({
        date: '2026-03-02',
        people: [
          { post: 'chief', name: '丙' },
          { post: 'officer', name: '乙' },
        ],
      }),
    ).toEqual(['缺带班领导']);
    expect(rosterDayGaps({ date: '2026-03-02', people: [] })).toEqual(['缺带班领导', '缺值班员']);
  });
  it('hands the duty day over at 08:30 Shanghai', () => {
    expect(dutyDateAt(new Date('2026-03-02T00:29:59Z'))).toBe('2026-03-01'); // 08:29:59 local
    expect(dutyDateAt(new Date('2026-03-02T00:30:00Z'))).toBe('2026-03-02');
    expect(dutyDateAt(new Date('2026-03-02T15:59:00Z'))).toBe('2026-03-02'); // 23:59 local
  });
  it('computes the seed’s percentages and the double decline', () => {
    expect(percentChange(18, 7)).toBe(-61.1);
    expect(percentChange(16, 6)).toBe(-62.5);
    expect(percentChange(3, 1)).toBe(-66.7);
    expect(percentChange(0, 4)).toBeNull();
    expect(isDoubleDecline({ count: 3, deaths: 2 }, { count: 2, deaths: 1 })).toBe(true);
    expect(isDoubleDecline({ count: 3, deaths: 2 }, { count: 2, deaths: 2 })).toBe(false);
    expect(isDoubleDecline({ count: 3, deaths: 2 }, { count: 3, deaths: 0 })).toBe(false);
  });
  it('names periods and their ranges', () => {
    expect(periodOf('2025-03-31', 'quarter')).toBe('2025-Q1');
    expect(periodOf('2025-04-01', 'quarter')).toBe('2025-Q2');
    expect(periodOf('2025-04-01', 'month')).toBe('2025-04');
    expect(periodRange('2025-Q1')).toEqual({ from: '2025-01-01', to: '2025-03-31', previous: '2024-Q1' });
    expect(periodRange('2024')).toEqual({ from: '2024-01-01', to: '2024-12-31', previous: '2023' });
    expect(periodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29', previous: '2023-02' });
    expect(periodRange('2024-12')).toEqual({ from: '2024-12-01', to: '2024-12-31', previous: '2023-12' });
  });
});
