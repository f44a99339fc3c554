import { BENCH_ACCOUNTS, BENCH_PASSWORD, type TGenerateResult, type TScale } from './generate';
import type { TCase } from './load';
import { hazardCases } from './hazard-cases';
import { accidentCases } from './accident-cases';
import { drillCases } from './drill-cases';
import { findingsCases } from './findings-cases';
import { resourcesCases } from './resources-cases';
import { fireCases } from './fire-cases';
import { rollupCases } from './rollup-cases';
import { mapCases } from './map-cases';

/** A case, and for a list the number of rows the generator put in the user's scope (checked before measuring). */
export type TBenchCase = TCase & { expectedTotal?: number };

export interface TCaseContext {
  scale: TScale;
  generated: TGenerateResult;
  adminCookie: string;
  townCookie: string;
  login(username: string): Promise<string>;
  /** A GET answered 200, as JSON: for ids the cases need (a plan, a firm). */
  get<T>(path: string, cookie: string): Promise<T>;
}

/** Generated usernames carry their division: `b4420-01`, `t442000001-03`, `e442000001-01` (an enterprise user). */
const usersInScope = (usernames: string[], scope: string): number =>
  usernames.filter((u) => (/^[bte](\d+)-/.exec(u)?.[1] ?? '').startsWith(scope)).length;

/** What `npm run bench` measures, module by module. */
export async function benchCases({ scale, generated: g, adminCookie, townCookie, login, get }: TCaseContext): Promise<TBenchCase[]> {
  const loginBodies = g.usernames.map((username) => JSON.stringify({ username, password: BENCH_PASSWORD }));
  const cases: TBenchCase[] = [
    { name: 'login (argon2id), rotating over all accounts', method: 'POST', path: '/api/auth/login', bodies: loginBodies },
    {
      name: 'user list page 1×20, city admin (scope 4420)',
      method: 'GET',
      path: '/api/users?page=1&pageSize=20',
      cookie: adminCookie,
      expectedTotal: usersInScope(g.usernames, '4420'),
    },
    ...(scale === 'province'
      ? [
          {
            name: 'user list page 1×20, provincial admin (scope 44)',
            method: 'GET' as const,
            path: '/api/users?page=1&pageSize=20',
            cookie: await login(BENCH_ACCOUNTS.provinceAdmin),
            expectedTotal: usersInScope(g.usernames, '44'),
          },
        ]
      : []),
    { name: 'divisions, town officer (scope 442000001)', method: 'GET', path: '/api/divisions', cookie: townCookie },
    { name: 'enterprise list page 1×20, city admin', method: 'GET', path: '/api/enterprises?page=1&pageSize=20', cookie: adminCookie },
    {
      name: 'enterprise list filtered (town 小榄 + 工贸·机械), city admin',
      method: 'GET',
      path: `/api/enterprises?page=1&pageSize=20&divisionCode=442000118&category=it_machinery`,
      cookie: adminCookie,
    },
    {
      name: 'enterprise list page 1×20, town officer (石岐)',
      method: 'GET',
      path: '/api/enterprises?page=1&pageSize=20',
      cookie: townCookie,
    },
    {
      name: 'enterprise keyword search “五金”, city admin',
      method: 'GET',
      path: `/api/enterprises?page=1&pageSize=20&q=${encodeURIComponent('五金')}`,
      cookie: adminCookie,
    },
    ...(scale === 'province'
      ? [
          {
            name: 'enterprise list page 1×20, provincial admin (scope 44)',
            method: 'GET' as const,
            path: '/api/enterprises?page=1&pageSize=20',
            cookie: await login(BENCH_ACCOUNTS.provinceAdmin),
          },
          {
            // the total from the city counts kept by status (migration 0035)
            name: 'enterprise list in supervision (在管), provincial admin',
            method: 'GET' as const,
            path: `/api/enterprises?page=1&pageSize=20&supervisionStatus=${encodeURIComponent('在管')}`,
            cookie: await login(BENCH_ACCOUNTS.provinceAdmin),
          },
          {
            name: 'enterprise keyword search “锦豪五金”, provincial admin',
            method: 'GET' as const,
            path: `/api/enterprises?page=1&pageSize=20&q=${encodeURIComponent('锦豪五金')}`,
            cookie: await login(BENCH_ACCOUNTS.provinceAdmin),
          },
        ]
      : []),
    { name: 'me (session and own user), town officer', method: 'GET', path: '/api/auth/me', cookie: townCookie },
    // the header's search: firms, hazards and cases (the administrator holds no accident permission)
    {
      name: 'global search “五金” (firms, hazards, cases), city admin',
      method: 'GET',
      path: `/api/search?q=${encodeURIComponent('五金')}`,
      cookie: adminCookie,
    },
    {
      name: 'global search “五金”, town officer (石岐)',
      method: 'GET',
      path: `/api/search?q=${encodeURIComponent('五金')}`,
      cookie: townCookie,
    },
  ];
  const context = { scale, generated: g, adminCookie, townCookie, login, get };
  return [
    ...cases,
    ...(await riskAndInspectionCases(context)),
    ...(await hazardCases(context)),
    ...(await accidentCases(context)),
    ...(await drillCases(context)),
    ...(await findingsCases(context)),
    ...(await resourcesCases(context)),
    ...(await fireCases(context)),
    ...(await rollupCases(context)),
    ...(await mapCases(context)),
  ];
}

