/**
 * Resources reminders for the notification centre: a loan lent past its expected return reminds its applicant and
 * its approvers, once per loan and return date (a new expected date is a new reminder).
 */
import { and, inArray, lt } from 'drizzle-orm';
import { bureauDate } from '@yingji/domain';
import { resourceLoans } from '../../db/schema';
import type { TReminderProvider } from '../../kit/notify';
import { loanNumber } from './loan-views';

export const resourcesReminders: TReminderProvider[] = [
  {
    key: 'resources.loan_overdue',
    title: '出借物资逾期未还',
    async due(db, now) {
      const today = bureauDate(now);
      // resource_loans_open_idx holds the expected return of the lent loans only.
      const rows = await db
        .select({
          id: resourceLoans.id,
          requestedAt: resourceLoans.requestedAt,
          borrowerUnit: resourceLoans.borrowerUnit,
          expectedReturnOn: resourceLoans.expectedReturnOn,
          applicantId: resourceLoans.applicantId,
          firstApproverId: resourceLoans.firstApproverId,
          secondApproverId: resourceLoans.secondApproverId,
        })
        .from(resourceLoans)
        .where(and(inArray(resourceLoans.state, ['issued', 'returning']), lt(resourceLoans.expectedReturnOn, today)));
      return rows.map((l) => ({
        ref: `${l.id}:${l.expectedReturnOn}`,
        to: { userIds: [...new Set([l.applicantId, l.firstApproverId, l.secondApproverId].filter((u): u is number => u !== null))] },
        title: `出借物资逾期未还（应于 ${l.expectedReturnOn} 归还）`,
        body: `${loanNumber({ id: l.id, requestedAt: l.requestedAt })} ${l.borrowerUnit}`,
        href: `/resources/loans/${l.id}`,
      }));
    },
  },
];
