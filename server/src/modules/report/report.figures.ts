/**
 * The report figures as a registry: each figure is a definition (id, Chinese name, what it counts, the query over the
 * records, the list page that shows those records). A module adds its figures with one entry each
 * (`registerFigure`), e.g. drills and training once their modules land. Every query takes an inclusive range of
 * bureau calendar dates and a division scope, and carries the scope filter.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/client';
import { escapeLike } from '../../shared/scope';
import { FIGURE_RECORDS_LIMIT, SUPERVISION_CATEGORIES, yearEarlier, type TFigureRecord } from '@yingji/domain';

export interface TFigureRange {
  from: string;
  to: string;
  /** Division code prefix: the city `4420` or a town. */
  scope: string;
}

export interface TFigureDefinition {
  id: string;
  name: string;
  group: string;
  unit: string;
  /** What the figure counts, in words, for the definitions page. */
  counts: string;
  /** One number for the range and scope. */
  query: (db: Db, r: TFigureRange) => Promise<number>;
  /** The list page with filters that shows the records making up the figure. */
  drill: (r: TFigureRange) => string;
  /** The records themselves, for a figure whose drill is the report's own list (`/reports/records/:id`). */
  records?: (db: Db, r: TFigureRange) => Promise<{ total: number; items: TFigureRecord[] }>;
}

const inScope = (column: string, scope: string): SQL => sql`${sql.raw(column)} LIKE ${escapeLike(scope) + '%'}`;

async function one(db: Db, statement: SQL): Promise<number> {
  const [row] = await queryRows<{ n: string | number | null }>(db, statement);
  return Number(row?.n ?? 0);
}

const town = (r: TFigureRange) => (r.scope.length === 9 ? `&divisionCode=${r.scope}` : '');
const dates = (r: TFigureRange) => `from=${r.from}&to=${r.to}`;

const registry: TFigureDefinition[] = [];

/** Adds a figure; ids are unique over the platform. */
export function registerFigure(figure: TFigureDefinition): void {
  if (registry.some((f) => f.id === figure.id)) throw new Error(`report figure ${figure.id} is registered twice`);
  registry.push(figure);
}
/** Every figure, those of a group together (in the order the groups first appear), as the table and exports show them. */
export const reportFigures = (): readonly TFigureDefinition[] =>
  [...new Set(registry.map((f) => f.group))].flatMap((g) => registry.filter((f) => f.group === g));

/**
 * A figure over penalty cases: the number filed (by filing date) or the fines decided (by decision date, yuan), with
 * an optional extra condition on `c` (the case) and `e` (its firm, when `firm`). Its drill is the report's own list
 * of those cases, since the case list filters by filing date and place only.
 */
function registerCaseFigure(f: {
  id: string;
  name: string;
  group?: string;
  measure: 'filed' | 'fines';
  counts: string;
  where?: SQL;
  firm?: boolean;
}) {
  const day = f.measure === 'filed' ? sql.raw('c.filed_on') : sql.raw('c.decided_on');
  const from = f.firm ? sql`cases c left join enterprises e on e.id = c.enterprise_id` : sql`cases c`;
  const where = (r: TFigureRange) =>
    sql`${day} between ${r.from} and ${r.to} and ${inScope('c.division_code', r.scope)} ${f.where ?? sql``}`;
  registerFigure({
    id: f.id,
    name: f.name,
    group: f.group ?? '行政执法',
    unit: f.measure === 'filed' ? '宗' : '元',
    counts: f.counts,
    query: async (db, r) =>
      f.measure === 'filed'
        ? one(db, sql`select count(*) n from ${from} where ${where(r)}`)
        : (await one(db, sql`select coalesce(sum(c.fine_decided_fen), 0) n from ${from} where ${where(r)}`)) / 100,
    drill: (r) => `/reports/records/${f.id}?kind=custom&from=${r.from}&to=${r.to}&divisionCode=${r.scope}`,
    records: async (db, r) => {
      const rows = await queryRows<{
        id: number;
        case_no: string | null;
        party_name: string;
        division: string | null;
        division_code: string;
        day: string;
        fen: string | number;
        total: string | number;
      }>(
        db,
        sql`select c.id, c.case_no, c.party_name, d.name division, c.division_code, ${day}::text as day, c.fine_decided_fen fen,
              count(*) over () total
            from ${from} left join divisions d on d.code = c.division_code
            where ${where(r)} order by ${day} desc, c.id desc limit ${FIGURE_RECORDS_LIMIT}`,
      );
      return {
        total: Number(rows[0]?.total ?? 0),
        items: rows.map((c) => ({
          id: c.id,
          label: c.case_no ?? `案件 ${c.id}`,
          detail: `${c.party_name} · 办案机关：${c.division_code.length === 4 ? '市局' : (c.division ?? c.division_code)}`,
          date: c.day,
          amount: f.measure === 'fines' ? Number(c.fen) / 100 : null,
          link: `/cases/${c.id}`,
        })),
      };
    },
  });
}

