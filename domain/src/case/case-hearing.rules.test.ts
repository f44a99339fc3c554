import { describe, expect, it } from 'vitest';
import { HEARING_PENALTIES, hearingEligible } from './case-clock.rules';
import { OTHER_PENALTIES, OTHER_PENALTY_LABELS, type TOtherPenalty } from './case-terms.schema';
import { CASE_PROCEDURE_SOURCES, DEFAULT_CASE_PROCEDURE as S } from './case.settings';
import { penaltyFacts } from './case-penalty-facts.fixture';

const facts = penaltyFacts;

// 行政处罚法 art. 63 (1): each penalty kind the case model knows, alone (no fine), and whether it gives a hearing
const BY_KIND: Record<TOtherPenalty, boolean> = {
  warning: false,
  suspend_production: true,
  lower_qualification: true,
  revoke_licence: true,
  close_down: true,
  restrict_practice: true,
  // 安全生产法 art. 113: a request to the local government, not a penalty this bureau imposes
  propose_closure: false,
};

describe('hearing rights by penalty kind (行政处罚法 art. 63)', () => {
  it.each(OTHER_PENALTIES.map((k) => [k, OTHER_PENALTY_LABELS[k], BY_KIND[k]] as const))(
    '%s（%s）→ hearing %s',
    (kind, _label, expected) => {
      expect(hearingEligible(facts({ otherPenalties: [kind] }), S)).toBe(expected);
    },
  );
  it('lists exactly the kinds of art. 63 (1) other than fines and confiscation', () => {
    expect([...HEARING_PENALTIES].sort()).toEqual(OTHER_PENALTIES.filter((k) => BY_KIND[k]).sort());
  });
});

describe('较大数额 at Guangdong’s thresholds (公民 5,000 元, 法人或其他组织 100,000 元)', () => {
  it.each([
    ['person 5,000.00 yuan', [{ target: 'person', fineFen: 500_000 }], true],
    ['person 4,999.99 yuan', [{ target: 'person', fineFen: 499_999 }], false],
    ['unit 100,000.00 yuan', [{ target: 'unit', fineFen: 10_000_000 }], true],
    ['unit 99,999.99 yuan', [{ target: 'unit', fineFen: 9_999_999 }], false],
    [
      'two person fines adding up to 5,000 yuan',
      [
        { target: 'person', fineFen: 300_000 },
        { target: 'person', fineFen: 200_000 },
      ],
      true,
    ],
    // the person's threshold does not apply to a unit's fine
    ['unit 50,000 yuan', [{ target: 'unit', fineFen: 5_000_000 }], false],
    ['no fine', [], false],
  ] as const)('%s → hearing %s', (_l, fines, expected) => {
    expect(hearingEligible(facts({ fines: fines.map((f) => ({ ...f })) }), S)).toBe(expected);
  });
  it('a bureau that set its own thresholds keeps them', () => {
    const own = { ...S, hearingPersonFineFen: 1_000_000, hearingUnitFineFen: 3_000_000 };
    expect(hearingEligible(facts({ fines: [{ target: 'person', fineFen: 500_000 }] }), own)).toBe(false);
    expect(hearingEligible(facts({ fines: [{ target: 'unit', fineFen: 3_000_000 }] }), own)).toBe(true);
  });
  it('ships each hearing threshold with its cited source, marked unsourced (no primary text read)', () => {
    for (const key of ['hearingPersonFineFen', 'hearingUnitFineFen', 'hearingConfiscationFen'] as const) {
      expect(CASE_PROCEDURE_SOURCES[key]?.sourced).toBe(false);
    }
    expect([CASE_PROCEDURE_SOURCES.hearingPersonFineFen?.secondary, CASE_PROCEDURE_SOURCES.hearingConfiscationFen?.secondary]).toEqual([
      true,
      false,
    ]);
    expect(CASE_PROCEDURE_SOURCES.hearingPersonFineFen?.source).toContain('《广东省行政处罚听证程序实施办法》');
    expect(CASE_PROCEDURE_SOURCES.hearingUnitFineFen?.source).toContain('100,000 元');
    // the ministry's national fallback is only cited, not used
    expect(CASE_PROCEDURE_SOURCES.hearingUnitFineFen?.source).toContain('应急管理部令第18号');
    expect([S.hearingPersonFineFen, S.hearingUnitFineFen]).toEqual([500_000, 10_000_000]);
  });
});
