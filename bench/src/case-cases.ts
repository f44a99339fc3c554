import { BENCH_ACCOUNTS } from './generate';
import type { TBenchCase, TCaseContext } from './cases';

interface TCaseListPage {
  items: { id: number; divisionCode: string; stage: string }[];
  total: number;
}
interface TCaseDetailDocs {
  documents: { id: number; kind: string; number: string | null }[];
}

/** A closed case of the bureau with its 行政处罚决定书: the detail and the document the cases below ask for. */
async function closedBureauCase(get: TCaseContext['get'], cookie: string): Promise<{ caseId: number; docId: number; number: string }> {
  // divisionCode filters by scope (the city and its towns): the bureau's own cases are the ones with code 4420
  const page = await get<TCaseListPage>('/api/cases?page=1&pageSize=100&stage=closed&divisionCode=4420', cookie);
  for (const c of page.items.filter((x) => x.divisionCode === '4420')) {
    const detail = await get<TCaseDetailDocs>(`/api/cases/${c.id}`, cookie);
    const decision = detail.documents.find((d) => d.kind === 'decision');
    if (decision && detail.documents.some((d) => d.kind === 'filing'))
      return { caseId: c.id, docId: decision.id, number: decision.number ?? '' };
  }
  throw new Error('no generated closed case of the bureau 4420 with a decision document');
}

/**
 * Issue 6: enforcement cases. The case list with its clocks (computed on read) as the city administrator and a town
 * officer, filtered by clock and by stage; a case's detail; the fines by body for the last full year; the stage view;
 * and a 行政处罚决定书 generated as Word under load (the single-client figure is `timeCaseDocument`).
 */
export async function enforcementCases({ scale, generated: g, adminCookie, townCookie, login, get }: TCaseContext): Promise<TBenchCase[]> {
  const year = new Date().getFullYear() - 1;
  const sample = await closedBureauCase(get, adminCookie);
  const cases: TBenchCase[] = [
    {
      name: 'case list page 1×20 with clocks, city admin',
      method: 'GET',
      path: '/api/cases?page=1&pageSize=20',
      cookie: adminCookie,
      ...(scale === 'city' ? { expectedTotal: g.counts.cases } : {}),
    },
    {
      name: 'case list page 1×20 with clocks, town officer (石岐)',
      method: 'GET',
      path: '/api/cases?page=1&pageSize=20',
      cookie: townCookie,
    },
    {
      name: 'case list, clock overdue, city admin',
      method: 'GET',
      path: '/api/cases?page=1&pageSize=20&clock=overdue',
      cookie: adminCookie,
    },
    {
      name: 'case list, clock due in 7 days, city admin',
      method: 'GET',
      path: '/api/cases?page=1&pageSize=20&clock=due_in_7_days',
      cookie: adminCookie,
    },
    {
      name: 'case list, stage 调查取证, city admin',
      method: 'GET',
      path: '/api/cases?page=1&pageSize=20&stage=investigating',
      cookie: adminCookie,
    },
    {
      name: 'case detail (closed bureau case: timeline, documents, payments), city admin',
      method: 'GET',
      path: `/api/cases/${sample.caseId}`,
      cookie: adminCookie,
    },
    {
      name: `fines decided and collected by body, ${year}, city admin`,
      method: 'GET',
      path: `/api/cases/fines?from=${year}-01-01&to=${year}-12-31`,
      cookie: adminCookie,
    },
    { name: 'cases by stage with clocks, city admin', method: 'GET', path: '/api/cases/stages', cookie: adminCookie },
    {
      name: `case document 行政处罚决定书 as Word (${sample.number}), city admin`,
      method: 'GET',
      path: `/api/cases/${sample.caseId}/documents/${sample.docId}`,
      cookie: adminCookie,
    },
  ];
  if (scale === 'province') {
    const province = await login(BENCH_ACCOUNTS.provinceAdmin);
    cases.push(
      {
        name: 'case list page 1×20 with clocks, provincial admin (scope 44)',
        method: 'GET',
        path: '/api/cases?page=1&pageSize=20',
        cookie: province,
      },
      {
        name: 'case list, clock overdue, provincial admin',
        method: 'GET',
        path: '/api/cases?page=1&pageSize=20&clock=overdue',
        cookie: province,
      },
      { name: 'cases by stage with clocks, provincial admin', method: 'GET', path: '/api/cases/stages', cookie: province },
    );
  }
  return cases;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/**
 * The figure "a document generated ≤ 500 ms": one client asking for a 行政处罚决定书 one request after another
 * (as an officer clicks it), 50 times after 5 warm-up requests; the detail has p50/p95 and the year's fine totals
 * (the seed's "53 cases, 4,323,681 yuan" comes out of the same records).
 */
export async function timeCaseDocument(baseUrl: string, cookie: string): Promise<{ name: string; seconds: number; detail: string }> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(new URL(path, baseUrl), { headers: { cookie } });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return (await res.json()) as T;
  };
  const sample = await closedBureauCase(get, cookie);
  const path = `/api/cases/${sample.caseId}/documents/${sample.docId}`;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 55; i++) {
    const t0 = performance.now();
    const res = await fetch(new URL(path, baseUrl), { headers: { cookie } });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    if (i >= 5) times.push(performance.now() - t0);
    bytes = body.length;
  }
  times.sort((a, b) => a - b);
  const year = new Date().getFullYear() - 1;
  const fines = await get<{
    rows: { divisionCode: string; cases: number; decidedFen: number }[];
    total: { cases: number; decidedFen: number; paidFen: number };
  }>(`/api/cases/fines?from=${year}-01-01&to=${year}-12-31`);
  const bureau = fines.rows.find((r) => r.divisionCode === '4420');
  const yuan = (fen: number) => Math.round(fen / 100).toLocaleString('en');
  const detail =
    `行政处罚决定书 ${sample.number} (${(bytes / 1024).toFixed(0)} KiB), one client, 50 requests: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${times[times.length - 1]!.toFixed(0)} ms; ` +
    `${year} penalties decided: bureau 4420 ${bureau?.cases ?? 0} cases, ${yuan(bureau?.decidedFen ?? 0)} yuan; whole scope ${fines.total.cases} cases, ${yuan(fines.total.decidedFen)} yuan (collected ${yuan(fines.total.paidFen)})`;
  console.log(`[bench] case document: ${detail}`);
  return { name: 'case document generated as Word (行政处罚决定书), one client, p95', seconds: percentile(times, 95) / 1000, detail };
}
