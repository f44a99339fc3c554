import { describe, expect, it } from 'vitest';
import {
  answerDueAt,
  answerMode,
  answerProblem,
  answerStats,
  doubleThirtyCheckProblem,
  doubleThirtyTriggered,
  median,
  missedConsultations,
  nextConsultation,
  responseRaised,
  nextCallStep,
  resolveRecipients,
  warningAreaProblem,
  type TChainPost,
} from './warning.rules';
import { DEFAULT_CONSULTATION_FREQUENCY, DEFAULT_WARNING_CALL } from './warning.settings';

const TZ = '442000107';
const XL = '442000118';
const post = (id: number, o: Partial<TChainPost> = {}): TChainPost => ({
  id,
  divisionCode: TZ,
  villageCode: null,
  level: 'town',
  title: '岗位',
  townLeader: false,
  superiorId: null,
  holders: [{ id: id * 10, name: `人${id}`, phone: `1390000000${id}`, userId: null }],
  ...o,
});

describe('warningAreaProblem', () => {
  const known = new Set([TZ, XL]);
  it.each([
    [{ areaAll: true, towns: [] }, null],
    [{ areaAll: false, towns: [TZ] }, null],
    [{ areaAll: false, towns: [] }, '请选择预警范围：全市或至少一个镇街'],
    [{ areaAll: false, towns: [TZ, '442000999'] }, '预警范围中有不存在的镇街：442000999'],
    [{ areaAll: true, towns: ['442000999'] }, '预警范围中有不存在的镇街：442000999'],
  ])('%j → %s', (area, problem) => expect(warningAreaProblem(area, known)).toBe(problem));
});

describe('resolveRecipients', () => {
  const posts = [
    post(1),
    post(2, { level: 'village', villageCode: `${TZ}001`, holders: [] }),
    post(3, { divisionCode: XL }),
    post(4, { level: 'city', divisionCode: '4420' }),
    post(5, {
      level: 'village',
      villageCode: `${TZ}002`,
      holders: [post(5).holders[0]!, { id: 51, name: '网格员', phone: '13900000051', userId: 7 }],
    }),
  ];
  it('calls every holder of the town and village posts of the chosen towns, never city posts', () => {
    const { recipients, unheld } = resolveRecipients(posts, { areaAll: false, towns: [TZ] });
    expect(recipients.map((r) => r.holder.id)).toEqual([10, 50, 51]);
    expect(unheld.map((p) => p.id)).toEqual([2]);
  });
  it('the whole city takes every town', () => {
    expect(resolveRecipients(posts, { areaAll: true, towns: [] }).recipients.map((r) => r.post.id)).toEqual([1, 3, 5, 5]);
  });
  it('a town outside the area is not called', () => {
    expect(resolveRecipients(posts, { areaAll: false, towns: [XL] }).recipients.map((r) => r.post.id)).toEqual([3]);
  });
});

describe('answerMode', () => {
  it.each([
    ['高温', 'yellow', 'first'],
    ['高温', 'orange', 'all'],
    ['暴雨', 'yellow', 'all'],
    ['寒冷', 'blue', 'first'],
  ] as const)('%s %s → %s', (kind, level, mode) => expect(answerMode(DEFAULT_WARNING_CALL, kind, level)).toBe(mode));
});

describe('answerDueAt: silence escalates at exactly N minutes', () => {
  it('is N minutes after the call', () => {
    expect(answerDueAt(new Date('2026-06-01T00:00:00Z'), 10).toISOString()).toBe('2026-06-01T00:10:00.000Z');
  });
});

