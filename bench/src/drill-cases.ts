import type { TBenchCase, TCaseContext } from './cases';
import { BENCH_ACCOUNTS, BENCH_DRAW_ACCOUNTS } from './generate';

/**
 * Issue 18: plans, drills and training. The compliance view and the plan ledger with 40,000 enterprise plans (both read
 * the plans' stored last drill and next due day, never the drills), the overdue filter, a town's and a firm's view,
 * the year's drills and their statistics, review tasks, training totals and list.
 */
export async function drillCases({ scale, generated: g, townCookie, login }: TCaseContext): Promise<TBenchCase[]> {
  const officer = await login(BENCH_DRAW_ACCOUNTS.officer);
  const firm = await login(BENCH_ACCOUNTS.enterpriseUser);
  return [
    {
      name: 'drill: plan ledger page 1×20, bureau officer',
      method: 'GET',
      path: '/api/drill/plans?page=1&pageSize=20',
      cookie: officer,
      ...(scale === 'city' ? { expectedTotal: g.counts.emergency_plans } : {}),
    },
    {
      name: 'drill: plans overdue for a drill 1×20, bureau officer',
      method: 'GET',
      path: '/api/drill/plans?page=1&pageSize=20&overdue=true',
      cookie: officer,
    },
    { name: 'drill: compliance by town, bureau officer', method: 'GET', path: '/api/drill/compliance?by=town', cookie: officer },
    { name: 'drill: compliance by kind, bureau officer', method: 'GET', path: '/api/drill/compliance?by=kind', cookie: officer },
    {
      name: 'drill: compliance by owner unit (top 300), bureau officer',
      method: 'GET',
      path: '/api/drill/compliance?by=owner',
      cookie: officer,
    },
    { name: 'drill: compliance by kind, town officer (石岐)', method: 'GET', path: '/api/drill/compliance?by=kind', cookie: townCookie },
    { name: 'drill: plan ledger, enterprise user (own firm)', method: 'GET', path: '/api/drill/plans?page=1&pageSize=20', cookie: firm },
    {
      name: 'drill: drills of 2025 page 1×20, bureau officer',
      method: 'GET',
      path: '/api/drill/drills?year=2025&page=1&pageSize=20',
      cookie: officer,
    },
    { name: 'drill: drill statistics 2025, bureau officer', method: 'GET', path: '/api/drill/stats?year=2025', cookie: officer },
    {
      name: 'drill: open review tasks, bureau officer',
      method: 'GET',
      path: '/api/drill/tasks?state=open&page=1&pageSize=20',
      cookie: officer,
    },
    {
      name: 'drill: training totals by kind 2024–2025, bureau officer',
      method: 'GET',
      path: '/api/drill/training/totals?by=kind&from=2024-01-01&to=2025-12-31',
      cookie: officer,
    },
    {
      name: 'drill: training list page 1×20, bureau officer',
      method: 'GET',
      path: '/api/drill/training?page=1&pageSize=20',
      cookie: officer,
    },
  ];
}
