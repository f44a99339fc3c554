/**
 * The case module's workbench items: each role sees exactly the cases the rules give it (in its scope, not done,
 * for the legal reviewer not his own cases), and each count is what the card's link opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY, TOWNS } from '../../../test/harness';
import { act, h, ids, investigating, ok, post, s, caseBody, setClock, setUpCases, unitFine } from '../../../test/case-fixtures';

type TItem = { key: string; count: number; href: string };
const workbench = async (cookie: string): Promise<TItem[]> => (await ok(h.call('GET', '/api/workbench', { cookie }))).items;
/** The card's count, checked against the total of the list its link opens. */
async function count(cookie: string, key: string): Promise<number | undefined> {
  const card = (await workbench(cookie)).find((i) => i.key === key);
  if (!card) return undefined;
  const list = await ok(h.call('GET', `/api${card.href}&page=1&pageSize=1`, { cookie }));
  expect(list.total, key).toBe(card.count);
  return card.count;
}
const townLeader = async () => (await h.userWithSession({ role: 'bureau_leader', divisionCode: TOWNS.xiaolan })).cookie;

beforeAll(setUpCases);
afterAll(() => h.close());

describe('case items on the workbench', () => {
  let filing: number;

  it('gives a leader the filings awaiting approval in his scope, and drops one once approved', async () => {
    expect(await count(s.leader, 'case.filing_approvals')).toBe(0);
    filing = (await ok(post(s.officerA, '/api/cases', caseBody()))).case.id;
    expect(await count(s.leader, 'case.filing_approvals')).toBe(1);
    expect(await count(await townLeader(), 'case.filing_approvals')).toBe(0);
    expect(await count(s.officerA, 'case.filing_approvals')).toBeUndefined();
    await ok(act(s.leader, filing, 'approve-filing'));
    expect(await count(s.leader, 'case.filing_approvals')).toBe(0);
  });

  it('gives a legal reviewer the cases waiting for review, except those he handles (回避)', async () => {
    const town = await investigating();
    await ok(act(s.officerA, town, 'propose', unitFine(3_500_000, 'serious')));
    await ok(act(s.officerA, town, 'request-legal-review'));
    const city = await investigating({ divisionCode: CITY, officerIds: [ids.cityOfficer, ids.reviewerOfficer] }, s.cityOfficer);
    await ok(act(s.cityOfficer, city, 'propose', unitFine(4_000_000, 'grave')));
    await ok(act(s.cityOfficer, city, 'request-legal-review'));
    expect(await count(s.reviewer, 'case.legal_review_queue')).toBe(2);
    expect(await count(s.reviewerOfficer, 'case.legal_review_queue')).toBe(1);
    expect(await count(s.officerA, 'case.legal_review_queue')).toBeUndefined();
    await ok(act(s.reviewer, town, 'legal-review', { result: 'pass', opinion: '同意' }));
    expect(await count(s.reviewer, 'case.legal_review_queue')).toBe(1);
  });

  it('gives officers the clocks of the cases they handle: due within 7 days, then overdue', async () => {
    expect(await count(s.officerA, 'case.clocks_due')).toBe(0);
    // filed 2026-03-02: the 90 days end on 2026-05-31
    await setClock('2026-05-27T02:00:00Z');
    expect(await count(s.officerA, 'case.clocks_due')).toBe(2);
    expect(await count(s.officerB, 'case.clocks_due')).toBe(2);
    expect(await count(s.cityOfficer, 'case.clocks_due')).toBe(1);
    expect(await count(s.chair, 'case.clocks_due')).toBe(0);
    expect(await count(s.xiaolan, 'case.clocks_due')).toBe(0);
    expect(await count(s.officerA, 'case.clocks_overdue')).toBe(0);
    await setClock('2026-06-05T02:00:00Z');
    expect(await count(s.officerA, 'case.clocks_overdue')).toBe(2);
    expect(await count(s.officerA, 'case.clocks_due')).toBe(0);
    await ok(act(s.leader, filing, 'withdraw', { reason: '违法事实不能成立，撤销立案' }));
    expect(await count(s.officerA, 'case.clocks_overdue')).toBe(1);
  });
});
