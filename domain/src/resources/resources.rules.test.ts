import { describe, expect, it } from 'vitest';
import {
  acceptorsProblem,
  adjustmentApprovalProblem,
  expiryStatus,
  itemChangeProblem,
  isLoanOverdue,
  loanActionProblem,
  loanSettled,
  maintenanceDueOn,
  needsSecondApproval,
  outgoingProblem,
  pickLotsFefo,
  receiptLineFault,
  receiptLineProblem,
  reserveShortfall,
  returnProblem,
  stateAfterApproval,
  type TLoanFacts,
} from './resources.rules';

const line = {
  itemName: '灭火器',
  requires3c: true,
  quantity: 10,
  producedOn: '2026-01-01',
  expiresOn: '2031-01-01',
  certificate3c: '2020081801234567',
};

describe('receipt lines', () => {
  it.each([
    [{}, null],
    [{ certificate3c: null }, '灭火器属于强制性产品认证（3C）目录，必须填写 3C 证书编号'],
    [{ certificate3c: '  ' }, '灭火器属于强制性产品认证（3C）目录，必须填写 3C 证书编号'],
    [{ requires3c: false, certificate3c: null }, null],
    [{ expiresOn: '2026-01-01' }, '灭火器：有效期至不能早于或等于生产日期'],
    [{ expiresOn: '2025-12-31' }, '灭火器：有效期至不能早于或等于生产日期'],
    [{ expiresOn: '2026-01-02' }, null],
    [{ expiresOn: null }, null],
    [{ quantity: 0 }, '灭火器：入库数量必须大于 0'],
  ])('%o → %s', (change, problem) => {
    expect(receiptLineProblem({ ...line, ...change })).toBe(problem);
  });

  it.each([
    [['张三', '李四'], null],
    [['张三', ' 张三 '], '入库验收须由至少两名不同的验收人签字'],
    [['张三', ''], '入库验收须由至少两名不同的验收人签字'],
    [['张三'], '入库验收须由至少两名不同的验收人签字'],
    [['张三', '李四', '王五'], null],
  ])('acceptors %o → %s', (names, problem) => expect(acceptorsProblem(names)).toBe(problem));
});

describe('earliest expiry first', () => {
  const lots = [
    { id: 1, balance: 5, expiresOn: null },
    { id: 2, balance: 3, expiresOn: '2027-06-01' },
    { id: 3, balance: 4, expiresOn: '2027-01-01' },
    { id: 4, balance: 9, expiresOn: '2026-12-03' },
    { id: 5, balance: 0, expiresOn: '2026-12-10' },
  ];
  it('takes the earliest unexpired lots first, no-expiry lots last, never an expired or empty one', () => {
    expect(pickLotsFefo(lots, 2, '2026-12-04')).toEqual([{ lotId: 3, quantity: 2 }]);
    expect(pickLotsFefo(lots, 6, '2026-12-04')).toEqual([
      { lotId: 3, quantity: 4 },
      { lotId: 2, quantity: 2 },
    ]);
    expect(pickLotsFefo(lots, 12, '2026-12-04')).toEqual([
      { lotId: 3, quantity: 4 },
      { lotId: 2, quantity: 3 },
      { lotId: 1, quantity: 5 },
    ]);
    expect(pickLotsFefo(lots, 13, '2026-12-04')).toBeNull();
    // expiring today is still usable
    expect(pickLotsFefo(lots, 1, '2026-12-03')).toEqual([{ lotId: 4, quantity: 1 }]);
  });
  it.each([
    [5, 5, null],
    [5, 6, '出库数量 6 超过该批次结存 5，不能出库'],
    [5, 0, '出库数量必须大于 0'],
    [0, 1, '出库数量 1 超过该批次结存 0，不能出库'],
  ])('balance %i, out %i → %s', (balance, q, problem) => expect(outgoingProblem(balance, q, '出库')).toBe(problem));
});

