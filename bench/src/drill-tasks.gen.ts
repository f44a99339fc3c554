import { sql } from 'drizzle-orm';
import { addDaysToDate } from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import { drillTasks } from '../../server/src/db/schema';
import type { TDrillRun } from './drill-plans.gen';
import { ZHONGSHAN } from './drill-plans.data';

/**
 * Review (复盘) tasks in every state on the 2024 chemicals drill, the 2025 forest-fire drill and the 2025 fireworks
 * drill, owned by Zhongshan's officers and signed off by a bureau leader; `idOf` gives a seed drill's id by its key.
 * Returns how many were inserted.
 */
export async function insertReviewTasks({ ctx, today, stamp }: TDrillRun, idOf: (key: string) => number): Promise<number> {
  const users = await queryRows<{ id: number; role: string; division_code: string }>(
    ctx.db,
    sql`SELECT id, role, division_code FROM users WHERE role IN ('bureau_officer', 'town_officer', 'bureau_leader') ORDER BY id`,
  );
  const officersOf = (code: string) => users.filter((u) => u.division_code.startsWith(code) && u.role !== 'bureau_leader');
  const tasks: (typeof drillTasks.$inferInsert)[] = [];
  const townOwner = (code: string) => officersOf(code)[0] ?? officersOf(ZHONGSHAN)[0]!;
  const bureauOwner = officersOf(ZHONGSHAN).find((u) => u.role === 'bureau_officer')!;
  const signer = users.find((u) => u.role === 'bureau_leader' && u.division_code === ZHONGSHAN)!;
  const task = (
    key: string,
    divisionCode: string,
    phase: string,
    finding: string,
    unit: string,
    owner: { id: number },
    deadline: string,
    state: 'open' | 'done' | 'signed_off',
    evidence?: string,
  ) =>
    tasks.push({
      drillId: idOf(key),
      divisionCode,
      phase,
      finding,
      unit,
      ownerId: owner.id,
      deadline,
      state,
      evidence: state === 'open' ? null : (evidence ?? '已整改并提交相关制度文件'),
      completedAt: state === 'open' ? null : `${deadline}T02:00:00.000Z`,
      signedOffBy: state === 'signed_off' ? signer.id : null,
      signedOffAt: state === 'signed_off' ? `${addDaysToDate(deadline, 3)}T02:00:00.000Z` : null,
      createdAt: stamp,
    });
  task(
    'chemicals',
    '442000101',
    '警戒疏散',
    '警戒区划定偏小，下风向群众疏散滞后',
    '黄圃镇人民政府',
    townOwner('442000101'),
    '2024-08-31',
    'signed_off',
    '已重新测算警戒距离，修订疏散方案',
  );
  task('chemicals', '442000101', '环境监测', '环境监测数据未及时同步指挥部', '中山市生态环境局', bureauOwner, '2024-09-30', 'signed_off');
  task(
    'chemicals',
    '442000101',
    '总体',
    '演练拍摄摆拍痕迹重，未以现场实况记录为主',
    '中山市应急管理局',
    bureauOwner,
    '2024-07-31',
    'signed_off',
    '已印发演练拍摄工作规范',
  );
  task(
    'forest',
    '442000006',
    '交通管制',
    '交通管制点位设置滞后，社会车辆进入警戒区',
    '中山市公安局交通警察支队',
    bureauOwner,
    '2025-05-31',
    'done',
    '已增设 4 个管制点并修订分工',
  );
  task(
    'forest',
    '442000006',
    '火情上报',
    '村级火情上报链不畅，上报超时 4 分钟',
    '五桂山街道办事处',
    townOwner('442000006'),
    addDaysToDate(today, 20),
    'open',
  );
  task(
    'forest',
    '442000006',
    '人员疏散',
    '紧急避险设施未纳入疏散路线',
    '五桂山街道办事处',
    townOwner('442000006'),
    addDaysToDate(today, -15),
    'open',
  );
  task(
    'fireworks',
    '442000114',
    '信息发布与舆情应对',
    '信息发布口径未经指挥部审核',
    '中山市应急管理局',
    bureauOwner,
    '2025-03-31',
    'signed_off',
  );
  await ctx.db.insert(drillTasks).values(tasks);
  return tasks.length;
}