describe('nextCallStep', () => {
  const opts = { maxRepeats: 1, hasSuperior: true, hasLeader: true };
  it.each([
    [{ stage: 0, repeats: 0 }, opts, 'repeat'],
    [{ stage: 0, repeats: 1 }, opts, 'superior'],
    [{ stage: 0, repeats: 1 }, { ...opts, hasSuperior: false }, 'leader'],
    [{ stage: 0, repeats: 1 }, { ...opts, hasSuperior: false, hasLeader: false }, 'none'],
    [{ stage: 1, repeats: 0 }, opts, 'repeat'],
    [{ stage: 1, repeats: 1 }, opts, 'leader'],
    [{ stage: 2, repeats: 1 }, opts, 'none'],
    [{ stage: 0, repeats: 0 }, { ...opts, maxRepeats: 0 }, 'superior'],
  ] as const)('%j %j → %s', (r, o, step) => expect(nextCallStep(r, o)).toBe(step));
});

describe('answerProblem', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const link = { expiresAt: new Date('2026-06-01T00:00:01Z') };
  it.each([
    [{ state: 'waiting' }, 'active', link, null],
    [{ state: 'escalated' }, 'active', link, null],
    [{ state: 'waiting' }, 'lifted', link, '该预警已解除，无需再应答'],
    [{ state: 'waiting' }, 'active', { expiresAt: now }, '应答链接已过期，请联系镇街三防值班员'],
    [{ state: 'waiting' }, 'active', null, null],
    [{ state: 'answered' }, 'active', link, '您已应答过此预警（链接只能使用一次）'],
    [{ state: 'covered' }, 'active', link, '本岗位已有人应答，无需再应答'],
    [{ state: 'closed' }, 'active', link, '此预警已更新或解除，请以最新通知为准'],
  ] as const)('%j %s → %s', (r, state, l, problem) => expect(answerProblem(r, { state }, l, now)).toBe(problem));
});

describe('statistics', () => {
  it('median of odd, even and empty lists', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('answer rate, median minutes and escalations per group, from the rows', () => {
    const t0 = '2026-06-01T00:00:00Z';
    const at = (m: number) => new Date(Date.parse(t0) + m * 60_000).toISOString();
    const rows = [
      { group: '坦洲', sentAt: t0, answeredAt: at(2), escalated: false },
      { group: '坦洲', sentAt: t0, answeredAt: at(12), escalated: true },
      { group: '坦洲', sentAt: t0, answeredAt: null, escalated: true },
      { group: '小榄', sentAt: t0, answeredAt: at(1), escalated: false },
    ];
    expect(answerStats(rows)).toEqual([
      { group: '坦洲', called: 3, answered: 2, rate: 66.7, medianMinutes: 7, escalated: 2 },
      { group: '小榄', called: 1, answered: 1, rate: 100, medianMinutes: 1, escalated: 0 },
    ]);
  });
});

describe('missedConsultations', () => {
  const now = new Date('2026-06-02T00:00:00Z');
  it('Ⅳ level every 24 h: each 24 h without a consultation after the last one is one miss', () => {
    const r = { level: 'IV' as const, startedAt: '2026-05-30T00:00:00Z', endedAt: null };
    expect(missedConsultations(r, ['2026-05-30T20:00:00Z'], DEFAULT_CONSULTATION_FREQUENCY, now)).toEqual([
      '2026-05-31T20:00:00.000Z',
      '2026-06-01T20:00:00.000Z',
    ]);
  });
  it('exactly at the interval is on time', () => {
    const r = { level: 'I' as const, startedAt: '2026-06-01T00:00:00Z', endedAt: '2026-06-01T06:00:00Z' };
    expect(missedConsultations(r, ['2026-06-01T03:00:00Z', '2026-06-01T06:00:00Z'], DEFAULT_CONSULTATION_FREQUENCY, now)).toEqual([]);
    // One second late is a miss; the late one still counts for the next interval.
    expect(missedConsultations(r, ['2026-06-01T03:00:01Z'], DEFAULT_CONSULTATION_FREQUENCY, now)).toEqual(['2026-06-01T03:00:00.000Z']);
    expect(missedConsultations(r, [], DEFAULT_CONSULTATION_FREQUENCY, now)).toEqual([
      '2026-06-01T03:00:00.000Z',
      '2026-06-01T06:00:00.000Z',
    ]);
  });
});

describe('nextConsultation', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const r = (level: 'IV' | 'II', endedAt: string | null = null) => ({ level, startedAt: '2026-06-01T00:00:00Z', endedAt });
  it.each([
    ['Ⅱ级 6 h, none held, due at 06:00, overdue at 12:00', r('II'), [], '2026-06-01T06:00:00.000Z', true],
    ['Ⅱ级 6 h, held at 07:00: due 13:00, not overdue', r('II'), ['2026-06-01T07:00:00Z'], '2026-06-01T13:00:00.000Z', false],
    ['Ⅱ级, held at 06:00: due exactly 12:00 is not yet overdue', r('II'), ['2026-06-01T06:00:00Z'], '2026-06-01T12:00:00.000Z', false],
    ['Ⅳ级 24 h: a consultation before the start does not count', r('IV'), ['2026-05-31T23:00:00Z'], '2026-06-02T00:00:00.000Z', false],
    ['ended: nothing due', r('II', '2026-06-01T05:00:00Z'), [], null, false],
  ])('%s', (_, response, held, dueAt, overdue) => {
    expect(nextConsultation(response, held, DEFAULT_CONSULTATION_FREQUENCY, now)).toEqual({ dueAt, overdue });
  });
  it('raising goes towards Ⅰ', () => {
    expect(responseRaised('IV', 'III')).toBe(true);
    expect(responseRaised('II', 'III')).toBe(false);
  });
});

