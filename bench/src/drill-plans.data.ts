import type { TEmergencyPlanKind, TEmergencyPlanLevel } from '@yingji/domain';

/**
 * The plan system the demo builds (issue 18): each city's special, overall and department plans, three plans per
 * town, and how many enterprise plans go over the generated firms.
 */
export const ZHONGSHAN = '4420';
export const ENTERPRISE_PLAN_TARGET = 40_000;

export type TPlanSeed = {
  name: string;
  level: TEmergencyPlanLevel;
  kind: TEmergencyPlanKind;
  ownerUnit: string;
  workSafety: boolean;
  accidentTypes?: string[];
  disasterTypes?: string[];
};

export const CITY_PLANS: TPlanSeed[] = [
  { name: '突发事件总体应急预案', level: 'city', kind: 'overall', ownerUnit: '市人民政府', workSafety: false },
  {
    name: '生产安全事故应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: true,
    accidentTypes: ['other_injury'],
  },
  {
    name: '烟花爆竹生产安全事故应急救援预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: true,
    accidentTypes: ['gunpowder_explosion', 'fire'],
  },
  {
    name: '危险化学品事故应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: true,
    accidentTypes: ['poisoning_asphyxia', 'fire', 'other_explosion'],
  },
  {
    name: '森林火灾应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: false,
    disasterTypes: ['forest_fire'],
  },
  {
    name: '防汛防旱防风应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市三防指挥部',
    workSafety: false,
    disasterTypes: ['typhoon', 'rainstorm', 'waterlogging'],
  },
  {
    name: '燃气事故应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市住房和城乡建设局',
    workSafety: true,
    accidentTypes: ['other_explosion', 'fire'],
  },
  {
    name: '建设工程施工安全事故应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市住房和城乡建设局',
    workSafety: true,
    accidentTypes: ['collapse', 'fall_from_height'],
  },
  {
    name: '应急避难场所启用预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: false,
    disasterTypes: ['typhoon', 'other'],
  },
  {
    name: '自然灾害救助应急预案',
    level: 'city',
    kind: 'special',
    ownerUnit: '市应急管理局',
    workSafety: false,
    disasterTypes: ['typhoon', 'rainstorm'],
  },
  { name: '地质灾害应急预案', level: 'city', kind: 'special', ownerUnit: '市自然资源局', workSafety: false, disasterTypes: ['geological'] },
  { name: '应急管理局突发事件应急预案', level: 'department', kind: 'department', ownerUnit: '市应急管理局', workSafety: true },
  {
    name: '交通运输局道路运输事故应急预案',
    level: 'department',
    kind: 'department',
    ownerUnit: '市交通运输局',
    workSafety: true,
    accidentTypes: ['vehicle'],
  },
  {
    name: '供销社烟花爆竹经营安全应急预案',
    level: 'department',
    kind: 'department',
    ownerUnit: '市供销合作联社',
    workSafety: true,
    accidentTypes: ['gunpowder_explosion'],
  },
  {
    name: '水务局水旱灾害防御应急预案',
    level: 'department',
    kind: 'department',
    ownerUnit: '市水务局',
    workSafety: false,
    disasterTypes: ['rainstorm'],
  },
];
export const TOWN_PLANS: TPlanSeed[] = [
  { name: '突发事件总体应急预案', level: 'town', kind: 'overall', ownerUnit: '', workSafety: false },
  { name: '生产安全事故应急预案', level: 'town', kind: 'special', ownerUnit: '', workSafety: true },
  { name: '三防应急预案', level: 'town', kind: 'special', ownerUnit: '', workSafety: false, disasterTypes: ['typhoon', 'rainstorm'] },
];
/** Supervision categories whose firms count as high-risk (on-site disposal plans every 6 months). */
export const HIGH_RISK_PREFIXES = ['hc_', 'fw_', 'mine', 'metal'];
