import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/db/client';
import type { TGenerateContext } from './generate';
import { CASE_DEMO_OFFICERS } from './case-data';

const STAGE_NAMES: Record<string, string> = {
  pending_filing: '待立案审批',
  filed: '已立案',
  investigating: '调查取证',
  proposed: '拟处罚',
  legal_review: '法制审核',
  deliberation: '集体讨论',
  notified: '已告知',
  hearing: '听证',
  decided: '已决定',
  served: '已送达',
  executing: '执行中',
  paid: '已缴清',
};

/** What `npm run demo` prints about cases: the open cases the demo officers handle, and who takes the other steps. */
export async function caseDemoLines(db: TGenerateContext['db']): Promise<string[]> {
  const rows = await queryRows<{ username: string; stage: string; n: number }>(
    db,
    sql`SELECT u.username, c.stage, count(*)::int AS n FROM cases c JOIN case_officers o ON o.case_id = c.id JOIN users u ON u.id = o.user_id
        WHERE u.username IN (${CASE_DEMO_OFFICERS.bureau}, ${CASE_DEMO_OFFICERS.town}) AND c.stage NOT IN ('closed', 'withdrawn') GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const open = (username: string, who: string) => {
    const mine = rows.filter((r) => r.username === username);
    const total = mine.reduce((a, r) => a + Number(r.n), 0);
    return `[demo]   ${username}  ${who}：未结案件 ${total} 件${total ? `（${mine.map((r) => `${STAGE_NAMES[r.stage] ?? r.stage} ${r.n}`).join('，')}）` : ''}，可继续调查取证、提出处罚意见、告知、送达、登记缴款`;
  };
  return [
    '[demo] 执法案件（行政处罚，浏览器中可继续办理）：',
    open(CASE_DEMO_OFFICERS.bureau, '市局承办人'),
    open(CASE_DEMO_OFFICERS.town, '石岐街道承办人'),
    '[demo]   b4420-03  局领导：批准立案、集体讨论、作出决定、延长期限、结案',
    '[demo]   b4420-08  法制审核人员：法制审核、主持听证',
  ];
}
