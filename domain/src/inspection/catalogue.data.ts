/**
 * The starter inspection catalogue (检查事项清单) and checklists (检查表), shipped as data and seeded at start
 * (missing codes only: a bureau's edits are never overwritten). The hazard module reuses the items marked
 * `majorHazard` as its criteria catalogue, so this file depends on nothing.
 *
 * `verbatim` says whether the wording was checked against a published text of the standard; where it was not,
 * the wording is a faithful paraphrase and `legalBasis` cites the article only.
 */
export interface TCatalogueItemData {
  code: string;
  title: string;
  content: string;
  legalBasis: string;
  standard: string | null;
  groupName: string;
  categories: string[];
  tags: string[];
  majorHazard: boolean;
  verbatim: boolean;
}

export interface TChecklistData {
  code: string;
  name: string;
  supervisionCategory: string | null;
  tag: string | null;
  itemCodes: string[];
}

export const SAFETY_LAW = '《中华人民共和国安全生产法》';
export const STANDARD_INDUSTRY_TRADE = '工贸企业重大事故隐患判定标准（应急管理部令第10号）';
export const STANDARD_CHEMICAL = '化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）（安监总管三〔2017〕121号）';

const general = (code: string, title: string, content: string, legalBasis: string, verbatim = false): TCatalogueItemData => ({
  code,
  title,
  content,
  legalBasis,
  standard: null,
  groupName: '通用安全管理',
  categories: [],
  tags: [],
  majorHazard: false,
  verbatim,
});

// 安全生产法 (2021) arts. 97, 99, 101, 102: the duties whose breach the bureau fines (DOMAIN.md §3).
const GENERAL: TCatalogueItemData[] = [
  general(
    'SAFL-97-1',
    '安全生产管理机构和人员',
    '查看是否按照规定设置安全生产管理机构或者配备安全生产管理人员、注册安全工程师。',
    `${SAFL('第九十七条')}`,
  ),
  general(
    'SAFL-97-2',
    '负责人和安全管理人员考核',
    '查看危险物品生产、经营、储存等单位的主要负责人和安全生产管理人员是否按照规定经考核合格。',
    `${SAFL('第九十七条')}`,
  ),
  general(
    'SAFL-97-3',
    '从业人员安全教育培训',
    '查看是否按照规定对从业人员进行安全生产教育和培训、如实告知有关安全生产事项，并如实记录培训情况。',
    `${SAFL('第九十七条')}`,
  ),
  general(
    'SAFL-97-6',
    '应急预案和演练',
    '查看是否按照规定制定生产安全事故应急救援预案，并定期组织演练，保存演练记录。',
    `${SAFL('第九十七条')}`,
  ),
  general(
    'SAFL-97-7',
    '特种作业人员持证上岗',
    '特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的。',
    `${SAFL('第九十七条第（七）项')}`,
    true,
  ),
  general(
    'SAFL-99-1',
    '安全警示标志',
    '查看有较大危险因素的生产经营场所和有关设施、设备上是否设置明显的安全警示标志。',
    `${SAFL('第九十九条')}`,
  ),
  general(
    'SAFL-99-3',
    '安全设备维护检测',
    '查看安全设备是否经常性维护、保养并定期检测，安装、使用、检测、改造和报废是否符合国家标准或者行业标准。',
    `${SAFL('第九十九条')}`,
  ),
  general(
    'SAFL-99-4',
    '监控报警设施运行',
    '查看是否关闭、破坏直接关系生产安全的监控、报警、防护、救生设备、设施，或者篡改、隐瞒、销毁其相关数据、信息。',
    `${SAFL('第九十九条')}`,
  ),
  general(
    'SAFL-99-5',
    '劳动防护用品',
    '查看是否为从业人员提供符合国家标准或者行业标准的劳动防护用品，并监督正确佩戴、使用。',
    `${SAFL('第九十九条')}`,
  ),
  general(
    'SAFL-101-2',
    '重大危险源管理',
    '查看重大危险源是否登记建档，是否进行定期检测、评估、监控，是否制定应急预案并告知应急措施。',
    `${SAFL('第一百零一条')}`,
  ),
  general(
    'SAFL-101-4',
    '安全风险分级管控',
    '未建立安全风险分级管控制度或者未按照安全风险分级采取相应管控措施的。',
    `${SAFL('第一百零一条第（四）项')}`,
    true,
  ),
  general(
    'SAFL-101-5',
    '事故隐患排查治理制度',
    '查看是否建立事故隐患排查治理制度，重大事故隐患排查治理情况是否按照规定报告。',
    `${SAFL('第一百零一条')}`,
  ),
  general('SAFL-102', '事故隐患消除', '查看以往检查和自查发现的事故隐患是否已采取措施消除，整改记录是否完整。', `${SAFL('第一百零二条')}`),
];

