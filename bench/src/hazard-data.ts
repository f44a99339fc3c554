import type { THazardCategory, THazardSource, THazardState } from '@yingji/domain';
import type { TGenerateContext } from './generate';
import type { TRandom } from './prng';

/** The hazard generator's rates (the seed's, see hazard.gen.ts), its row shapes and the phrases it writes with. */
export const HAZARDS_PER_YEAR = 17_000;
export const MAJOR_PER_YEAR = 1_000;
export const SELF_FOUND_SHARE = 1_030 / 3_002;
export const COMPLAINT_SHARE = 0.03;
export const CAMPAIGN_SHARE_GENERAL = 0.06;
/** The share of general hazards found by inspections: the inspection generator makes findings at this rate. */
export const INSPECTION_FOUND_SHARE = 1 - SELF_FOUND_SHARE - COMPLAINT_SHARE - CAMPAIGN_SHARE_GENERAL;
export const YEARS = 5;
/** Enterprise users per city, in its first towns (the bench's town officer works in the first). */
export const ENTERPRISE_USERS_PER_CITY = 3;
/**
 * At province scale closed hazards found before this year keep a compact timeline (reported, then closed) so the
 * province's ~1.7 million hazards do not need ~10 million transition rows; the city keeps every step.
 */
export const COMPACT_BEFORE_THIS_YEAR_AT_PROVINCE = true;

export interface TFirm {
  id: number;
  division_code: string;
  supervising_level: string;
  name: string;
  address: string | null;
  principal_name: string | null;
  safety_manager_name: string | null;
}

export interface TDraft {
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

export interface TEvent {
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
export const personName = (random: TRandom) => random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.7) ? random.pick(GIVEN) : '');

export const PLACES = [
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
export const PHRASES: Record<THazardCategory, string[]> = {
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
export const GENERAL_CATEGORIES = Object.keys(PHRASES) as THazardCategory[];

/** A criterion or catalogue item's category, from its group and title. */
export function categoryOf(text: string, random: TRandom): THazardCategory {
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
export const CAMPAIGNS: { name: string; from: string; to: string; nextYear?: boolean; category: THazardCategory | null; every?: number }[] =
  [
    { name: '安全生产隐患排查治理年专项行动', from: '01-01', to: '12-31', category: null },
    { name: '燃气安全专项整治', from: '03-01', to: '08-31', category: 'gas' },
    { name: '“打非治违”专项行动', from: '04-01', to: '10-31', category: 'qualification' },
    { name: '“安全生产月”集中检查', from: '06-01', to: '06-30', category: null },
    { name: '粉尘涉爆企业专项整治', from: '05-01', to: '09-30', category: 'dust', every: 2 },
    { name: '岁末年初安全生产重大隐患排查', from: '12-01', to: '02-28', nextYear: true, category: null },
  ];

export const at = (date: string, minutes: number) =>
  `${date}T${String(8 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;

export type TCampaignRow = {
  id: number;
  name: string;
  startsOn: string;
  endsOn: string;
  category: THazardCategory | null;
  note: string;
};

/** Ids the generator hands out (as the server would have), carried on from table to table and city to city. */
export interface THazardIds {
  hazard: number;
  campaign: number;
  extension: number;
  supervision: number;
  action: number;
}

/** One city's generation: its dates, firms, officers and what earlier steps made, shared by the hazard generator's parts. */
export interface THazardCity {
  ctx: TGenerateContext;
  random: TRandom;
  city: string;
  today: string;
  /** Yesterday: generated events all happened before today. */
  last: string;
  start: string;
  span: number;
  thisYear: number;
  province: boolean;
  scale: number;
  ids: THazardIds;
  firms: TFirm[];
  firmById: Map<number, TFirm>;
  pair: (f: TFirm) => [number, number];
  towns: string[];
  cityName: Map<string, string>;
  townName: Map<string, string>;
  userName: Map<number, string>;
  officerDivision: Map<number, string>;
  bureauOfficer: number | null;
  enterpriseUsers: Map<number, { username: string; userId: number }>;
  activeCampaigns: (on: string) => TCampaignRow[];
  issuerOf: (code: string) => { code: string; prefix: string };
  /** 责令限期整改指令书 numbers given so far, per issuing body and year. */
  orderNos: Map<string, number>;
  items: { itemCategory: Map<number, THazardCategory>; majorItems: { id: number }[]; itemTitle: Map<number, string> };
}