registerFigure({
  id: 'inspection.unannounced',
  name: '“四不两直”检查',
  group: '监督检查',
  unit: '次',
  counts: '报告期内提交的检查方式为“四不两直”的监督检查记录数（按检查日期）',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from inspections where status = 'submitted' and kind = 'unannounced'
          and inspected_on between ${r.from} and ${r.to} and ${inScope('division_code', r.scope)}`,
    ),
  drill: (r) => `/inspections?kind=unannounced&status=submitted&${dates(r)}${town(r)}`,
});
registerFigure({
  id: 'inspection.random',
  name: '“双随机”抽查',
  group: '监督检查',
  unit: '次',
  counts: '报告期内提交的双随机抽查记录数（检查方式为双随机抽查，按检查日期）',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from inspections where status = 'submitted' and kind = 'planned'
          and inspected_on between ${r.from} and ${r.to} and ${inScope('division_code', r.scope)}`,
    ),
  drill: (r) => `/inspections?kind=planned&status=submitted&${dates(r)}${town(r)}`,
});
registerFigure({
  id: 'hazard.unannounced',
  name: '“四不两直”发现隐患',
  group: '隐患治理',
  unit: '项',
  counts: '报告期内发现、来源为“四不两直”检查记录的隐患数（按发现日期）',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from hazards h join inspections i on i.id = h.inspection_id
          where i.kind = 'unannounced' and h.found_on between ${r.from} and ${r.to} and ${inScope('h.division_code', r.scope)}`,
    ),
  drill: (r) => `/hazards?source=inspection&${dates(r)}${town(r)}`,
});
registerFigure({
  id: 'hazard.major',
  name: '排查重大事故隐患',
  group: '隐患治理',
  unit: '项',
  counts: '报告期内发现的重大事故隐患数（按发现日期，含企业自查）',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from hazards where level = 'major' and found_on between ${r.from} and ${r.to}
          and ${inScope('division_code', r.scope)}`,
    ),
  drill: (r) => `/hazards?level=major&${dates(r)}${town(r)}`,
});
registerFigure({
  id: 'hazard.major_self',
  name: '企业自查发现重大事故隐患',
  group: '隐患治理',
  unit: '项',
  counts: '报告期内由企业自查自报的重大事故隐患数；与“排查重大事故隐患”之比为自查自报占比',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from hazards where level = 'major' and source = 'self_check'
          and found_on between ${r.from} and ${r.to} and ${inScope('division_code', r.scope)}`,
    ),
  drill: (r) => `/hazards?level=major&source=self_check&${dates(r)}${town(r)}`,
});
registerCaseFigure({
  id: 'case.filed',
  name: '立案查处',
  measure: 'filed',
  counts: '报告期内立案（立案审批通过）的行政处罚案件数（按立案日期）',
});
registerCaseFigure({
  id: 'case.fines',
  name: '罚款金额',
  measure: 'fines',
  counts: '报告期内作出行政处罚决定的罚款金额合计（按决定日期，元）',
});
/** Cases and fines by the handling body: the city bureau (a 4-digit code) or a town (9 digits). */
const BODIES = [
  { id: 'city', name: '市局', length: 4 },
  { id: 'town', name: '镇街', length: 9 },
] as const;
for (const b of BODIES) {
  const where = sql`and length(c.division_code) = ${b.length}`;
  registerCaseFigure({
    id: `case.filed.${b.id}`,
    name: `立案查处（${b.name}）`,
    measure: 'filed',
    counts: `报告期内由${b.name}作为办案机关立案的行政处罚案件数（按立案日期）`,
    where,
  });
  registerCaseFigure({
    id: `case.fines.${b.id}`,
    name: `罚款金额（${b.name}）`,
    measure: 'fines',
    counts: `报告期内由${b.name}作出行政处罚决定的罚款金额合计（按决定日期，元）`,
    where,
  });
}

/**
 * Cases and fines by sector (行业): the group of the firm's supervision category as the registry keeps it today
 * (危险化学品, 烟花爆竹, 非煤矿山, 工贸); a case against a person or a firm not in the registry counts under 其他.
 */
const SECTORS = [
  { id: 'hc', group: '危险化学品' },
  { id: 'fw', group: '烟花爆竹' },
  { id: 'mine', group: '非煤矿山' },
  { id: 'it', group: '工贸' },
  { id: 'other', group: '其他' },
] as const;
for (const s of SECTORS) {
  const codes = SUPERVISION_CATEGORIES.filter((c) => c.group === s.group).map((c) => c.code);
  const inSector = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  const where =
    s.id === 'other'
      ? sql`and (e.id is null or e.supervision_category in (${inSector}))`
      : sql`and e.supervision_category in (${inSector})`;
  const of = s.id === 'other' ? '其他行业（含个人及未登记企业）' : `${s.group}行业`;
  registerCaseFigure({
    id: `case.filed.sector.${s.id}`,
    name: `立案查处（${s.group}）`,
    group: '分行业执法',
    measure: 'filed',
    counts: `报告期内对${of}立案的行政处罚案件数（按立案日期；行业按企业库中该企业当前的监管类别归类）`,
    where,
    firm: true,
  });
  registerCaseFigure({
    id: `case.fines.sector.${s.id}`,
    name: `罚款金额（${s.group}）`,
    group: '分行业执法',
    measure: 'fines',
    counts: `报告期内对${of}作出行政处罚决定的罚款金额合计（按决定日期，元；行业按企业当前的监管类别归类）`,
    where,
    firm: true,
  });
}

registerFigure({
  id: 'accident.count',
  name: '生产安全事故',
  group: '事故',
  unit: '起',
  counts: '报告期内发生的生产安全事故起数（不含其他突发事件，按发生日期）',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from accidents where kind = 'accident' and occurred_on between ${r.from} and ${r.to}
          and ${inScope('division_code', r.scope)}`,
    ),
  drill: (r) => `/accidents?kind=accident&${dates(r)}${town(r)}`,
});
registerFigure({
  id: 'accident.deaths',
  name: '事故死亡人数',
  group: '事故',
  unit: '人',
  counts: '报告期内发生的生产安全事故的死亡人数合计（按最新续报）',
  query: (db, r) =>
    one(
      db,
      sql`select coalesce(sum(deaths), 0) n from accidents where kind = 'accident' and occurred_on between ${r.from} and ${r.to}
          and ${inScope('division_code', r.scope)}`,
    ),
  drill: (r) => `/accidents?kind=accident&${dates(r)}${town(r)}`,
});

