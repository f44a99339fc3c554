import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../src/db/client';
import ExcelJS from 'exceljs';
import { completeCreditCode } from '@yingji/domain';

/** A valid credit code for a number (Zhongshan, enterprise type), the same number giving the same code. */
export const creditCode = (n: number): string => completeCreditCode(`91442000${String(n).padStart(8, '0')}`);

export const enterpriseBody = (n: number, over: Record<string, unknown> = {}) => ({
  creditCode: creditCode(n),
  name: `中山市测试${n}号五金制品有限公司`,
  divisionCode: '442000107',
  supervisionCategory: 'it_machinery',
  address: `中山市坦洲镇测试路${n}号`,
  reason: '新发现企业，纳入监管',
  ...over,
});

/** An .xlsx as the market regulator sends it: a header row, then one row per firm. */
export async function regulatorSheet(
  rows: (string | number | null)[][],
  header = ['统一社会信用代码', '企业名称', '法定代表人', '登记状态', '住所', '国民经济行业代码'],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名单');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** enterprise_counts as the triggers keep it, against a full recount of the registry (zero rows dropped). */
export async function countsDrift(db: Db): Promise<{ kept: string[]; recount: string[] }> {
  const kept = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', division_code, supervision_category, supervision_status, registration_status, supervising_level, tag, n) AS k FROM enterprise_counts WHERE n <> 0 ORDER BY 1`,
  );
  const recount = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', division_code, supervision_category, supervision_status, registration_status, supervising_level, t.tag, count(*)) AS k
        FROM enterprises e, unnest(array_append(e.tags, '')) AS t(tag) GROUP BY division_code, supervision_category, supervision_status, registration_status, supervising_level, t.tag ORDER BY 1`,
  );
  return { kept: kept.map((r) => r.k), recount: recount.map((r) => r.k) };
}

/** enterprise_city_counts with the changes not yet folded into them, against a recount of the registry by city. */
export async function cityCountsDrift(db: Db): Promise<{ kept: string[]; recount: string[] }> {
  const key = sql.raw('division_code, supervision_category, supervision_status, registration_status, supervising_level, tag');
  const kept = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', ${key}, sum(n)) AS k
        FROM (SELECT ${key}, n FROM enterprise_city_counts UNION ALL SELECT ${key}, n FROM enterprise_count_deltas) c
        GROUP BY ${key} HAVING sum(n) <> 0 ORDER BY 1`,
  );
  const recount = await queryRows<{ k: string }>(
    db,
    sql`SELECT concat_ws('|', left(division_code, 4), supervision_category, supervision_status, registration_status, supervising_level, t.tag, count(*)) AS k
        FROM enterprises e, unnest(array_append(e.tags, '')) AS t(tag)
        GROUP BY left(division_code, 4), supervision_category, supervision_status, registration_status, supervising_level, t.tag ORDER BY 1`,
  );
  return { kept: kept.map((r) => r.k), recount: recount.map((r) => r.k) };
}
