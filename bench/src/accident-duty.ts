import { addDaysToDate, dutyDateAt } from '@yingji/domain';
import { dutyAssignments, dutyLog } from '../../server/src/db/schema';
import { ZHONGSHAN } from './accident-plan';
import type { TGenerateContext } from './generate';

/**
 * The duty room: the last 30 days and the next 14, three a day; one day next week lacks its officer (to be flagged),
 * and a handover in the duty log for each past day.
 */
export async function generateDuty(ctx: TGenerateContext, today: string): Promise<{ duty_assignments: number; duty_log: number }> {
  const staff = ctx.made.bureauStaff.filter((u) => u.startsWith(`b${ZHONGSHAN}-`));
  const roster: (typeof dutyAssignments.$inferInsert)[] = [];
  const logRows: (typeof dutyLog.$inferInsert)[] = [];
  if (staff.length) {
    const leaders = ['王局长', '李副局长', '陈副局长', '黄副局长'];
    const officers = ['张伟', '刘洋', '赵敏', '孙磊', '周杰', '吴芳', '郑浩', '冯静'];
    for (let d = -30; d <= 14; d++) {
      const date = addDaysToDate(today, d);
      roster.push({
        divisionCode: ZHONGSHAN,
        dutyDate: date,
        post: 'leader',
        name: leaders[(d + 40) % leaders.length]!,
        phone: '0760-88888801',
        position: 0,
      });
      roster.push({
        divisionCode: ZHONGSHAN,
        dutyDate: date,
        post: 'chief',
        name: officers[(d + 41) % officers.length]!,
        phone: '',
        position: 1,
      });
      if (d !== 9)
        roster.push({
          divisionCode: ZHONGSHAN,
          dutyDate: date,
          post: 'officer',
          name: officers[(d + 43) % officers.length]!,
          phone: '0760-88888802',
          position: 2,
        });
      if (d < 0) {
        const at = new Date(Date.parse(`${date}T09:00:00+08:00`));
        logRows.push({
          divisionCode: ZHONGSHAN,
          dutyDate: dutyDateAt(at),
          at: at.toISOString(),
          kind: 'handover',
          content: '交接班：设备正常，无待办事项',
          accidentId: null,
        });
      }
    }
    await ctx.db.insert(dutyAssignments).values(roster);
    await ctx.db.insert(dutyLog).values(logRows);
  }
  return { duty_assignments: roster.length, duty_log: logRows.length };
}
