import type { TBenchCase, TCaseContext } from './cases';
import { BENCH_DRAW_ACCOUNTS } from './generate';
import { createRandom } from './prng';

/**
 * Issue 17: supply ledgers and alert lists as a bureau officer (city scope), the nearest open shelters over the city's
 * 451 (a town officer) and over the province's ~10,000 (the provincial administrator, province scale only), a
 * movement (a one-line receipt, 1 connection), and ten connections issuing one unit each from one small lot until it
 * is empty: the later answers are 422 (结存不足), never a negative balance (the lot's CHECK and conditional update).
 *
 * The ledgers and alert lists are kept while nothing changed (server/src/kit/snapshot-cache.ts `createKeptJson`): nothing
 * writes during their cases, so after the first request each answer is a kept one (the snapshot read, the session's
 * look-up, the kept JSON text sent as it is), and a traced request's raw SQL is the snapshot read alone. What a
 * computed answer costs (after any write on the server) is the list's one statement: read it with EXPLAIN on a copy.
 */
export async function resourcesCases({ scale, townCookie, login, get }: TCaseContext): Promise<TBenchCase[]> {
  const officer = await login(BENCH_DRAW_ACCOUNTS.officer);
  const warehouses = await get<{ items: { id: number; kind: string }[] }>('/api/resources/warehouses', officer);
  const city = warehouses.items.find((w) => w.kind === 'city');
  if (!city) throw new Error('no generated city warehouse');
  const lots = await get<{ items: { id: number; itemId: number; balance: number; expiresOn: string | null }[] }>(
    `/api/resources/lots?warehouseId=${city.id}`,
    officer,
  );
  const item = lots.items[0]!.itemId;
  const small = [...lots.items]
    .filter((l) => l.expiresOn === null || l.expiresOn > new Date().toISOString().slice(0, 10))
    .sort((a, b) => a.balance - b.balance)[0]!;
  const receipt = JSON.stringify({
    warehouseId: city.id,
    source: 'purchase',
    receivedOn: new Date().toISOString().slice(0, 10),
    acceptors: ['王保管', '李验收'],
    lines: [{ itemId: item, quantity: 1, unitPriceFen: 100 }],
  });
  const issue = JSON.stringify({
    warehouseId: city.id,
    itemId: small.itemId,
    quantity: 1,
    lots: [{ lotId: small.id, quantity: 1 }],
    recipient: '基准测试',
    purpose: '最后几件并发出库',
  });
  const cases: TBenchCase[] = [
    {
      name: 'resources stock ledger page 1×20, bureau officer',
      method: 'GET',
      path: '/api/resources/stock?page=1&pageSize=20',
      cookie: officer,
    },
    {
      name: 'resources loan ledger page 1×20, bureau officer',
      method: 'GET',
      path: '/api/resources/loans?page=1&pageSize=20',
      cookie: officer,
    },
    { name: 'resources alerts, all kinds, bureau officer', method: 'GET', path: '/api/resources/alerts', cookie: officer },
    { name: 'resources alerts, town officer (石岐)', method: 'GET', path: '/api/resources/alerts', cookie: townCookie },
    { name: 'resources shelter totals, bureau officer', method: 'GET', path: '/api/shelters/totals', cookie: officer },
    {
      name: 'resources nearest 5 open shelters over 451, town officer',
      method: 'GET',
      path: '/api/shelters/nearest?longitude=113.3926&latitude=22.5176&limit=5',
      cookie: townCookie,
    },
    {
      name: 'resources movement: one-line receipt, 1 connection',
      method: 'POST',
      path: '/api/resources/receipts',
      cookie: officer,
      bodies: [receipt],
      connections: 1,
    },
    {
      name: `resources concurrent issues of the last ${small.balance} units of one lot`,
      method: 'POST',
      path: '/api/resources/issues',
      cookie: officer,
      bodies: [issue],
    },
  ];
  if (scale === 'city') {
    const towns = await get<{ code: string }[]>('/api/divisions/towns', officer);
    cases.push({
      name: 'resources nearest 5 open shelters over 10,000 (451 + 9,549 imported), town officer',
      method: 'GET',
      path: '/api/shelters/nearest?longitude=113.3926&latitude=22.5176&limit=5',
      cookie: townCookie,
      before: (baseUrl) => importShelters(baseUrl, officer, towns, 10_000 - 451),
    });
  }
  if (scale === 'province')
    cases.push({
      name: 'resources nearest 5 open shelters over the province (~10,000), provincial admin',
      method: 'GET',
      path: '/api/shelters/nearest?longitude=113.3926&latitude=22.5176&limit=5',
      cookie: await login('b44-01'),
    });
  return cases;
}

/** The name every shelter the 10,000-shelter case imports begins with (a reused database drops them: run-database.ts). */
export const BENCH_SHELTER_PREFIX = '基准避难点';

/**
 * Imports `n` more open shelters spread evenly (seeded) over the city through the census import (upload, then apply),
 * after the 451 case: the nearest query over 10,000 shelters at city scale.
 */
async function importShelters(baseUrl: string, cookie: string, towns: { code: string }[], n: number): Promise<void> {
  const random = createRandom(17_010).fork('shelters-10000');
  const header =
    '所在镇街,场所名称,场所类型,室内/室外,级别,类别,地址,经度,纬度,有效避难面积（平方米）,核定容纳人数,核定说明,管理单位,联系人,联系电话,启用状态,中心城区,已有设施,设施检查日期';
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const town = towns[i % towns.length]!.code;
    const lon = (113.2 + random.next() * 0.5).toFixed(5);
    const lat = (22.22 + random.next() * 0.53).toFixed(5);
    lines.push(
      `${town},${BENCH_SHELTER_PREFIX}${i + 1},中小学校,室内,乡镇（街道）级,短期,基准路${i + 1}号,${lon},${lat},${random.int(200, 4000)},,,基准管理单位,管理员,0760-88000000,可启用,否,,`,
    );
  }
  const body = Buffer.from(lines.join('\n'));
  const headers = { cookie, origin: baseUrl };
  const preview = await fetch(new URL('/api/shelters/import?fileName=bench-10000.csv', baseUrl), {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body,
  });
  const p = (await preview.json()) as { token: string; counts: { valid: number; invalid: number } };
  if (preview.status !== 200 || p.counts.invalid > 0 || p.counts.valid !== n)
    throw new Error(`shelter census preview: ${JSON.stringify(p)}`);
  const apply = await fetch(new URL('/api/shelters/import/apply', baseUrl), {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ token: p.token, fileName: 'bench-10000.csv', mapping: {} }),
  });
  if (apply.status !== 200) throw new Error(`shelter census import: ${apply.status} ${await apply.text()}`);
}