function SAFL(article: string): string {
  return `${SAFETY_LAW}${article}`;
}

const CN = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
];

const tradeArticle = (article: string) => `《工贸企业重大事故隐患判定标准》${article}`;
const trade = (
  code: string,
  group: string,
  tags: string[],
  title: string,
  content: string,
  legalBasis: string,
  verbatim: boolean,
): TCatalogueItemData => ({
  code,
  title,
  content,
  legalBasis,
  standard: STANDARD_INDUSTRY_TRADE,
  groupName: group,
  categories: group === '工贸·管理类' ? INDUSTRY_TRADE_CATEGORIES : [],
  tags,
  majorHazard: true,
  verbatim,
});
export const INDUSTRY_TRADE_CATEGORIES = [
  'it_metallurgy',
  'it_nonferrous',
  'it_building',
  'it_machinery',
  'it_light',
  'it_textile',
  'it_tobacco',
  'it_commerce',
];

// 应急管理部令第10号 (2023-05-15) arts. 3, 11–14: management, the special groups (dust explosion art. 11, ammonia
// refrigeration art. 12, confined spaces art. 13) and art. 14's failed monitoring, alarm and protection devices.
const INDUSTRY_TRADE: TCatalogueItemData[] = [
  trade(
    'GM-MGT-1',
    '工贸·管理类',
    [],
    '承包承租单位管理',
    '未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查的。',
    tradeArticle('第三条第（一）项'),
    true,
  ),
  trade(
    'GM-MGT-2',
    '工贸·管理类',
    [],
    '特种作业人员资格',
    '特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的。',
    tradeArticle('第三条第（二）项'),
    true,
  ),
  trade(
    'GM-MGT-3',
    '工贸·管理类',
    [],
    '金属冶炼企业负责人考核',
    '金属冶炼企业主要负责人、安全生产管理人员未按照规定经考核合格的。',
    tradeArticle('第三条第（三）项'),
    true,
  ),
  ...(
    [
      [
        '粉尘爆炸危险场所设置',
        '粉尘爆炸危险场所设置在非框架结构的多层建（构）筑物内，或者粉尘爆炸危险场所内设有员工宿舍、会议室、办公室、休息室等人员聚集场所的。',
        true,
      ],
      [
        '除尘系统分类设置',
        '不同类别的可燃性粉尘、可燃性粉尘与可燃气体等易加剧爆炸危险的介质共用一套除尘系统，或者不同建（构）筑物、不同防火分区共用一套除尘系统、除尘系统互联互通的。',
        true,
      ],
      ['干式除尘系统爆炸防控', '干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施的。', true],
      [
        '正压除尘点燃源防范',
        '铝镁等金属粉尘除尘系统采用正压除尘方式，或者其他可燃性粉尘除尘系统采用正压吹送粉尘时，未采取火花探测消除等防范点燃源措施的。',
        true,
      ],
      ['重力沉降室和巷道式风道', '除尘系统采用重力沉降室除尘，或者采用干式巷道式构筑物作为除尘风道的。', true],
      ['锁气卸灰装置', '铝镁等金属粉尘、木质粉尘的干式除尘系统未设置锁气卸灰装置的。', true],
      ['20区电气设备防爆', '除尘器、收尘仓等划分为20区的粉尘爆炸危险场所电气设备不符合防爆要求的。', true],
      [
        '杂物去除和火花探测',
        '粉碎、研磨、造粒等易产生机械点燃源的工艺设备前，未设置铁、石等杂物去除装置，或者木制品加工企业与砂光机连接的风管未设置火花探测消除装置的。',
        true,
      ],
      [
        '遇湿自燃金属粉尘',
        '遇湿自燃金属粉尘收集、堆放、储存场所未采取通风等防止氢气积聚措施，或者干式收集、堆放、储存场所未采取防水、防潮措施的。',
        false,
      ],
      ['粉尘清理', '未落实粉尘清理制度，造成作业现场积尘严重的。', false],
    ] as const
  ).map(([title, content, verbatim], i) =>
    trade(
      `GM-DUST-${i + 1}`,
      '工贸·粉尘涉爆',
      ['dust_explosion'],
      title,
      content,
      verbatim ? tradeArticle(`第十一条第（${CN[i]}）项`) : tradeArticle('第十一条'),
      verbatim,
    ),
  ),
  trade(
    'GM-NH3-1',
    '工贸·涉氨制冷',
    ['ammonia_refrigeration'],
    '氨直接蒸发制冷空调',
    '包装、分割、产品整理场所的空调系统采用氨直接蒸发制冷的。',
    tradeArticle('第十二条'),
    false,
  ),
  trade(
    'GM-NH3-2',
    '工贸·涉氨制冷',
    ['ammonia_refrigeration'],
    '快速冻结装置作业间',
    '快速冻结装置未设置在单独的作业间内，或者快速冻结装置作业间内作业人员数量超过9人的。',
    tradeArticle('第十二条'),
    false,
  ),
  trade(
    'GM-CS-1',
    '工贸·有限空间',
    ['confined_space'],
    '有限空间辨识和台账',
    '存在硫化氢、一氧化碳等中毒风险的有限空间，未进行辨识、建立安全管理台账，并且未设置明显的安全警示标志的。',
    tradeArticle('第十三条'),
    false,
  ),
  trade(
    'GM-CS-2',
    '工贸·有限空间',
    ['confined_space'],
    '有限空间作业审批和监护',
    '未落实有限空间作业审批，或者未执行“先通风、再检测、后作业”要求，或者未设置专人监护的。',
    tradeArticle('第十三条'),
    false,
  ),
  // art. 14 applies to every situation above: a device it relies on that does not work is itself a major hazard
  trade(
    'GM-DEVICE-1',
    '工贸·设施失效',
    ['dust_explosion', 'ammonia_refrigeration', 'confined_space'],
    '监控报警防护设施失效',
    '本标准所列情形中直接关系生产安全的监控、报警、防护等设施、设备、装置，应当保证正常运行、使用，失效或者无效均判定为重大事故隐患。',
    tradeArticle('第十四条'),
    false,
  ),
];

