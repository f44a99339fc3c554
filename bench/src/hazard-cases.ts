import { BENCH_ACCOUNTS } from './generate';
import type { TBenchCase, TCaseContext } from './cases';

/**
 * Issue 5: hazards. Lists as the city administrator, a town officer and an enterprise user (its own firm only);
 * the overdue and major-open filters; one hazard's detail with its timeline; the dashboard (this month) by town
 * and by category, the 动态清零 series, last year's self-found share, the map and the supervision list.
 */
export async function hazardCases({ scale, generated: g, adminCookie, townCookie, login, get }: TCaseContext): Promise<TBenchCase[]> {
  const lastYear = new Date().getFullYear() - 1;
  const enterpriseCookie = await login(BENCH_ACCOUNTS.enterpriseUser);
  // A closed hazard made from an inspection finding: the longest timeline (report … recheck_pass).
  const closed = await get<{ items: { id: number }[] }>('/api/hazards?page=1&pageSize=1&state=closed&source=inspection', adminCookie);
  const detailId = closed.items[0]?.id;
  if (!detailId) throw new Error('no generated closed hazard from an inspection');
  const cases: TBenchCase[] = [
    {
      name: 'hazard list page 1×20, city admin',
      method: 'GET',
      path: '/api/hazards?page=1&pageSize=20',
      cookie: adminCookie,
      // At city scale the city is all there is; the province holds other cities' hazards too.
      ...(scale === 'city' ? { expectedTotal: g.counts.hazards } : {}),
    },
    { name: 'hazard list page 1×20, town officer (石岐)', method: 'GET', path: '/api/hazards?page=1&pageSize=20', cookie: townCookie },
    {
      name: 'hazard list overdue only, city admin',
      method: 'GET',
      path: '/api/hazards?page=1&pageSize=20&overdue=true',
      cookie: adminCookie,
    },
    {
      name: 'hazard list major and open, city admin',
      method: 'GET',
      path: '/api/hazards?page=1&pageSize=20&level=major&open=true',
      cookie: adminCookie,
    },
    { name: 'hazard list, enterprise user (own firm)', method: 'GET', path: '/api/hazards?page=1&pageSize=20', cookie: enterpriseCookie },
    { name: 'hazard detail with timeline, city admin', method: 'GET', path: `/api/hazards/${detailId}`, cookie: adminCookie },
    {
      name: 'hazard dashboard by town (this month), city admin',
      method: 'GET',
      path: '/api/hazard-stats/dashboard?by=town',
      cookie: adminCookie,
    },
    {
      name: 'hazard dashboard by category (this month), city admin',
      method: 'GET',
      path: '/api/hazard-stats/dashboard?by=category',
      cookie: adminCookie,
    },
    {
      name: 'major-hazard clearing series (24 months), city admin',
      method: 'GET',
      path: '/api/hazard-stats/clearing?months=24',
      cookie: adminCookie,
    },
    {
      name: `self-found share ${lastYear} by town, city admin`,
      method: 'GET',
      path: `/api/hazard-stats/self-found?from=${lastYear}-01-01&to=${lastYear}-12-31`,
      cookie: adminCookie,
    },
    { name: 'open major hazards map, city admin', method: 'GET', path: '/api/hazard-stats/map', cookie: adminCookie },
    { name: 'supervision list page 1×20, city admin', method: 'GET', path: '/api/supervisions?page=1&pageSize=20', cookie: adminCookie },
  ];
  if (scale === 'province') {
    const province = await login(BENCH_ACCOUNTS.provinceAdmin);
    cases.push(
      {
        name: 'hazard list page 1×20, provincial admin (scope 44)',
        method: 'GET',
        path: '/api/hazards?page=1&pageSize=20',
        cookie: province,
        expectedTotal: g.counts.hazards,
      },
      {
        name: 'hazard list overdue only, provincial admin',
        method: 'GET',
        path: '/api/hazards?page=1&pageSize=20&overdue=true',
        cookie: province,
      },
      {
        name: 'hazard dashboard by town (this month), provincial admin',
        method: 'GET',
        path: '/api/hazard-stats/dashboard?by=town',
        cookie: province,
      },
    );
  }
  return cases;
}
