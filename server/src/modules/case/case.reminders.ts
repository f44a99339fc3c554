/**
 * Case reminders for the notification centre: the decision clock (行政处罚法 art. 60) due in 7 days or less, to the
 * case officers; a filing waiting for approval more than a day, to those who approve in the case's division.
 */
import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, notInArray, sql } from 'drizzle-orm';
import { addDaysToDate, bureauDate } from '@yingji/domain';
import { caseOfficers, cases } from '../../db/schema';
import type { TReminderProvider } from '../../kit/notify';

export const CASE_CLOCK_REMINDER_DAYS = 7;
export const APPROVAL_WAIT_HOURS = 24;

export const caseReminders: TReminderProvider[] = [
  {
    key: 'case.decision_due_soon',
    title: '案件作出决定期限将到',
    async due(db, now) {
      const today = bureauDate(now);
      const rows = await db
        .select({ id: cases.id, due: cases.decisionDueOn, party: cases.partyName, caseNo: cases.caseNo })
        .from(cases)
        .where(
          and(
            isNull(cases.decidedOn),
            notInArray(cases.stage, ['closed', 'withdrawn']),
            gte(cases.decisionDueOn, today),
            lte(cases.decisionDueOn, addDaysToDate(today, CASE_CLOCK_REMINDER_DAYS)),
          ),
        );
      if (rows.length === 0) return [];
      const officers = await db
        .select()
        .from(caseOfficers)
        .where(
          inArray(
            caseOfficers.caseId,
            rows.map((r) => r.id),
          ),
        );
      return rows.map((c) => ({
        ref: `${c.id}:${c.due}`,
        to: { userIds: officers.filter((o) => o.caseId === c.id).map((o) => o.userId) },
        title: `案件应在 ${c.due} 前作出决定`,
        body: `${c.caseNo ?? ''} ${c.party}`.trim(),
        href: `/cases/${c.id}`,
      }));
    },
  },
  {
    key: 'case.approval_waiting',
    title: '立案审批等待超过 1 天',
    async due(db, now) {
      const before = new Date(now.getTime() - APPROVAL_WAIT_HOURS * 3_600_000).toISOString();
      const rows = await db
        .select({ id: cases.id, party: cases.partyName, divisionCode: cases.divisionCode, updatedAt: cases.updatedAt })
        .from(cases)
        .where(and(eq(cases.stage, 'pending_filing'), lte(cases.updatedAt, before)));
      return rows.map((c) => ({
        ref: `${c.id}:${c.updatedAt}`,
        to: { permission: 'case.approve' as const, divisionCode: c.divisionCode },
        title: '立案审批已等待超过 1 天',
        body: c.party,
        href: `/cases/${c.id}`,
      }));
    },
  },

  {
    key: 'case.enforcement_due_soon',
    title: '申请人民法院强制执行期限将到',
    async due(db, now) {
      const today = bureauDate(now);
      const rows = await db
        .select({
          id: cases.id,
          due: cases.enforcementDueOn,
          party: cases.partyName,
          caseNo: cases.caseNo,
          divisionCode: cases.divisionCode,
        })
        .from(cases)
        .where(
          and(
            isNotNull(cases.demandServedOn),
            isNull(cases.enforcementAppliedOn),
            lt(cases.finePaidFen, sql`${cases.fineDecidedFen}`),
            notInArray(cases.stage, ['closed', 'withdrawn']),
            gte(cases.enforcementDueOn, today),
            lte(cases.enforcementDueOn, addDaysToDate(today, CASE_CLOCK_REMINDER_DAYS)),
          ),
        );
      return rows.map((c) => ({
        ref: `${c.id}:${c.due}`,
        to: { permission: 'case.approve' as const, divisionCode: c.divisionCode },
        title: `案件应在 ${c.due} 前申请人民法院强制执行`,
        body: `${c.caseNo ?? ''} ${c.party}：经催告仍未缴纳罚款，逾期不申请将丧失申请期限（行政强制法第五十三条）`.trim(),
        href: `/cases/${c.id}`,
      }));
    },
  },
];