export const CHEMICAL_CATEGORIES = ['hc_production', 'hc_trade_storage', 'hc_trade', 'hc_use'];

// 安监总管三〔2017〕121号: twenty numbered situations judged major hazards; the wording of 1–13 was checked
// against a published text, 14–20 is the standard's wording as known but not re-checked (verbatim: false).
const CHEMICAL_TEXT: [string, string][] = [
  ['负责人和安全管理人员考核', '危险化学品生产、经营单位主要负责人和安全生产管理人员未依法经考核合格。'],
  ['特种作业人员持证', '特种作业人员未持证上岗。'],
  ['外部安全防护距离', '涉及“两重点一重大”的生产装置、储存设施外部安全防护距离不符合国家标准要求。'],
  [
    '重点监管工艺自动化控制',
    '涉及重点监管危险化工工艺的装置未实现自动化控制，系统未实现紧急停车功能，装备的自动化控制系统、紧急停车系统未投入使用。',
  ],
  [
    '重大危险源罐区紧急切断',
    '构成一级、二级重大危险源的危险化学品罐区未实现紧急切断功能；涉及毒性气体、液化气体、剧毒液体的一级、二级重大危险源的危险化学品罐区未配备独立的安全仪表系统。',
  ],
  ['液化烃储罐注水措施', '全压力式液化烃储罐未按国家标准设置注水措施。'],
  ['万向管道充装系统', '液化烃、液氨、液氯等易燃易爆、有毒有害液化气体的充装未使用万向管道充装系统。'],
  ['剧毒气体管道穿越公共区域', '光气、氯气等剧毒气体及硫化氢气体管道穿越除厂区（包括化工园区、工业园区）外的公共区域。'],
  ['架空电力线路穿越生产区', '地区架空电力线路穿越生产区且不符合国家标准要求。'],
  ['在役装置设计和诊断', '在役化工装置未经正规设计且未进行安全设计诊断。'],
  ['淘汰落后工艺设备', '使用淘汰落后安全技术工艺、设备目录列出的工艺、设备。'],
  ['检测报警和防爆电气', '涉及可燃和有毒有害气体泄漏的场所未按国家标准设置检测报警装置，爆炸危险场所未按国家标准安装使用防爆电气设备。'],
  ['控制室和机柜间防火防爆', '控制室或机柜间面向具有火灾、爆炸危险性装置一侧不满足国家标准关于防火防爆的要求。'],
  ['双重电源和不间断电源', '化工生产装置未按国家标准要求设置双重电源供电，自动化控制系统未设置不间断电源。'],
  ['安全阀和爆破片', '安全阀、爆破片等安全附件未正常投用。'],
  ['安全生产责任制和隐患排查制度', '未建立与岗位相匹配的全员安全生产责任制或者未制定实施生产安全事故隐患排查治理制度。'],
  ['操作规程和工艺控制指标', '未制定操作规程和工艺控制指标。'],
  ['特殊作业管理制度', '未按照国家标准制定动火、进入受限空间等特殊作业管理制度，或者制度未有效执行。'],
  [
    '新工艺论证和反应风险评估',
    '新开发的危险化学品生产工艺未经小试、中试、工业化试验直接进行工业化生产；国内首次使用的化工工艺未经过省级人民政府有关部门组织的安全可靠性论证；新建装置未制定试生产方案投料开车；精细化工企业未按规范性文件要求开展反应安全风险评估。',
  ],
  ['危险化学品分区分类储存', '未按国家标准分区分类储存危险化学品，超量、超品种储存危险化学品，相互禁配物质混放混存。'],
];
const CHEMICAL: TCatalogueItemData[] = CHEMICAL_TEXT.map(([title, content], i) => ({
  code: `HC-${i + 1}`,
  title,
  content,
  legalBasis: `《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》第${CN[i]}条`,
  standard: STANDARD_CHEMICAL,
  groupName: '危险化学品',
  categories: CHEMICAL_CATEGORIES,
  tags: [],
  majorHazard: true,
  verbatim: i < 13,
}));

