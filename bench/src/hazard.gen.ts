import { sql } from 'drizzle-orm';
import {
  addDaysToDate,
  DEFAULT_CASE_DOCUMENTS,
  hazardOrderPrefix,
  bureauDate,
  daysBetween,
  HAZARD_SOURCE_LABELS,
  type THazardCategory,
  type THazardPlan,
  type THazardSource,
  type THazardState,
} from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import { abbreviationQualifiers } from './divisions';
import type { TGenerateContext, TModuleGenerator } from './generate';
import type { TRandom } from './prng';
import { insertRecordset } from './recordset';

/**
 * hazard: five years of hidden hazards at the seed's rate (§二(三)3(7): 4,335 found a quarter, about 17,000 a year per
 * city; 3,002 major ones in three years, about 1,000 a year, 1,030 of them self-reported, 34.3 %). Most come from the
 * generated inspections' findings (every one, as a town converts them; the finding points back), the
 * rest from enterprise self-checks at the seed's share, complaints and campaigns (专项行动). Old hazards are closed
 * (销号 by another officer than the submitter); recent ones are spread over the loop, some past their deadline;
 * major hazards close faster year after year (动态清零). Each hazard has its timeline (hazard_transitions) ending in
 * its state. Listed supervision: four towns (§二(三)3(7)) and some major hazards, with 约谈, 提醒函 and a resumption
 * request and review. A few enterprise users (`e<town>-01`) speak for their firms. hazard_counts is left to its triggers.
 */
export const HAZARDS_PER_YEAR = 17_000;
export const MAJOR_PER_YEAR = 1_000;
export const SELF_FOUND_SHARE = 1_030 / 3_002;
const COMPLAINT_SHARE = 0.03;
const CAMPAIGN_SHARE_GENERAL = 0.06;
/** The share of general hazards found by inspections: the inspection generator makes findings at this rate. */
export const INSPECTION_FOUND_SHARE = 1 - SELF_FOUND_SHARE - COMPLAINT_SHARE - CAMPAIGN_SHARE_GENERAL;
const YEARS = 5;
/** Enterprise users per city, in its first towns (the bench's town officer works in the first). */
const ENTERPRISE_USERS_PER_CITY = 3;
/**
 * At province scale closed hazards found before this year keep a compact timeline (reported, then closed) so the
 * province's ~1.7 million hazards do not need ~10 million transition rows; the city keeps every step.
 */
const COMPACT_BEFORE_THIS_YEAR_AT_PROVINCE = true;

interface TFirm {
  id: number;
  division_code: string;
  supervising_level: string;
  name: string;
  address: string | null;
  principal_name: string | null;
  safety_manager_name: string | null;
}

interface TDraft {
  key: number;
  firm: TFirm;
  source: THazardSource;
  category: THazardCategory;
  level: 'general' | 'major';
  criterionItemId: number | null;
  description: string;
  location: string;
  foundOn: string;
  foundBy: string;
  officers: [number, number];
  inspectionId: number | null;
  findingId: number | null;
  campaignIds: number[];
}

interface TEvent {
  action: string;
  from: THazardState | null;
  to: THazardState;
  on: string;
  actor: number | null;
  note: string | null;
  deadline: string | null;
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡余杜叶程苏魏吕丁沈姚卢钟谭陆范'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚华玉萍红建文辉力永健嘉俊慧婷志宏海云峰雪梅晓东亮斌宇浩凯欣怡佳'];
const personName = (random: TRandom) => random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.7) ? random.pick(GIVEN) : '');

const PLACES = [
  '一号车间',
  '二号车间',
  '生产车间',
  '仓库',
  '原料仓',
  '成品仓',
  '配电房',
  '空压机房',
  '除尘系统',
  '危化品仓库',
  '厨房',
  '宿舍楼',
  '办公楼',
  '消防通道',
  '装卸区',
];

/** What a hazard of each category typically reads like, for the ones not made from a finding. */
const PHRASES: Record<THazardCategory, string[]> = {
  qualification: ['特种作业人员未持证上岗', '安全生产许可证过期未延续'],
  management: ['未建立隐患排查治理台账', '安全生产责任制未落实到岗位'],
  training: ['新员工未经三级安全教育即上岗', '安全培训记录不完整'],
  equipment: ['冲压设备安全防护装置缺失', '设备传动部位未设防护罩', '叉车未定期检验'],
  electrical: ['配电箱未接地、线路私拉乱接', '临时用电未使用漏电保护装置'],
  fire: ['消防通道被货物堵塞', '灭火器过期未更换', '安全出口指示标志损坏'],
  hazardous_chemicals: ['危险化学品混存', '危化品仓库未设置可燃气体报警装置'],
  dust: ['粉尘清扫制度未落实，积尘严重', '除尘系统未采取防爆措施'],
  confined_space: ['有限空间作业未审批、未检测', '有限空间未设置警示标识'],
  gas: ['燃气管道未安装泄漏报警装置', '液化石油气钢瓶存放在地下室', '燃气软管老化超期使用'],
  site: ['作业场所通道堆放杂物', '物料堆放超高'],
  operation: ['违章动火作业', '高处作业未系安全带'],
  emergency: ['未定期组织应急演练', '应急物资配备不足'],
  other: ['安全警示标志缺失', '劳动防护用品配备不足'],
};
const GENERAL_CATEGORIES = Object.keys(PHRASES) as THazardCategory[];

