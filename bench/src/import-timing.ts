/**
 * The regulator import, end to end over HTTP: the registry exported as .xlsx (timed too), turned into a
 * 40,000-row feed (10 % renamed, new firms to make up the count, the rest unchanged), uploaded, previewed
 * and applied.
 */
export async function timeImport(
  baseUrl: string,
  cookie: string,
  _env: Record<string, string>,
): Promise<{ name: string; seconds: number; detail: string }> {
  const ExcelJS = (await import('exceljs')).default;
  const { completeCreditCode } = await import('@yingji/domain');
  const t0 = performance.now();
  const exported = await fetch(new URL('/api/enterprises/export', baseUrl), { headers: { cookie } });
  if (exported.status !== 200) throw new Error(`export answered ${exported.status}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await exported.arrayBuffer()) as never);
  const exportSeconds = (performance.now() - t0) / 1000;
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = (name: string) => header.indexOf(name);
  const [code, name, rep, status, address, industry] = [
    '统一社会信用代码',
    '企业名称',
    '法定代表人',
    '登记状态',
    '住所',
    '国民经济行业代码',
  ].map(col);
  const feed = new ExcelJS.Workbook();
  const out = feed.addWorksheet('市场主体名单');
  out.addRow(['统一社会信用代码', '企业名称', '法定代表人', '登记状态', '住所', '国民经济行业代码']);
  let rows = 0;
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.values as unknown[];
    const nm = String(v[name!] ?? '');
    out.addRow([v[code!], rows % 10 === 0 ? `${nm}（更名）` : nm, v[rep!], v[status!], v[address!], v[industry!]]);
    rows++;
  });
  const towns = ['小榄镇', '古镇镇', '坦洲镇', '三乡镇', '东凤镇', '火炬开发区'];
  for (let i = 0; rows < 40_000; i++, rows++) {
    let body = '';
    for (let v = i, k = 0; k < 6; k++, v = Math.floor(v / 31)) body = '0123456789ABCDEFGHJKLMNPQRTUWXY'[v % 31] + body;
    out.addRow([
      completeCreditCode(`91442000YY${body}`),
      `中山市新登记${i}号企业有限公司`,
      '新户',
      '存续（在营、开业、在册）',
      `广东省中山市${towns[i % towns.length]}新区路${i}号`,
      'C3311',
    ]);
  }
  const buffer = Buffer.from(await feed.xlsx.writeBuffer());
  const t1 = performance.now();
  const preview = await fetch(new URL('/api/enterprise-imports/preview?fileName=bench-feed.xlsx', baseUrl), {
    method: 'POST',
    headers: { cookie, origin: baseUrl, 'content-type': 'application/octet-stream' },
    body: buffer,
  });
  const p = (await preview.json()) as { token: string; counts: Record<string, number>; message?: string };
  if (preview.status !== 200) throw new Error(`preview answered ${preview.status}: ${p.message}`);
  const apply = await fetch(new URL('/api/enterprise-imports/apply', baseUrl), {
    method: 'POST',
    headers: { cookie, origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ token: p.token, fileName: 'bench-feed.xlsx', skipInvalid: true }),
  });
  const a = (await apply.json()) as { counts: Record<string, number>; message?: string };
  if (apply.status !== 200) throw new Error(`apply answered ${apply.status}: ${a.message}`);
  const seconds = (performance.now() - t1) / 1000;
  const c = a.counts;
  console.log(`[bench] export ${exportSeconds.toFixed(1)} s; import ${seconds.toFixed(1)} s: ${JSON.stringify(c)}`);
  return {
    name: 'regulator import, 40,000-row .xlsx: upload + preview + apply',
    seconds,
    detail: `${(buffer.length / 1e6).toFixed(1)} MB; new ${c.new}, changed ${c.changed}, unchanged ${c.unchanged}, missing ${c.missing}, invalid ${c.invalid}; the export it was built from took ${exportSeconds.toFixed(1)} s`,
  };
}
