import type { TBenchCase, TCaseContext } from './cases';

/** The generated duty officer of Zhongshan's bureau (BUREAU_ROLES: duty officers are 11–16). */
const DUTY_OFFICER = 'b4420-11';

/**
 * Issue 16: accidents and duty. The ledger and the statistics as the duty officer (city scope; the administrator
 * holds no accident permission), one accident's detail with its clocks, who is on duty and the roster; recording a
 * report step and reporting an accident (a town officer), measured last because they add rows.
 */
export async function accidentCases({ scale, generated: g, townCookie, login, get }: TCaseContext): Promise<TBenchCase[]> {
  const duty = await login(DUTY_OFFICER);
  const open = await get<{ items: { id: number; closed: boolean }[] }>('/api/accidents?page=1&pageSize=200', duty);
  const target = open.items.find((a) => !a.closed) ?? open.items[0];
  if (!target) throw new Error('no generated accident');
  const detail = await get<{ chain: { level: string; passedUpAt: string | null }[] }>(`/api/accidents/${target.id}`, duty);
  const unitUp = detail.chain.find((s) => s.level === 'unit')?.passedUpAt;
  const now = Date.now();
  const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  const report = JSON.stringify({
    title: '基准测试事故',
    partyName: '某建设工程项目部',
    industry: '建筑施工',
    divisionCode: '442000001',
    accidentType: 'fall_from_height',
    place: '石岐街道某工地',
    occurredAt: iso(50),
    knownAt: iso(45),
    receivedAt: iso(20),
    summary: '高处作业坠落，一人受伤',
    measures: '已送医',
    deaths: 0,
    missing: 0,
    seriousInjuries: 1,
    minorInjuries: 0,
    lossFen: 5_000_000,
  });
  return [
    {
      name: 'accident ledger page 1×20, duty officer',
      method: 'GET',
      path: '/api/accidents?page=1&pageSize=20',
      cookie: duty,
      ...(scale === 'city' ? { expectedTotal: g.counts.accidents } : {}),
    },
    {
      name: 'accident ledger pending only, duty officer',
      method: 'GET',
      path: '/api/accidents?page=1&pageSize=20&pending=true',
      cookie: duty,
    },
    { name: 'accident ledger, town officer (石岐)', method: 'GET', path: '/api/accidents?page=1&pageSize=20', cookie: townCookie },
    { name: 'accident detail with clocks, duty officer', method: 'GET', path: `/api/accidents/${target.id}`, cookie: duty },
    { name: 'accident statistics 2024 against 2023, duty officer', method: 'GET', path: '/api/accidents/stats?period=2024', cookie: duty },
    { name: 'accident statistics 2025-Q1, duty officer', method: 'GET', path: '/api/accidents/stats?period=2025-Q1', cookie: duty },
    { name: 'who is on duty now, town officer', method: 'GET', path: '/api/duty/now', cookie: townCookie },
    {
      name: 'duty roster 14 days, duty officer',
      method: 'GET',
      path: `/api/duty/roster?from=${new Date(now).toISOString().slice(0, 10)}&to=${new Date(now + 13 * 86_400_000).toISOString().slice(0, 10)}`,
      cookie: duty,
    },
    // Recording: one officer's latency (1 connection), then ten at once (throughput; they queue on the audit chain).
    ...[1, undefined].flatMap((connections) => [
      ...(unitUp
        ? [
            {
              name: `record a report step, duty officer${connections ? ', 1 connection' : ''}`,
              method: 'POST' as const,
              path: `/api/accidents/${target.id}/steps`,
              cookie: duty,
              bodies: [JSON.stringify({ level: 'unit', passedUpAt: unitUp })],
              ...(connections ? { connections } : {}),
            },
          ]
        : []),
      {
        name: `report an accident, town officer (石岐)${connections ? ', 1 connection' : ''}`,
        method: 'POST' as const,
        path: '/api/accidents',
        cookie: townCookie,
        bodies: [report],
        ...(connections ? { connections } : {}),
      },
    ]),
  ];
}