describe('loan steps', () => {
  const base: TLoanFacts = {
    state: 'requested',
    applicantId: 1,
    needsSecondApproval: false,
    firstApproverId: null,
    secondApproverId: null,
  };
  it.each<[Partial<TLoanFacts>, Parameters<typeof loanActionProblem>[1], number, string | null]>([
    [{}, 'approve', 2, null],
    [{}, 'approve', 1, '申请人不能审批自己的出借申请'],
    [{}, 'refuse', 1, '申请人不能审批自己的出借申请'],
    [{ needsSecondApproval: true, firstApproverId: 2 }, 'approve', 2, '第二级审批须由第一级审批人以外的人进行'],
    [{ needsSecondApproval: true, firstApproverId: 2 }, 'approve', 3, null],
    [{ state: 'approved' }, 'approve', 2, '只有待审批的出借申请可以审批'],
    [{}, 'issue', 2, '出借申请尚未审批完毕，不能出库'],
    [{ state: 'approved' }, 'issue', 2, null],
    [{ state: 'issued' }, 'issue', 2, '该出借不在待出库状态'],
    [{}, 'return', 2, '只有已出借的物资可以登记归还'],
    [{ state: 'issued' }, 'return', 2, null],
    [{ state: 'returning' }, 'return', 2, null],
    [{ state: 'closed' }, 'return', 2, '只有已出借的物资可以登记归还'],
    [{}, 'cancel', 1, null],
    [{}, 'cancel', 2, '只有申请人可以撤回出借申请'],
    [{ state: 'issued' }, 'cancel', 1, '已出库的出借不能撤回'],
  ])('%o %s by %i → %s', (change, action, user, problem) => expect(loanActionProblem({ ...base, ...change }, action, user)).toBe(problem));

  it('goes to the second level only when needed', () => {
    expect(stateAfterApproval(base)).toEqual({ state: 'approved', level: 1 });
    expect(stateAfterApproval({ ...base, needsSecondApproval: true })).toEqual({ state: 'requested', level: 1 });
    expect(stateAfterApproval({ ...base, needsSecondApproval: true, firstApproverId: 2 })).toEqual({ state: 'approved', level: 2 });
  });

  it('needs a second approval above the value or for a listed item', () => {
    const s = { secondApprovalAboveFen: 100_000, secondApprovalItemCodes: ['RB-BOAT'] };
    expect(needsSecondApproval([{ itemCode: 'FL-PUMP', quantity: 10, unitPriceFen: 10_000 }], s)).toBe(false);
    expect(needsSecondApproval([{ itemCode: 'FL-PUMP', quantity: 10, unitPriceFen: 10_001 }], s)).toBe(true);
    expect(needsSecondApproval([{ itemCode: 'RB-BOAT', quantity: 1, unitPriceFen: 1 }], s)).toBe(true);
  });

  const lines = [
    { lineId: 1, itemName: '水泵', lent: 5, accounted: 2 },
    { lineId: 2, itemName: '沙袋', lent: 100, accounted: 0 },
  ];
  it.each<[Parameters<typeof returnProblem>[1], string | null]>([
    [[{ lineId: 1, quantity: 3, condition: 'good' }], null],
    [[{ lineId: 1, quantity: 4, condition: 'good' }], '水泵归还数量 4 超过未归还数量 3'],
    [
      [
        { lineId: 1, quantity: 2, condition: 'good' },
        { lineId: 1, quantity: 2, condition: 'damaged' },
      ],
      '水泵归还数量 4 超过未归还数量 3',
    ],
    [[{ lineId: 2, quantity: 100, condition: 'consumed' }], null],
    [[{ lineId: 9, quantity: 1, condition: 'good' }], '归还的物资不在本次出借清单中'],
    [[{ lineId: 1, quantity: 0, condition: 'good' }], '归还数量必须大于 0'],
    [[], '请至少登记一项归还'],
  ])('return %o → %s', (returned, problem) => expect(returnProblem(lines, returned)).toBe(problem));

  it('is settled when every line is accounted for, overdue the day after the expected return', () => {
    expect(loanSettled(lines)).toBe(false);
    expect(loanSettled([{ lineId: 1, itemName: '水泵', lent: 5, accounted: 5 }])).toBe(true);
    expect(isLoanOverdue({ state: 'issued', expectedReturnOn: '2026-12-04' }, '2026-12-04')).toBe(false);
    expect(isLoanOverdue({ state: 'issued', expectedReturnOn: '2026-12-03' }, '2026-12-04')).toBe(true);
    expect(isLoanOverdue({ state: 'returning', expectedReturnOn: '2026-12-03' }, '2026-12-04')).toBe(true);
    expect(isLoanOverdue({ state: 'closed', expectedReturnOn: '2026-12-03' }, '2026-12-04')).toBe(false);
    expect(isLoanOverdue({ state: 'approved', expectedReturnOn: '2026-12-03' }, '2026-12-04')).toBe(false);
  });
});

