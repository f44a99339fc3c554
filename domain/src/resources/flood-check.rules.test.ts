import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHECK_DEPARTMENTS,
  DEFAULT_TOWN_CHECK_ITEMS,
  DEFAULT_VILLAGE_CHECK_ITEMS,
  checklistProblem,
  floodCheckEntriesProblem,
  floodCheckFixProblem,
  floodCheckProgress,
  roundDatesProblem,
  tallyFloodChecks,
} from './flood-check.rules';

const items = [
  { code: 'A', label: '甲' },
  { code: 'B', label: '乙' },
  { code: 'C', label: '丙' },
];
const ok = (itemCode: string) => ({ itemCode, present: true, fixedOn: null });
const gap = (itemCode: string, fixedOn: string | null = null) => ({ itemCode, present: false, fixedOn });

describe('the default checklists', () => {
  it('hold nine town items, ten village items and the bureau with seven departments', () => {
    expect(DEFAULT_TOWN_CHECK_ITEMS).toHaveLength(9);
    expect(DEFAULT_VILLAGE_CHECK_ITEMS).toHaveLength(10);
    expect(DEFAULT_CHECK_DEPARTMENTS).toHaveLength(8);
    expect(checklistProblem(DEFAULT_TOWN_CHECK_ITEMS, '九必检')).toBeNull();
    expect(checklistProblem(DEFAULT_VILLAGE_CHECK_ITEMS, '十个有')).toBeNull();
  });
});

describe('progress of one town or village', () => {
  it.each([
    ['nothing recorded', [], { recorded: 0, present: 0, missing: [], open: [], state: 'not_started' }],
    ['one present', [ok('A')], { recorded: 1, present: 1, missing: [], open: [], state: 'in_progress' }],
    ['two of three, one missing', [ok('A'), gap('B')], { recorded: 2, present: 1, missing: ['B'], open: ['B'], state: 'in_progress' }],
    ['all present', [ok('A'), ok('B'), ok('C')], { recorded: 3, present: 3, missing: [], open: [], state: 'complete' }],
    [
      'all recorded, one missing and put right',
      [ok('A'), gap('B', '2025-03-20'), gap('C')],
      { recorded: 3, present: 1, missing: ['B', 'C'], open: ['C'], state: 'complete' },
    ],
    [
      'a result for an item dropped from the list',
      [ok('A'), gap('Z')],
      { recorded: 1, present: 1, missing: [], open: [], state: 'in_progress' },
    ],
  ])('%s', (_what, entries, expected) => expect(floodCheckProgress(items, entries)).toEqual({ total: 3, ...expected }));
});

describe('the city tally', () => {
  it('counts units by state and their missing and open items', () => {
    const p = [
      floodCheckProgress(items, []),
      floodCheckProgress(items, [ok('A')]),
      floodCheckProgress(items, [ok('A'), gap('B', '2025-03-01'), gap('C')]),
      floodCheckProgress(items, [ok('A'), ok('B'), ok('C')]),
    ];
    expect(tallyFloodChecks(p)).toEqual({ units: 4, complete: 2, inProgress: 1, notStarted: 1, missingItems: 2, openProblems: 1 });
    expect(tallyFloodChecks([])).toEqual({ units: 0, complete: 0, inProgress: 0, notStarted: 0, missingItems: 0, openProblems: 0 });
  });
});

describe('refusals', () => {
  it.each([
    [[], '九必检至少要有一项'],
    [
      [
        { code: 'A', label: '甲' },
        { code: 'A', label: '乙' },
      ],
      '九必检的编号「A」重复',
    ],
    [
      [
        { code: 'A', label: '甲' },
        { code: 'B', label: '甲' },
      ],
      '九必检的检查项「甲」重复',
    ],
    [[{ code: 'A', label: '甲' }], null],
  ])('checklist %j → %s', (list, problem) => expect(checklistProblem(list, '九必检')).toBe(problem));

  it.each([
    [[{ itemCode: 'A', present: true, note: '' }], null],
    [[{ itemCode: 'B', present: false, note: '预案未修订' }], null],
    [[{ itemCode: 'B', present: false, note: '  ' }], { index: 0, message: '检查项「乙」缺失，请写明情况' }],
    [
      [
        { itemCode: 'A', present: true, note: '' },
        { itemCode: 'X', present: true, note: '' },
      ],
      { index: 1, message: '检查表中没有编号为「X」的检查项' },
    ],
    [
      [
        { itemCode: 'A', present: true, note: '' },
        { itemCode: 'A', present: false, note: '无' },
      ],
      { index: 1, message: '检查项「甲」填写了两次' },
    ],
  ])('entries %j → %j', (entries, problem) => expect(floodCheckEntriesProblem(items, entries)).toEqual(problem));

  it.each([
    [{ present: true, fixedOn: null, checkedOn: '2025-03-01' }, '2025-03-02', '该项检查时已具备，无需整改'],
    [{ present: false, fixedOn: '2025-03-05', checkedOn: '2025-03-01' }, '2025-03-06', '该项已于 2025-03-05 整改完毕'],
    [{ present: false, fixedOn: null, checkedOn: '2025-03-01' }, '2025-02-28', '整改日期不能早于检查日期 2025-03-01'],
    [{ present: false, fixedOn: null, checkedOn: '2025-03-01' }, '2025-03-01', null],
  ])('fixing %j on %s → %s', (entry, on, problem) => expect(floodCheckFixProblem(entry, on)).toBe(problem));

  it.each([
    ['2025-02-01', '2025-03-31', null],
    ['2025-02-01', '2025-02-01', null],
    ['2025-02-02', '2025-02-01', '结束日期不能早于开始日期'],
  ])('round %s to %s → %s', (a, b, problem) => expect(roundDatesProblem(a, b)).toBe(problem));
});