/** A criterion or catalogue item's category, from its group and title. */
function categoryOf(text: string, random: TRandom): THazardCategory {
  const rules: [RegExp, THazardCategory][] = [
    [/粉尘|除尘|爆炸危险场所/, 'dust'],
    [/有限空间/, 'confined_space'],
    [/燃气|液化|气体/, 'gas'],
    [/化学|危险物品|重大危险源|氨|化工/, 'hazardous_chemicals'],
    [/特种作业|许可|资格|考核合格/, 'qualification'],
    [/培训|教育/, 'training'],
    [/应急/, 'emergency'],
    [/电气|用电|防爆/, 'electrical'],
    [/消防|火/, 'fire'],
    [/设备|设施|防护|监控|报警/, 'equipment'],
    [/制度|机构|管理|承包|风险/, 'management'],
    [/作业/, 'operation'],
  ];
  for (const [re, c] of rules) if (re.test(text)) return c;
  return random.pick(['site', 'other', 'equipment'] as const);
}

/** Campaigns each year: name, months (start, end), the category their own hazards fall in (null: any). */
const CAMPAIGNS: { name: string; from: string; to: string; nextYear?: boolean; category: THazardCategory | null; every?: number }[] = [
  { name: '安全生产隐患排查治理年专项行动', from: '01-01', to: '12-31', category: null },
  { name: '燃气安全专项整治', from: '03-01', to: '08-31', category: 'gas' },
  { name: '“打非治违”专项行动', from: '04-01', to: '10-31', category: 'qualification' },
  { name: '“安全生产月”集中检查', from: '06-01', to: '06-30', category: null },
  { name: '粉尘涉爆企业专项整治', from: '05-01', to: '09-30', category: 'dust', every: 2 },
  { name: '岁末年初安全生产重大隐患排查', from: '12-01', to: '02-28', nextYear: true, category: null },
];

