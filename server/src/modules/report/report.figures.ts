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
export const reportFigures = (): readonly TFigureDefinition[] => registry;

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
registerFigure({
  id: 'case.filed',
  name: '立案查处',
  group: '行政执法',
  unit: '宗',
  counts: '报告期内立案（立案审批通过）的行政处罚案件数（按立案日期）',
  query: (db, r) =>
    one(db, sql`select count(*) n from cases where filed_on between ${r.from} and ${r.to} and ${inScope('division_code', r.scope)}`),
  drill: (r) => `/cases?${dates(r)}${town(r)}`,
});
registerFigure({
  id: 'case.fines',
  name: '罚款金额',
  group: '行政执法',
  unit: '元',
  counts: '报告期内作出行政处罚决定的罚款金额合计（按决定日期，元）',
  query: async (db, r) =>
    (await one(
      db,
      sql`select coalesce(sum(fine_decided_fen), 0) n from cases where decided_on between ${r.from} and ${r.to}
          and ${inScope('division_code', r.scope)}`,
    )) / 100,
  drill: (r) => `/cases?${dates(r)}${town(r)}`,
});
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
