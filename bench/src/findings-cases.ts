import type { TBenchCase, TCaseContext } from './cases';

/** Generated bureau accounts (BUREAU_ROLES: leaders are 03–07, officers 17–40). */
const LEADER = 'b4420-03';
const OFFICER = 'b4420-17';

/**
 * Issue 21: the workbench every user opens first (each role: the office's officer, a leader, a town officer), the
 * measures list behind its findings counts, and a quarterly city report computing every registered figure with its
 * year-on-year twin.
 */
export async function findingsCases({ townCookie, login }: TCaseContext): Promise<TBenchCase[]> {
  const [leader, officer] = [await login(LEADER), await login(OFFICER)];
  const year = new Date().getFullYear();
  return [
    { name: 'workbench, bureau officer (office director)', method: 'GET', path: '/api/workbench', cookie: officer },
    { name: 'workbench, bureau leader', method: 'GET', path: '/api/workbench', cookie: leader },
    { name: 'workbench, town officer (石岐)', method: 'GET', path: '/api/workbench', cookie: townCookie },
    { name: 'findings measures overdue, bureau officer', method: 'GET', path: '/api/findings/measures?due=overdue', cookie: officer },
    {
      name: 'quarterly city report (every figure, year on year), bureau officer',
      method: 'GET',
      path: `/api/reports/figures?kind=quarter&year=${year - 1}&part=4`,
      cookie: officer,
    },
    // The report is what one officer asks for and waits on: its figure (≤ 1 s) is read at one connection; the ten above
    // show ten officers asking at the very same moment (each queues behind the others' 72 statements).
    {
      name: 'quarterly city report, one officer alone (1 connection)',
      method: 'GET',
      path: `/api/reports/figures?kind=quarter&year=${year - 1}&part=4`,
      cookie: officer,
      connections: 1,
    },
    {
      name: 'yearly town report, town officer (石岐)',
      method: 'GET',
      path: `/api/reports/figures?kind=year&year=${year - 1}`,
      cookie: townCookie,
    },
  ];
}
