/** Hazard reminders for the notification centre: an open hazard whose rectification deadline is 3 days away or less. */
import { and, gte, inArray, lte } from 'drizzle-orm';
import { addDaysToDate, bureauDate } from '@yingji/domain';
import { hazards } from '../../db/schema';
import type { TReminderProvider } from '../../kit/notify';

/** Days before the deadline the reminder goes out. */
export const HAZARD_REMINDER_DAYS = 3;

export const hazardReminders: TReminderProvider[] = [
  {
    key: 'hazard.due_soon',
    title: '隐患整改期限将到',
    async due(db, now) {
      const today = bureauDate(now);
      // The open-hazard partial indexes hold the deadline: this reads a few per cent of the rows.
      const rows = await db
        .select({
          id: hazards.id,
          deadline: hazards.deadline,
          description: hazards.description,
          createdBy: hazards.createdBy,
          divisionCode: hazards.divisionCode,
        })
        .from(hazards)
        .where(
          and(
            inArray(hazards.state, ['found', 'ordered', 'rectifying']),
            gte(hazards.deadline, today),
            lte(hazards.deadline, addDaysToDate(today, HAZARD_REMINDER_DAYS)),
          ),
        );
      return rows.map((h) => ({
        // A moved deadline (an approved extension) is a new reminder.
        ref: `${h.id}:${h.deadline}`,
        to: h.createdBy ? { userIds: [h.createdBy] } : { permission: 'hazard.manage' as const, divisionCode: h.divisionCode },
        title: `隐患整改期限将到（${h.deadline}）`,
        body: h.description.slice(0, 100),
        href: `/hazards/${h.id}`,
      }));
    },
  },
];
