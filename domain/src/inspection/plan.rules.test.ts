import { describe, expect, it } from 'vitest';
import { DEFAULT_INSPECTION_FREQUENCY } from './inspection.settings';
import { planApprovalProblem, planChecks, stratumCount } from './plan.rules';

describe('stratumCount: round half up of ratio × size', () => {
  it.each([
    [0.5, 3, 2],
    [0.5, 1, 1],
    [0.49, 1, 0],
    [0.1, 4, 0],
    [0.125, 4, 1],
    [0.29, 50, 15],
    [0.333, 3, 1],
    [1, 38_508, 38_508],
    [1.5, 10, 10],
    [0, 10, 0],
    [-0.1, 10, 0],
    [0.5, 0, 0],
  ])('ratio %s of %s firms gives %s', (ratio, size, expected) => {
    expect(stratumCount(ratio, size)).toBe(expected);
  });
});

describe('planChecks against the frequency setting', () => {
  const f = DEFAULT_INSPECTION_FREQUENCY; // red 4–12, orange 2–6, yellow 1–3, blue 0–2, none 0–1
  const row = (rows: ReturnType<typeof planChecks>, stratum: string) => rows.find((r) => r.stratum === stratum)!;

  it('counts checks per grade from the pool sizes and ratios, times the rounds', () => {
    const rows = planChecks(
      { red: 10, orange: 20, yellow: 30, blue: 40, none: 50 },
      { red: 1, orange: 0.5, yellow: 0.5, blue: 0.1, none: 0.05 },
      f,
      4,
    );
    expect(rows.map((r) => [r.stratum, r.perRound, r.checks])).toEqual([
      ['red', 10, 40],
      ['orange', 10, 40],
      ['yellow', 15, 60],
      ['blue', 4, 16],
      ['none', 3, 12],
    ]);
    expect(row(rows, 'red')).toMatchObject({ perFirm: 4, min: 4, max: 12, warning: null });
    expect(row(rows, 'orange')).toMatchObject({ perFirm: 2, warning: null });
    expect(row(rows, 'yellow')).toMatchObject({ perFirm: 2, warning: null });
    expect(row(rows, 'blue')).toMatchObject({ perFirm: 0.4, warning: null });
    expect(row(rows, 'none')).toMatchObject({ perFirm: 0.24, warning: null });
  });

  it('shows an average just under the minimum as under it, and just over the cap as over it', () => {
    const under = planChecks({ yellow: 3161 }, { yellow: 0.25 }, f, 4).find((r) => r.stratum === 'yellow')!;
    expect(under).toMatchObject({
      checks: 3160,
      perFirm: 0.99,
      warning: 'below_min',
      message: '黄色企业每家每年平均检查 0.99 次，低于设置的最少 1 次',
    });
    const over = planChecks({ none: 999 }, { none: 0.5 }, f, 2).find((r) => r.stratum === 'none')!;
    expect(over).toMatchObject({ checks: 1000, perFirm: 1.01, warning: 'above_max' });
  });

  it.each([
    // stratum, pool, ratio, rounds, warning
    ['red', 10, 1, 3, 'below_min'],
    ['red', 10, 1, 4, null],
    ['red', 10, 1, 12, null],
    ['orange', 10, 0.5, 3, 'below_min'],
    ['orange', 10, 0.5, 4, null],
    ['yellow', 10, 0.9, 1, 'below_min'],
    ['yellow', 10, 1, 3, null],
    ['yellow', 10, 1, 4, 'above_max'],
    ['blue', 10, 1, 2, null],
    ['blue', 10, 1, 3, 'above_max'],
    ['none', 10, 1, 1, null],
    ['none', 10, 1, 2, 'above_max'],
    ['red', 0, 1, 1, null],
  ] as const)('%s: %s firms at ratio %s over %s rounds → %s', (stratum, pool, ratio, rounds, warning) => {
    const r = row(planChecks({ [stratum]: pool }, { [stratum]: ratio }, f, rounds), stratum);
    expect(r.warning).toBe(warning);
    if (warning === 'below_min') expect(r.message).toContain(`低于设置的最少 ${f[stratum].min} 次`);
    if (warning === 'above_max') expect(r.message).toContain(`超过设置的最多 ${f[stratum].max} 次`);
  });
});

describe('plan approval (四眼原则)', () => {
  const plan = { createdBy: 1, divisionCode: '442000107', status: 'draft' };
  it.each([
    [{ id: 2, divisionCode: '442000107' }, plan, null],
    [{ id: 2, divisionCode: '4420' }, plan, null],
    [{ id: 1, divisionCode: '442000107' }, plan, '起草人以外'],
    [{ id: 2, divisionCode: '442000118' }, plan, '管辖范围'],
    [{ id: 2, divisionCode: '442000107' }, { ...plan, status: 'approved' }, '草稿'],
  ])('%j approving %j: %s', (actor, p, problem) => {
    const result = planApprovalProblem(actor, p);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});