/** Issue 4: risk grades and inspections. Progress is asked of the bureau's plan for this year. */
async function riskAndInspectionCases({ scale, adminCookie, townCookie, login, get }: TCaseContext): Promise<TBenchCase[]> {
  const year = new Date().getFullYear();
  const plans = await get<{ id: number; year: number; divisionCode: string }[]>('/api/inspection-progress/plans', adminCookie);
  const bureauPlan = plans.find((p) => p.year === year && p.divisionCode === '4420');
  if (!bureauPlan) throw new Error(`no generated ${year} plan of the bureau 4420`);
  const cases: TBenchCase[] = [
    { name: 'risk distribution by town and category, city admin', method: 'GET', path: '/api/risk/distribution', cookie: adminCookie },
    {
      name: 'enterprise list filtered by colour (yellow), city admin',
      method: 'GET',
      path: '/api/enterprises?page=1&pageSize=20&riskColour=yellow',
      cookie: adminCookie,
    },
    { name: 'inspection list page 1×20, city admin', method: 'GET', path: '/api/inspections?page=1&pageSize=20', cookie: adminCookie },
    {
      name: 'inspection list page 1×20, town officer (石岐)',
      method: 'GET',
      path: '/api/inspections?page=1&pageSize=20',
      cookie: townCookie,
    },
    {
      name: 'inspection list 四不两直 only, city admin',
      method: 'GET',
      path: '/api/inspections?page=1&pageSize=20&kind=unannounced',
      cookie: adminCookie,
    },
    { name: 'findings list page 1×20, city admin', method: 'GET', path: '/api/findings?page=1&pageSize=20', cookie: adminCookie },
    // the findings page's banner (待转 / 已转, counted live over every finding in scope; issue 14 item 15)
    { name: 'findings banner (summary), city admin', method: 'GET', path: '/api/findings/summary', cookie: adminCookie },
    { name: 'findings banner (summary), town officer (石岐)', method: 'GET', path: '/api/findings/summary', cookie: townCookie },
    {
      name: `plan progress by town and grade (bureau plan ${year})`,
      method: 'GET',
      path: `/api/inspection-progress/plans/${bureauPlan.id}`,
      cookie: adminCookie,
    },
    {
      name: 'inspection statistics, this quarter, city admin',
      method: 'GET',
      path: '/api/inspection-stats?period=quarter',
      cookie: adminCookie,
    },
    {
      name: 'inspection statistics, this year, town officer (石岐)',
      method: 'GET',
      path: '/api/inspection-stats?period=year',
      cookie: townCookie,
    },
  ];
  if (scale === 'province') {
    const province = await login(BENCH_ACCOUNTS.provinceAdmin);
    cases.push(
      {
        name: 'inspection list page 1×20, provincial admin (scope 44)',
        method: 'GET',
        path: '/api/inspections?page=1&pageSize=20',
        cookie: province,
      },
      {
        name: 'inspection statistics, this quarter, provincial admin',
        method: 'GET',
        path: '/api/inspection-stats?period=quarter',
        cookie: province,
      },
      { name: 'risk distribution, provincial admin', method: 'GET', path: '/api/risk/distribution', cookie: province },
    );
  }
  return cases;
}