export const CATALOGUE_ITEMS: readonly TCatalogueItemData[] = [...GENERAL, ...INDUSTRY_TRADE, ...CHEMICAL];

/** The major-hazard criteria (重大事故隐患判定标准), for the hazard module. */
/**
 * Citations an earlier release shipped wrongly, by item code: `was` → the catalogue's current `legalBasis`. At start an
 * item still carrying `was` (never edited by the bureau) is corrected and the correction audited; an edited one is left.
 * 部令10号's special groups were cited one article too high (dust 12 → 11, ammonia 13 → 12, confined spaces 14 → 13).
 */
export const CORRECTED_CITATIONS: readonly { code: string; was: string; now: string }[] = CATALOGUE_ITEMS.flatMap((i) => {
  const shift: Record<string, [string, string]> = {
    'GM-DUST-': ['第十一条', '第十二条'],
    'GM-NH3-': ['第十二条', '第十三条'],
    'GM-CS-': ['第十三条', '第十四条'],
  };
  const entry = Object.entries(shift).find(([prefix]) => i.code.startsWith(prefix));
  if (!entry || !i.legalBasis) return [];
  const [now, was] = entry[1];
  return [{ code: i.code, was: i.legalBasis.replace(now, was), now: i.legalBasis }];
});

export const MAJOR_HAZARD_CRITERIA: readonly TCatalogueItemData[] = CATALOGUE_ITEMS.filter((i) => i.majorHazard);

const codes = (prefix: string) => CATALOGUE_ITEMS.filter((i) => i.code.startsWith(prefix)).map((i) => i.code);
const GENERAL_CODES = GENERAL.map((i) => i.code);

export const STARTER_CHECKLISTS: readonly TChecklistData[] = [
  { code: 'CL-GENERAL', name: '通用安全管理检查表', supervisionCategory: null, tag: null, itemCodes: GENERAL_CODES },
  {
    code: 'CL-HC',
    name: '危险化学品检查表',
    supervisionCategory: 'hc_production',
    tag: null,
    itemCodes: [...codes('HC-'), 'SAFL-99-1', 'SAFL-102'],
  },
  {
    code: 'CL-DUST',
    name: '粉尘涉爆检查表',
    supervisionCategory: null,
    tag: 'dust_explosion',
    itemCodes: [...codes('GM-MGT-'), ...codes('GM-DUST-'), 'SAFL-102'],
  },
  {
    code: 'CL-NH3',
    name: '涉氨制冷检查表',
    supervisionCategory: null,
    tag: 'ammonia_refrigeration',
    itemCodes: [...codes('GM-MGT-'), ...codes('GM-NH3-'), 'SAFL-99-4', 'SAFL-102'],
  },
  {
    code: 'CL-CS',
    name: '有限空间检查表',
    supervisionCategory: null,
    tag: 'confined_space',
    itemCodes: [...codes('GM-MGT-'), ...codes('GM-CS-'), 'SAFL-99-5', 'SAFL-102'],
  },
];