describe('alerts', () => {
  it.each([
    [null, null],
    ['2026-12-03', 'expired'],
    ['2026-12-04', 'expiring'],
    ['2027-01-03', 'expiring'],
    ['2027-01-04', null],
  ])('expiry %s on 2026-12-04 with 30 days → %s', (expiresOn, status) => expect(expiryStatus(expiresOn, '2026-12-04', 30)).toBe(status));

  it.each([
    ['expired yesterday: not reserve', [{ balance: 200, expiresOn: '2026-12-03' }], 100, 100],
    ['expiring today: still reserve', [{ balance: 200, expiresOn: '2026-12-04' }], 100, 0],
    ['no expiry', [{ balance: 99, expiresOn: null }], 100, 1],
    [
      'mixed: only the unexpired count',
      [
        { balance: 60, expiresOn: '2026-12-03' },
        { balance: 70, expiresOn: '2027-06-01' },
      ],
      100,
      30,
    ],
    ['exactly the minimum', [{ balance: 100, expiresOn: null }], 100, 0],
    ['no minimum set', [{ balance: 0, expiresOn: null }], null, 0],
  ])('reserve shortfall on 2026-12-04, %s', (_, lots, minimum, shortfall) =>
    expect(reserveShortfall(lots, minimum, '2026-12-04')).toBe(shortfall),
  );

  it('computes the next maintenance date, none without an interval', () => {
    expect(maintenanceDueOn('2026-01-31', 30)).toBe('2026-03-02');
    expect(maintenanceDueOn('2026-01-31', null)).toBeNull();
    expect(maintenanceDueOn('2026-01-31', 0)).toBeNull();
  });

  it('refuses an adjustment approved by its counter', () => {
    expect(adjustmentApprovalProblem(3, 3)).toBe('盘点调整须由盘点人以外的人审批');
    expect(adjustmentApprovalProblem(3, 4)).toBeNull();
  });
});

describe('receipt line faults name the field', () => {
  it.each([
    [{}, null],
    [{ certificate3c: null }, 'certificate3c'],
    [{ expiresOn: '2026-01-01' }, 'expiresOn'],
    [{ quantity: 0 }, 'quantity'],
  ])('%o → %s', (change, field) => {
    expect(receiptLineFault({ ...line, ...change })?.field ?? null).toBe(field);
  });
});

describe('catalogue changes', () => {
  it.each([
    [{ unit: '具' }, { unit: '具' }, 3, null],
    [{ unit: '具' }, { unit: ' 具 ' }, 3, null],
    [{ unit: '具' }, { unit: '台' }, 0, null],
    [{ unit: '具' }, { unit: '台' }, 1, '该物资已有 1 个库存批次，计量单位不能从“具”改为“台”'],
  ])('%o → %o with %i lots → %s', (before, after, lots, problem) => {
    expect(itemChangeProblem(before, after, lots)).toBe(problem);
  });
});