registerFigure({
  id: 'accident.double_decline_towns',
  name: '事故起数和死亡人数“双下降”镇街',
  group: '事故',
  unit: '个',
  counts: '生产安全事故起数和死亡人数均比上年同期下降的镇街数（上年同期有死亡的镇街才可能双下降）',
  query: (db, r) => {
    const before = yearEarlier(r);
    return one(
      db,
      sql`select count(*) n from (
            select division_code,
              count(*) filter (where occurred_on between ${r.from} and ${r.to}) n_now,
              coalesce(sum(deaths) filter (where occurred_on between ${r.from} and ${r.to}), 0) d_now,
              count(*) filter (where occurred_on between ${before.from} and ${before.to}) n_before,
              coalesce(sum(deaths) filter (where occurred_on between ${before.from} and ${before.to}), 0) d_before
            from accidents where kind = 'accident' and length(division_code) = 9 and ${inScope('division_code', r.scope)}
              and (occurred_on between ${r.from} and ${r.to} or occurred_on between ${before.from} and ${before.to})
            group by division_code) t
          where n_now < n_before and d_now < d_before`,
    );
  },
  drill: (r) => `/accidents/stats?${dates(r)}${town(r)}`,
});

registerFigure({
  id: 'drill.held',
  name: '开展应急演练',
  group: '应急演练与培训',
  unit: '场',
  counts: '报告期内已举行（状态为已完成）的应急演练场次（按举行日期，含企业自行组织的演练）',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from drills where status = 'done' and held_on between ${r.from} and ${r.to}
          and ${inScope('division_code', r.scope)}`,
    ),
  drill: (r) => `/drill/drills?status=done&${dates(r)}${town(r)}`,
});
registerFigure({
  id: 'drill.self_run',
  name: '自主组织演练',
  group: '应急演练与培训',
  unit: '场',
  counts: '报告期内已举行、由组织单位自行组织（非上级或外部组织）的演练场次（按举行日期）',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from drills where status = 'done' and self_run and held_on between ${r.from} and ${r.to}
          and ${inScope('division_code', r.scope)}`,
    ),
  drill: (r) => `/drill/drills?status=done&${dates(r)}${town(r)}`,
});
registerFigure({
  id: 'training.sessions',
  name: '开展安全培训',
  group: '应急演练与培训',
  unit: '期',
  counts: '报告期内已举办（状态为已完成）的培训期数（按举办日期）',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from training_sessions where status = 'done' and held_on between ${r.from} and ${r.to}
          and ${inScope('division_code', r.scope)}`,
    ),
  drill: (r) => `/drill/training?${dates(r)}${town(r)}`,
});
const AUDIENCES = [
  { id: 'officers', column: 'officers', name: '执法人员' },
  { id: 'principals', column: 'principals', name: '主要负责人' },
  { id: 'safety_managers', column: 'safety_managers', name: '安全管理人员' },
  { id: 'sanfang', column: 'sanfang_staff', name: '“三防”工作人员' },
  { id: 'public', column: 'public_people', name: '社会公众' },
] as const;
for (const a of AUDIENCES) {
  registerFigure({
    id: `training.people.${a.id}`,
    name: `培训${a.name}`,
    group: '应急演练与培训',
    unit: '人次',
    counts: `报告期内已举办的培训中登记的${a.name}人次合计（按举办日期）`,
    query: (db, r) =>
      one(
        db,
        sql`select coalesce(sum(${sql.raw(a.column)}), 0) n from training_sessions where status = 'done'
            and held_on between ${r.from} and ${r.to} and ${inScope('division_code', r.scope)}`,
      ),
    drill: (r) => `/drill/training?${dates(r)}${town(r)}`,
  });
}

/** 30 days after a calendar date. */
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

registerFigure({
  id: 'resources.warehouses',
  name: '应急物资仓库',
  group: '应急物资',
  unit: '个',
  counts: '期末已建成（登记日期不晚于报告期末）的应急物资仓库数',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from resource_warehouses where (created_at at time zone 'Asia/Shanghai')::date <= ${r.to}
          and ${inScope('division_code', r.scope)}`,
    ),
  drill: () => `/resources/stock`,
});
registerFigure({
  id: 'resources.lots_expiring',
  name: '临期或过期物资批次',
  group: '应急物资',
  unit: '批',
  counts: '仍有结存、有效期截至报告期末后 30 日内（含已过期）的物资批次数（结存为当前结存）',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from resource_lots where balance > 0 and expires_on is not null and expires_on <= ${plusDays(r.to, 30)}
          and ${inScope('division_code', r.scope)}`,
    ),
  drill: () => `/resources/alerts`,
});
registerFigure({
  id: 'resources.loans_overdue',
  name: '逾期未归还借用',
  group: '应急物资',
  unit: '笔',
  counts: '报告期末已出库、约定归还日期早于期末且期末尚未办结的物资借用笔数（按仓库所属区域）',
  query: (db, r) =>
    one(
      db,
      sql`select count(*) n from resource_loans where issued_on is not null and issued_on <= ${r.to}
          and expected_return_on < ${r.to} and (closed_on is null or closed_on > ${r.to})
          and state in ('issued', 'returning', 'closed') and ${inScope('division_code', r.scope)}`,
    ),
  drill: () => `/resources/loans`,
});
