import type { TBenchCase, TCaseContext } from './cases';

/** The generated duty officer of Zhongshan's bureau (as in accident-cases.ts). */
const DUTY_OFFICER = 'b4420-11';

/**
 * Issue 20: what the duty officer's fire pages read over the generated year (about 4,000 incidents, 97 channels):
 * the board, the incident list, the year's statistics, a month's availability, the outbox view. Ingestion, the
 * alarm-to-incident latency and the board under a stream are in bench/src/fire-ingest-bench.ts.
 */
export async function fireCases({ scale, login, get }: TCaseContext): Promise<TBenchCase[]> {
  if (scale !== 'city') return [];
  const duty = await login(DUTY_OFFICER);
  const list = await get<{ total: number; items: { id: number }[] }>('/api/fire/incidents?page=1&pageSize=20', duty);
  const year = new Date().getFullYear();
  const month = new Date().toISOString().slice(0, 7);
  return [
    { name: 'fire board, duty officer', method: 'GET', path: '/api/fire/board', cookie: duty },
    {
      name: 'fire incident list page 1×20, duty officer',
      method: 'GET',
      path: '/api/fire/incidents?page=1&pageSize=20',
      cookie: duty,
      expectedTotal: list.total,
    },
    ...(list.items[0]
      ? [
          {
            name: 'fire incident detail, duty officer',
            method: 'GET' as const,
            path: `/api/fire/incidents/${list.items[0].id}`,
            cookie: duty,
          },
        ]
      : []),
    {
      name: 'fire statistics over a year, duty officer',
      method: 'GET',
      path: `/api/fire/stats?from=${year - 1}-01-01&to=${year}-12-31`,
      cookie: duty,
    },
    {
      name: 'fire channel availability this month, duty officer',
      method: 'GET',
      path: `/api/fire/availability?month=${month}`,
      cookie: duty,
    },
  ];
}