const at = (date: string, minutes: number) =>
  `${date}T${String(8 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;

export const hazardGenerator: TModuleGenerator = {
  module: 'hazard',
  async generate(ctx: TGenerateContext) {
    const random = ctx.random.fork('hazard');
    const { db } = ctx;
    const today = bureauDate(new Date(ctx.now));
    const last = addDaysToDate(today, -1); // generated events all happened before today
    const start = addDaysToDate(today, -365 * YEARS);
    const span = daysBetween(start, last);
    const thisYear = Number(today.slice(0, 4));
    const years = Array.from({ length: YEARS + 1 }, (_, i) => thisYear - YEARS + i);
    const province = ctx.spec.scope.length === 2;

    const officers = await queryRows<{ id: number; division_code: string; role: string; username: string }>(
      db,
      sql`SELECT id, division_code, role, username FROM users WHERE role IN ('bureau_officer', 'town_officer') ORDER BY id`,
    );
    const byBody = new Map<string, number[]>();
    for (const o of officers) byBody.set(o.division_code, [...(byBody.get(o.division_code) ?? []), o.id]);
    const adminOf = new Map(
      (
        await queryRows<{ id: number; division_code: string }>(
          db,
          sql`SELECT id, division_code FROM users WHERE role = 'admin' ORDER BY id`,
        )
      ).map((u) => [u.division_code, u.id]),
    );
    const userName = new Map(
      (
        await queryRows<{ id: number; display_name: string }>(
          db,
          sql`SELECT id, display_name FROM users WHERE role IN ('bureau_officer', 'town_officer')`,
        )
      ).map((u) => [u.id, u.display_name]),
    );
    const items = await queryRows<{ id: number; title: string; group_name: string; major_hazard: boolean }>(
      db,
      sql`SELECT id, title, group_name, major_hazard FROM inspection_items ORDER BY id`,
    );
    const itemCategory = new Map(items.map((i) => [i.id, categoryOf(`${i.group_name}${i.title}`, random)]));
    const majorItems = items.filter((i) => i.major_hazard);
    const itemTitle = new Map(items.map((i) => [i.id, i.title]));
    const cityName = new Map(ctx.divisions.cities.map((c) => [c.code, c.name]));
    const townName = new Map(ctx.divisions.towns.map((t) => [t.code, t.name]));

    const officerDivision = new Map(officers.map((o) => [o.id, o.division_code]));
    // 责令限期整改指令书 numbers run per issuing body (the ordering officer's town or city bureau) and year, as the server numbers them.
    const orderNos = new Map<string, number>();
    const qualifiers = abbreviationQualifiers(ctx.divisions);
    const issuerOf = (code: string) => ({
      code,
      prefix: hazardOrderPrefix(
        DEFAULT_CASE_DOCUMENTS,
        code,
        (code.length === 9 ? townName : cityName).get(code) ?? null,
        qualifiers.get(code) ?? null,
      ),
    });
    const next = async (table: string) =>
      Number((await queryRows<{ n: number }>(db, sql.raw(`SELECT coalesce(max(id), 0)::int AS n FROM ${table}`)))[0]?.n ?? 0);
    let nextHazard = await next('hazards');
    let nextCampaign = await next('campaigns');
    let nextExtension = await next('hazard_extensions');
    let nextSupervision = await next('supervisions');
    let nextAction = await next('supervision_actions');

    const counts: Record<string, number> = {
      hazards: 0,
      hazard_transitions: 0,
      hazard_extensions: 0,
      hazard_campaigns: 0,
      campaigns: 0,
      supervisions: 0,
      supervision_actions: 0,
      enterprise_users: 0,
    };
    const cities = ctx.divisions.cities.map((c) => c.code).sort();
    const scale = province ? 20 / Math.max(1, cities.length) : 1;

    for (const city of cities) {
      const firms = await queryRows<TFirm>(
        db,
        sql`SELECT id, division_code, supervising_level, name, address, principal_name, safety_manager_name FROM enterprises
            WHERE city_code = ${city} AND supervision_status = '在管' ORDER BY id`,
      );
      if (firms.length === 0) continue;
      const firmById = new Map(firms.map((f) => [f.id, f]));
      const bodyOf = (f: TFirm) => (f.supervising_level === 'city' ? city : f.division_code);
      const pair = (f: TFirm): [number, number] => {
        const pool = byBody.get(bodyOf(f)) ?? byBody.get(city) ?? [];
        if (pool.length < 2) throw new Error(`no two officers for ${bodyOf(f)}`);
        const a = random.int(0, pool.length - 1);
        return [pool[a]!, pool[(a + random.int(1, pool.length - 1)) % pool.length]!];
      };
      const bureauOfficer = byBody.get(city)?.[0] ?? null;

      // Campaigns of the city's bureau, a handful a year.
      const campaignRows: { id: number; name: string; startsOn: string; endsOn: string; category: THazardCategory | null; note: string }[] =
        [];
      for (const y of years) {
        for (const c of CAMPAIGNS) {
          if (c.every && y % c.every !== 0) continue;
          const startsOn = `${y}-${c.from}`;
          if (startsOn > today || startsOn < addDaysToDate(start, -60)) continue;
          const endsOn = c.nextYear ? `${y + 1}-${c.to}` : `${y}-${c.to}`;
          campaignRows.push({
            id: ++nextCampaign,
            name: `${y}年${c.name}`,
            startsOn,
            endsOn,
            category: c.category,
            note: `${cityName.get(city) ?? ''}安委办部署（生成数据）`,
          });
        }
      }
      const activeCampaigns = (on: string) => campaignRows.filter((c) => c.startsOn <= on && on <= c.endsOn);

      // Enterprise users: a town-supervised firm in each of the city's first towns.
      const towns = ctx.divisions.towns
        .filter((t) => t.code.startsWith(city))
        .map((t) => t.code)
        .sort();
      const enterpriseUsers = new Map<number, { username: string; userId: number }>();
      const userRows: { username: string; displayName: string; divisionCode: string; enterpriseId: number; phone: string }[] = [];
      for (const town of towns.slice(0, ENTERPRISE_USERS_PER_CITY)) {
        const candidates = firms.filter((f) => f.division_code === town && f.supervising_level === 'town');
        if (candidates.length === 0) continue;
        const firm = random.pick(candidates);
        userRows.push({
          username: `e${town}-01`,
          displayName: firm.safety_manager_name ?? firm.principal_name ?? personName(random),
          divisionCode: town,
          enterpriseId: firm.id,
          phone: `13${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
        });
      }
      if (userRows.length > 0) {
        const inserted = await queryRows<{ id: number; username: string; enterprise_id: number }>(
          db,
          sql`INSERT INTO users (username, display_name, role, division_code, enterprise_id, phone, password_hash, password_changed_at, must_change_password, created_at, updated_at)
              SELECT v.username, v."displayName", 'enterprise_user', v."divisionCode", v."enterpriseId", v.phone, ${ctx.passwordHash}, ${ctx.now}::timestamptz, false, ${ctx.now}::timestamptz, ${ctx.now}::timestamptz
              FROM json_to_recordset(${JSON.stringify(userRows)}::json) AS v(username text, "displayName" text, "divisionCode" text, "enterpriseId" int, phone text)
              RETURNING id, username, enterprise_id`,
        );
        for (const u of inserted) {
          enterpriseUsers.set(Number(u.enterprise_id), { username: u.username, userId: Number(u.id) });
          ctx.made.usernames.push(u.username);
        }
        for (const u of userRows) ctx.fingerprint.update(`euser|${u.username}|${u.enterpriseId}\n`);
        counts.enterprise_users! += inserted.length;
      }

      // Hazards made from the generated inspections' findings: every major one, enough general ones for the rate.
      const found = await queryRows<{
        id: number;
        inspection_id: number;
        enterprise_id: number;
        item_id: number | null;
        description: string;
        major_hazard: boolean;
        found_on: string;
        a: number;
        b: number;
      }>(
        db,
        sql`SELECT f.id, f.inspection_id, f.enterprise_id, f.item_id, f.description, f.major_hazard, f.found_on::text AS found_on,
              (SELECT min(user_id) FROM inspection_inspectors ii WHERE ii.inspection_id = f.inspection_id) AS a,
              (SELECT max(user_id) FROM inspection_inspectors ii WHERE ii.inspection_id = f.inspection_id) AS b
            FROM findings f WHERE f.city_code = ${city} AND f.found_on < ${today} ORDER BY f.id`,
      );
      const total = Math.round(HAZARDS_PER_YEAR * YEARS * scale);
      const majorTotal = Math.round(MAJOR_PER_YEAR * YEARS * scale);
      const general = total - majorTotal;
      const majorFindings = found.filter((f) => f.major_hazard).length;
      const plan = {
        major: {
          self_check: Math.round(majorTotal * SELF_FOUND_SHARE),
          complaint: Math.round(majorTotal * COMPLAINT_SHARE),
          campaign: 0,
        },
        general: {
          self_check: Math.round(general * SELF_FOUND_SHARE),
          complaint: Math.round(general * COMPLAINT_SHARE),
          campaign: Math.round(general * CAMPAIGN_SHARE_GENERAL),
        },
      };
      plan.major.campaign = Math.max(0, majorTotal - plan.major.self_check - plan.major.complaint - majorFindings);

      const drafts: TDraft[] = [];
      let key = 0;
      for (const f of found) {
        // A town turns every finding into a hazard (整改); none waits unconverted in the demo.
        const firm = firmById.get(Number(f.enterprise_id));
        if (!firm) continue;
        const itemId = f.item_id === null ? null : Number(f.item_id);
        const a = Number(f.a);
        const [p0, p1] = pair(firm);
        const b = Number(f.b) !== a ? Number(f.b) : p0 !== a ? p0 : p1;
        drafts.push({
          key: key++,
          firm,
          source: 'inspection',
          category: itemId === null ? random.pick(GENERAL_CATEGORIES) : itemCategory.get(itemId)!,
          level: f.major_hazard ? 'major' : 'general',
          criterionItemId: f.major_hazard ? itemId : null,
          description: f.description,
          location: `${firm.address ?? firm.name}${random.pick(PLACES)}`,
          foundOn: f.found_on,
          foundBy: userName.get(a) ?? '执法人员',
          officers: [a, b],
          inspectionId: Number(f.inspection_id),
          findingId: Number(f.id),
          campaignIds: [],
        });
      }
      // Self-checks, complaints and campaign sweeps, each at its share; the enterprise users' firms get a few of their own.
      const add = (source: THazardSource, level: 'general' | 'major', firm: TFirm, foundOn: string) => {
        let category = random.pick(GENERAL_CATEGORIES);
        let criterionItemId: number | null = null;
        const campaignIds: number[] = [];
        if (source === 'campaign') {
          const active = activeCampaigns(foundOn);
          const themed = active.filter((c) => c.category !== null);
          const campaign = themed.length > 0 && random.chance(0.6) ? random.pick(themed) : active.length > 0 ? random.pick(active) : null;
          if (campaign) {
            campaignIds.push(campaign.id);
            if (campaign.category) category = campaign.category;
          }
        }
        if (level === 'major' && majorItems.length > 0) {
          const item = random.pick(majorItems);
          criterionItemId = item.id;
          category = itemCategory.get(item.id)!;
        }
        const officerPair = pair(firm);
        const phrase =
          criterionItemId !== null ? `${itemTitle.get(criterionItemId)}不符合重大事故隐患判定标准` : random.pick(PHRASES[category]);
        drafts.push({
          key: key++,
          firm,
          source,
          category,
          level,
          criterionItemId,
          description: `${phrase}（生成数据）`,
          location: `${firm.address ?? firm.name}${random.pick(PLACES)}`,
          foundOn,
          foundBy:
            source === 'self_check'
              ? (firm.safety_manager_name ?? firm.principal_name ?? '企业安全管理人员')
              : source === 'complaint'
                ? '群众举报（12350）'
                : (userName.get(officerPair[0]) ?? '执法人员'),
          officers: officerPair,
          inspectionId: null,
          findingId: null,
          campaignIds,
        });
      };
      const day = () => addDaysToDate(start, random.int(0, span));
      for (const level of ['major', 'general'] as const) {
        for (const source of ['self_check', 'complaint', 'campaign'] as const) {
          for (let n = 0; n < plan[level][source]; n++) add(source, level, random.pick(firms), day());
        }
      }
      for (const firmId of enterpriseUsers.keys()) {
        const firm = firmById.get(firmId)!;
        for (let n = 0; n < 12; n++) add('self_check', 'general', firm, n < 6 ? addDaysToDate(last, -random.int(0, 60)) : day());
        add('self_check', 'major', firm, addDaysToDate(last, -random.int(5, 40)));
      }
      // Hazards found during a campaign are tagged with it now and then.
      for (const d of drafts) {
        if (d.campaignIds.length > 0 || !random.chance(0.15)) continue;
        const active = activeCampaigns(d.foundOn);
        if (active.length > 0) d.campaignIds.push(random.pick(active).id);
      }

      // Ids in the order the hazards were found, as the server would have given them.
      drafts.sort((x, y) => (x.foundOn < y.foundOn ? -1 : x.foundOn > y.foundOn ? 1 : x.key - y.key));

      const hazardRows: Record<string, unknown>[] = [];
      const transitionRows: Record<string, unknown>[] = [];
      const extensionRows: Record<string, unknown>[] = [];
      const tagRows: { hazardId: number; campaignId: number }[] = [];
      const findingLinks: { findingId: number; hazardId: number }[] = [];
      const openMajor: { id: number; firm: TFirm; foundOn: string; deadline: string }[] = [];
      const closedMajor: { id: number; firm: TFirm; foundOn: string; closedOn: string }[] = [];
      for (const d of drafts) {
        const id = ++nextHazard;
        const [a, b] = d.officers;
        const firmUser = enterpriseUsers.get(d.firm.id)?.userId ?? null;
        const firmActor = firmUser ?? a;
        const major = d.level === 'major';
        const F = d.foundOn;
        const t = daysBetween(start, F) / span; // 0 five years ago … 1 yesterday
        const orderOn = addDaysToDate(F, d.source === 'inspection' ? (random.chance(0.7) ? 0 : random.int(1, 2)) : random.int(1, 4));
        const days = major ? random.int(30, 90) : random.pick([7, 10, 15, 15, 20, 30, 30]);
        const reportActor = d.source === 'self_check' ? firmActor : a;
        const events: TEvent[] = [
          {
            action: 'create',
            from: null,
            to: 'found',
            on: F,
            actor: reportActor,
            note: `登记隐患（${HAZARD_SOURCE_LABELS[d.source]}）`,
            deadline: addDaysToDate(F, days),
          },
        ];
        const deadline = addDaysToDate(orderOn, days);
        events.push({ action: 'order', from: 'found', to: 'ordered', on: orderOn, actor: a, note: '责令限期整改', deadline });
        const startOn = addDaysToDate(orderOn, random.int(0, 3));
        let planValue: THazardPlan | null = null;
        if (major) {
          planValue = {
            measures: '停用相关设施，按判定标准逐项整改，整改完成前落实专人监护（生成数据）',
            fundsFen: random.int(20, 800) * 10_000,
            deadline,
            responsiblePerson: d.firm.principal_name ?? personName(random),
            contingency: '制定专项应急处置方案，设置警戒区域，配备应急器材',
          };
          events.push({
            action: 'plan',
            from: 'ordered',
            to: 'ordered',
            on: startOn,
            actor: firmActor,
            note: '填报整改方案（五到位）',
            deadline: null,
          });
        }
        events.push({
          action: 'start',
          from: 'ordered',
          to: 'rectifying',
          on: startOn,
          actor: firmActor,
          note: '已签收，开始整改',
          deadline: null,
        });
        // Work: most finish within the deadline, some late; major hazards took far longer five years ago (动态清零).
        const onTime = random.chance(0.88);
        const slow = major ? 2.2 - 1.7 * t : 1;
        const work = Math.max(1, Math.round(days * (onTime ? 0.3 + 0.7 * random.next() : 1.05 + 1.5 * random.next()) * slow));
        // A stuck general hazard now and then stays open far past its deadline.
        const stuck = !major && random.chance(0.0015);
        let submitOn = addDaysToDate(startOn, work);
        if (!onTime && random.chance(0.35)) {
          const requestOn = addDaysToDate(startOn, Math.min(work - 1, random.int(1, Math.max(1, days - 1))));
          const wanted = addDaysToDate(submitOn, random.int(3, 15));
          extensionRows.push({
            id: ++nextExtension,
            hazardId: id,
            previousDeadline: deadline,
            requestedDeadline: wanted,
            reason: '整改涉及设备采购和停产改造，申请延长整改期限',
            status: 'approved',
            requestedBy: firmActor,
            requestedAt: at(requestOn, 120),
            decidedBy: a === firmActor ? b : a,
            decidedAt: at(addDaysToDate(requestOn, 1), 90),
            decisionNote: '同意延期',
          });
          events.push({
            action: 'request_extension',
            from: 'rectifying',
            to: 'rectifying',
            on: requestOn,
            actor: firmActor,
            note: '申请延期',
            deadline: wanted,
          });
          events.push({
            action: 'approve_extension',
            from: 'rectifying',
            to: 'rectifying',
            on: addDaysToDate(requestOn, 1),
            actor: a === firmActor ? b : a,
            note: '同意延期',
            deadline: wanted,
          });
        }
        if (random.chance(0.08)) {
          const failOn = addDaysToDate(submitOn, random.int(1, 4));
          events.push({
            action: 'submit',
            from: 'rectifying',
            to: 'submitted',
            on: submitOn,
            actor: firmActor,
            note: '已完成整改，附整改后照片',
            deadline: null,
          });
          const again = addDaysToDate(failOn, random.int(5, 15));
          events.push({
            action: 'recheck_fail',
            from: 'submitted',
            to: 'rectifying',
            on: failOn,
            actor: a === firmActor ? b : a,
            note: '复查发现整改不到位，责令继续整改',
            deadline: again,
          });
          submitOn = addDaysToDate(failOn, random.int(2, 10));
        }
        if (!stuck) {
          events.push({
            action: 'submit',
            from: 'rectifying',
            to: 'submitted',
            on: submitOn,
            actor: firmActor,
            note: '已完成整改，附整改后照片和验收记录',
            deadline: null,
          });
          events.push({
            action: 'recheck_pass',
            from: 'submitted',
            to: 'closed',
            on: addDaysToDate(submitOn, random.int(1, 5)),
            actor: firmActor === a ? b : a,
            note: '经现场复查，隐患已整改到位，同意销号',
            deadline: null,
          });
        }
        // What has happened by yesterday; the state is where the timeline stops.
        let happened = events.filter((e) => e.on <= last);
        const closedEvent = happened.find((e) => e.action === 'recheck_pass');
        const state = happened[happened.length - 1]!.to;
        // The deadline in force: the last one set by yesterday (a requested extension sets none until approved).
        const deadlineNow = happened.reduce<string | null>((dl, e) => (e.action === 'request_extension' ? dl : (e.deadline ?? dl)), null)!;
        // An extension requested by yesterday but decided later is still pending; one requested later did not happen yet.
        let pending = false;
        for (let i = extensionRows.length - 1; i >= 0 && extensionRows[i]!.hazardId === id; i--) {
          const x = extensionRows[i]!;
          if (String(x.decidedAt).slice(0, 10) <= last) continue;
          if (String(x.requestedAt).slice(0, 10) > last) extensionRows.splice(i, 1);
          else {
            Object.assign(x, { status: 'pending', decidedBy: null, decidedAt: null, decisionNote: null });
            pending = true;
          }
        }
        // A few open hazards have an extension waiting.
        if (!pending && (state === 'ordered' || state === 'rectifying') && random.chance(0.05)) {
          const lastOn = happened[happened.length - 1]!.on;
          const requestOn = lastOn > addDaysToDate(last, -10) ? lastOn : addDaysToDate(last, -random.int(0, 9));
          const wanted = addDaysToDate([deadlineNow, today].sort()[1]!, random.int(10, 30));
          extensionRows.push({
            id: ++nextExtension,
            hazardId: id,
            previousDeadline: deadlineNow,
            requestedDeadline: wanted,
            reason: '整改所需设备订货周期较长，申请延期',
            status: 'pending',
            requestedBy: firmActor,
            requestedAt: at(requestOn, 200),
            decidedBy: null,
            decidedAt: null,
            decisionNote: null,
          });
          happened = [
            ...happened,
            { action: 'request_extension', from: state, to: state, on: requestOn, actor: firmActor, note: '申请延期', deadline: wanted },
          ];
        }
        const compact = province && COMPACT_BEFORE_THIS_YEAR_AT_PROVINCE && closedEvent !== undefined && Number(F.slice(0, 4)) < thisYear;
        const timeline = compact ? [happened[0]!, { ...closedEvent, from: 'found' as const }] : happened;
        timeline.forEach((e, i) => {
          transitionRows.push({
            hazardId: id,
            action: e.action,
            from: e.from,
            to: e.to,
            note: e.note,
            deadline: e.deadline,
            actor: e.actor,
            at: at(e.on, 30 + i * 7),
          });
        });
        const ordered = happened.find((e) => e.action === 'order');
        const issuer = issuerOf(officerDivision.get(a) ?? city);
        const orderKey = `${issuer.prefix}|${ordered?.on.slice(0, 4) ?? ''}`;
        if (ordered) orderNos.set(orderKey, (orderNos.get(orderKey) ?? 0) + 1);
        const submit = [...happened].reverse().find((e) => e.action === 'submit');
        const submittedKept = state === 'submitted' || state === 'closed';
        const lastEvent = timeline[timeline.length - 1]!;
        hazardRows.push({
          id,
          enterpriseId: d.firm.id,
          divisionCode: d.firm.division_code,
          source: d.source,
          category: d.category,
          level: d.level,
          criterionItemId: d.criterionItemId,
          description: d.description,
          location: d.location,
          foundOn: F,
          foundBy: d.foundBy,
          responsiblePerson: d.firm.principal_name ?? d.firm.safety_manager_name ?? '企业主要负责人',
          deadline: deadlineNow,
          state,
          plan: planValue && happened.some((e) => e.action === 'plan') ? planValue : null,
          orderNo: ordered ? `${issuer.prefix}〔${ordered.on.slice(0, 4)}〕${orderNos.get(orderKey)}号` : null,
          orderedAt: ordered ? at(ordered.on, 30 + 7) : null,
          inspectionId: d.inspectionId,
          findingId: d.findingId,
          submittedBy: submittedKept && submit ? submit.actor : null,
          submittedAt: submittedKept && submit ? at(submit.on, 30 + happened.indexOf(submit) * 7) : null,
          closedBy: closedEvent?.actor ?? null,
          closedAt: closedEvent ? at(closedEvent.on, 30 + (timeline.length - 1) * 7) : null,
          closedOn: closedEvent?.on ?? null,
          version: happened.length,
          createdBy: happened[0]!.actor,
          createdAt: at(F, 30),
          updatedAt: at(lastEvent.on, 30 + (timeline.length - 1) * 7),
          supervised: false,
        });
        for (const c of d.campaignIds) tagRows.push({ hazardId: id, campaignId: c });
        if (d.findingId !== null) findingLinks.push({ findingId: d.findingId, hazardId: id });
        if (major && state !== 'closed') openMajor.push({ id, firm: d.firm, foundOn: F, deadline: deadlineNow });
        if (major && closedEvent) closedMajor.push({ id, firm: d.firm, foundOn: F, closedOn: closedEvent.on });
        ctx.fingerprint.update(
          `hz|${id}|${d.firm.id}|${d.source}|${d.level}|${d.category}|${F}|${state}|${deadlineNow}|${closedEvent?.on ?? ''}|${timeline.length}\n`,
        );
      }

      // Listed supervision: four towns (two last year, lifted; two this year, active) and some major hazards.
      const supervisionRows: Record<string, unknown>[] = [];
      const actionRows: Record<string, unknown>[] = [];
      const cityTitle = cityName.get(city) ?? '';
      const lister = bureauOfficer;
      const act = (
        supervisionId: number,
        kind: string,
        on: string,
        note: string,
        extra: { passed?: boolean; reviewDueOn?: string; requestId?: number } = {},
      ) => {
        const actionId = ++nextAction;
        actionRows.push({
          id: actionId,
          supervisionId,
          kind,
          on,
          note,
          passed: extra.passed ?? null,
          reviewDueOn: extra.reviewDueOn ?? null,
          requestId: extra.requestId ?? null,
          actor: lister,
          at: at(on, 150),
        });
        return actionId;
      };
      const listedTowns = [...towns]
        .map((code) => ({ code, k: random.next() }))
        .sort((x, y) => x.k - y.k)
        .slice(0, 4)
        .map((x) => x.code);
      listedTowns.forEach((town, i) => {
        const sid = ++nextSupervision;
        const lifted = i < 2;
        const listedOn = lifted ? `${thisYear - 1}-0${3 + i * 2}-15` : addDaysToDate(last, -random.int(40, 120));
        const liftedOn = lifted ? addDaysToDate(listedOn, random.int(120, 200)) : null;
        supervisionRows.push({
          id: sid,
          target: 'town',
          hazardId: null,
          divisionCode: town,
          supervisingBody: `${cityTitle}安全生产委员会办公室`,
          leaderName: personName(random),
          deadline: lifted ? addDaysToDate(listedOn, 180) : addDaysToDate(today, random.int(30, 90)),
          reason: `${townName.get(town) ?? town}安全生产形势严峻，事故起数和死亡人数同比上升，重大事故隐患整改不力，实施挂牌督办`,
          status: lifted ? 'lifted' : 'active',
          liftedBy: lifted ? lister : null,
          liftedAt: liftedOn ? at(liftedOn, 180) : null,
          liftNote: lifted ? '督办事项已整改落实，经评估同意摘牌' : null,
          createdBy: lister,
          createdAt: at(listedOn, 60),
        });
        act(
          sid,
          'interview',
          addDaysToDate(listedOn, random.int(3, 10)),
          `约谈${townName.get(town) ?? ''}党政主要负责人，通报安全生产形势，提出整改要求`,
        );
        act(sid, 'reminder_letter', addDaysToDate(listedOn, random.int(12, 30)), '发出安全风险提醒函，督促落实属地管理责任');
      });
      // Major hazards: about ten a year were listed and lifted after their sign-off; a few open ones are listed now.
      const listedClosed = closedMajor.filter(() => random.chance(Math.min(1, (10 * YEARS * scale) / Math.max(1, closedMajor.length))));
      const listedOpen = openMajor.filter((h) => h.foundOn < addDaysToDate(last, -20)).slice(-6);
      for (const h of [...listedClosed, ...listedOpen]) {
        const sid = ++nextSupervision;
        const closed = 'closedOn' in h;
        const listedOn = addDaysToDate(h.foundOn, random.int(1, 4));
        supervisionRows.push({
          id: sid,
          target: 'hazard',
          hazardId: h.id,
          divisionCode: h.firm.division_code,
          supervisingBody: `${cityTitle}应急管理局`,
          leaderName: personName(random),
          deadline: closed ? addDaysToDate(listedOn, 90) : addDaysToDate([h.deadline, today].sort()[1]!, 30),
          reason: `${h.firm.name}存在重大事故隐患，责令停产停业整改，实施挂牌督办`,
          status: closed ? 'lifted' : 'active',
          liftedBy: closed ? lister : null,
          liftedAt: closed ? at(addDaysToDate(h.closedOn, 5), 180) : null,
          liftNote: closed ? '重大隐患已整改销号，复产审查合格，同意摘牌' : null,
          createdBy: lister,
          createdAt: at(listedOn, 60),
        });
        const interviewOn = addDaysToDate(listedOn, 2);
        if (interviewOn <= last) act(sid, 'interview', interviewOn, `约谈${h.firm.name}主要负责人，要求落实整改“五到位”`);
        if (closed) {
          const requestOn = [addDaysToDate(h.closedOn, -random.int(2, 6)), addDaysToDate(listedOn, 3)].sort()[1]!;
          const requestId = act(sid, 'resumption_request', requestOn, '企业完成整改，申请恢复生产', {
            reviewDueOn: addDaysToDate(requestOn, 10),
          });
          act(sid, 'resumption_review', addDaysToDate(requestOn, random.int(1, 3)), '现场审查整改到位，同意恢复生产', {
            passed: true,
            requestId,
          });
        } else {
          const letterOn = addDaysToDate(listedOn, 7);
          if (letterOn <= last) act(sid, 'reminder_letter', letterOn, '发出督办提醒函，要求按期完成整改');
        }
      }
      // Two of the open listings have a resumption request: one reviewed and refused, one waiting for its review.
      const openListed = supervisionRows.filter((s) => s.target === 'hazard' && s.status === 'active');
      openListed.slice(0, 2).forEach((s, i) => {
        const requestOn = addDaysToDate(last, -(i === 0 ? 12 : 3));
        const requestId = act(Number(s.id), 'resumption_request', requestOn, '企业报告已完成主要整改措施，申请恢复生产', {
          reviewDueOn: addDaysToDate(requestOn, 10),
        });
        if (i === 0)
          act(Number(s.id), 'resumption_review', addDaysToDate(requestOn, 6), '现场审查发现部分措施未落实，暂不同意复产', {
            passed: false,
            requestId,
          });
      });
      const supervisedIds = new Set(listedOpen.map((h) => h.id));
      for (const row of hazardRows) if (supervisedIds.has(Number(row.id))) row.supervised = true;
      for (const s of supervisionRows)
        ctx.fingerprint.update(
          `sv|${String(s.id)}|${String(s.target)}|${String(s.divisionCode)}|${String(s.hazardId)}|${String(s.status)}\n`,
        );

      await insertRecordset(
        db,
        campaignRows,
        (json) => sql`INSERT INTO campaigns (id, name, division_code, starts_on, ends_on, note, created_by, created_at, updated_at)
        SELECT v.id, v.name, ${city}, v."startsOn", v."endsOn", v.note, ${adminOf.get(city) ?? lister}::int, (v."startsOn" || 'T09:00:00+08:00')::timestamptz, (v."startsOn" || 'T09:00:00+08:00')::timestamptz
        FROM json_to_recordset(${json}::json) AS v(id int, name text, "startsOn" date, "endsOn" date, note text)`,
      );
      await insertRecordset(
        db,
        hazardRows,
        (
          json,
        ) => sql`INSERT INTO hazards (id, enterprise_id, division_code, source, category, level, criterion_item_id, description, location, found_on, found_by,
          responsible_person, deadline, state, plan, order_no, ordered_at, inspection_id, finding_id, supervised, submitted_by, submitted_at, closed_by, closed_at, closed_on, version, created_by, created_at, updated_at)
        SELECT v.id, v."enterpriseId", v."divisionCode", v.source, v.category, v.level, v."criterionItemId", v.description, v.location, v."foundOn", v."foundBy",
          v."responsiblePerson", v.deadline, v.state, v.plan, v."orderNo", v."orderedAt", v."inspectionId", v."findingId", v.supervised, v."submittedBy", v."submittedAt", v."closedBy", v."closedAt", v."closedOn", v.version, v."createdBy", v."createdAt", v."updatedAt"
        FROM json_to_recordset(${json}::json) AS v(id int, "enterpriseId" int, "divisionCode" text, source text, category text, level text, "criterionItemId" int, description text, location text, "foundOn" date, "foundBy" text,
          "responsiblePerson" text, deadline date, state text, plan jsonb, "orderNo" text, "orderedAt" timestamptz, "inspectionId" int, "findingId" int, supervised bool, "submittedBy" int, "submittedAt" timestamptz, "closedBy" int, "closedAt" timestamptz, "closedOn" date, version int, "createdBy" int, "createdAt" timestamptz, "updatedAt" timestamptz)`,
      );
      await insertRecordset(
        db,
        transitionRows,
        (json) => sql`INSERT INTO hazard_transitions (hazard_id, action, from_state, to_state, note, deadline, actor_id, at)
        SELECT v."hazardId", v.action, v."from", v."to", v.note, v.deadline, v.actor, v.at
        FROM json_to_recordset(${json}::json) AS v("hazardId" int, action text, "from" text, "to" text, note text, deadline date, actor int, at timestamptz)`,
      );
      await insertRecordset(
        db,
        extensionRows,
        (
          json,
        ) => sql`INSERT INTO hazard_extensions (id, hazard_id, previous_deadline, requested_deadline, reason, status, requested_by, requested_at, decided_by, decided_at, decision_note)
        SELECT v.id, v."hazardId", v."previousDeadline", v."requestedDeadline", v.reason, v.status, v."requestedBy", v."requestedAt", v."decidedBy", v."decidedAt", v."decisionNote"
        FROM json_to_recordset(${json}::json) AS v(id int, "hazardId" int, "previousDeadline" date, "requestedDeadline" date, reason text, status text, "requestedBy" int, "requestedAt" timestamptz, "decidedBy" int, "decidedAt" timestamptz, "decisionNote" text)`,
      );
      await insertRecordset(
        db,
        tagRows,
        (json) => sql`INSERT INTO hazard_campaigns (hazard_id, campaign_id)
        SELECT v."hazardId", v."campaignId" FROM json_to_recordset(${json}::json) AS v("hazardId" int, "campaignId" int)`,
      );
      await insertRecordset(
        db,
        findingLinks,
        (json) => sql`UPDATE findings f SET hazard_id = v."hazardId"
        FROM json_to_recordset(${json}::json) AS v("findingId" int, "hazardId" int) WHERE f.id = v."findingId"`,
      );
      await insertRecordset(
        db,
        supervisionRows,
        (
          json,
        ) => sql`INSERT INTO supervisions (id, target, hazard_id, division_code, supervising_body, leader_name, deadline, reason, status, lifted_by, lifted_at, lift_note, created_by, created_at, updated_at)
        SELECT v.id, v.target, v."hazardId", v."divisionCode", v."supervisingBody", v."leaderName", v.deadline, v.reason, v.status, v."liftedBy", v."liftedAt", v."liftNote", v."createdBy", v."createdAt", coalesce(v."liftedAt", v."createdAt")
        FROM json_to_recordset(${json}::json) AS v(id int, target text, "hazardId" int, "divisionCode" text, "supervisingBody" text, "leaderName" text, deadline date, reason text, status text, "liftedBy" int, "liftedAt" timestamptz, "liftNote" text, "createdBy" int, "createdAt" timestamptz)`,
      );
      await insertRecordset(
        db,
        actionRows,
        (
          json,
        ) => sql`INSERT INTO supervision_actions (id, supervision_id, kind, "on", note, passed, review_due_on, request_id, actor_id, at)
        SELECT v.id, v."supervisionId", v.kind, v."on", v.note, v.passed, v."reviewDueOn", v."requestId", v.actor, v.at
        FROM json_to_recordset(${json}::json) AS v(id int, "supervisionId" int, kind text, "on" date, note text, passed bool, "reviewDueOn" date, "requestId" int, actor int, at timestamptz)`,
      );
      counts.hazards! += hazardRows.length;
      counts.hazard_transitions! += transitionRows.length;
      counts.hazard_extensions! += extensionRows.length;
      counts.hazard_campaigns! += tagRows.length;
      counts.campaigns! += campaignRows.length;
      counts.supervisions! += supervisionRows.length;
      counts.supervision_actions! += actionRows.length;
    }
    for (const [table, id] of [
      ['hazards', nextHazard],
      ['campaigns', nextCampaign],
      ['hazard_extensions', nextExtension],
      ['supervisions', nextSupervision],
      ['supervision_actions', nextAction],
    ] as const) {
      await db.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest(${id}, 1))`));
    }
    // The server's order-number counters (hazard_order_sequences, when the hazard module has made the table) go on from here.
    const sequences = await queryRows<{ t: string | null }>(db, sql`SELECT to_regclass('hazard_order_sequences')::text AS t`);
    if (sequences[0]?.t) {
      const rows = [...orderNos].map(([k, lastNo]) => ({ issuerCode: k.split('|')[0], year: Number(k.split('|')[1]), lastNo }));
      await insertRecordset(
        db,
        rows,
        (json) => sql`INSERT INTO hazard_order_sequences (issuer_code, year, last_no)
        SELECT v."issuerCode", v.year, v."lastNo" FROM json_to_recordset(${json}::json) AS v("issuerCode" text, year int, "lastNo" int)
        ON CONFLICT (issuer_code, year) DO UPDATE SET last_no = greatest(hazard_order_sequences.last_no, excluded.last_no)`,
      );
    }
    for (const table of ['hazards', 'hazard_transitions', 'hazard_extensions', 'hazard_campaigns', 'findings', 'supervisions'])
      await db.execute(sql.raw(`ANALYZE ${table}`));
    return counts;
  },
};