describe('双三十', () => {
  it.each([
    [{ rainfallMm: 29, depthCm: 29 }, false],
    [{ rainfallMm: 30, depthCm: null }, true],
    [{ rainfallMm: null, depthCm: 30 }, true],
    [{ rainfallMm: null, depthCm: null }, false],
  ])('%j → %s', (c, v) => expect(doubleThirtyTriggered(c)).toBe(v));
});

describe('双三十 check problem', () => {
  const rain = { kind: '暴雨', state: 'active' as const, areaAll: false, towns: ['442000107'] };
  const none = { roadsClosed: false, peopleMoved: 0 };
  it.each([
    ['below 30, no action', { rainfallMm: 29, depthCm: 29, ...none }, rain, null],
    ['rain at 30, no action', { rainfallMm: 30, depthCm: null, ...none }, rain, '已达“双三十”标准'],
    ['water at 30, no action', { rainfallMm: null, depthCm: 30, ...none }, rain, '已达“双三十”标准'],
    ['water at 30, road closed', { rainfallMm: null, depthCm: 30, roadsClosed: true, peopleMoved: 0 }, rain, null],
    ['rain at 45, 12 moved', { rainfallMm: 45, depthCm: 10, roadsClosed: false, peopleMoved: 12 }, rain, null],
    ['nothing measured', { rainfallMm: null, depthCm: null, ...none }, rain, '请填写1小时降雨量或积水深度'],
    ['a heat warning', { rainfallMm: 10, depthCm: null, ...none }, { ...rain, kind: '高温' }, '只在暴雨或台风预警期间'],
    ['a typhoon', { rainfallMm: 10, depthCm: null, ...none }, { ...rain, kind: '台风' }, null],
    ['lifted', { rainfallMm: 10, depthCm: null, ...none }, { ...rain, state: 'lifted' as const }, '已解除'],
    ['another town', { rainfallMm: 10, depthCm: null, ...none }, { ...rain, towns: ['442000118'] }, '不在此预警的范围内'],
    ['the whole city', { rainfallMm: 10, depthCm: null, ...none }, { ...rain, areaAll: true, towns: [] }, null],
  ])('%s', (_label, check, warning, problem) => {
    const got = doubleThirtyCheckProblem(check, warning, '442000107');
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });
});
