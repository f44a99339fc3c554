/**
 * The camera registry as an Excel ledger: exported with every site and channel, imported back with its
 * columns named in Chinese; a row that fails is named and nothing is written.
 */
import { AppError, CHANNEL_KINDS, ZFireChannelInputSchema, ZFireSiteInputSchema, type TFireChannel, type TFireSite } from '@yingji/domain';
import type { z } from 'zod';
import { requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { townsInScope } from '../../shared/divisions';
import { readSheet } from '../../shared/sheet-reader';
import type { TFireIngest } from './fire-ingest';
import * as repo from './fire.repo';

const COLUMNS = [
  '监控点编号',
  '监控点名称',
  '镇街',
  '经度',
  '纬度',
  '架设高度（米）',
  '通道编号',
  '通道名称',
  '通道类型',
  '朝向（度）',
  '视场角（度）',
  '探测距离（米）',
];
const KIND_BY_LABEL = new Map<string, string>(Object.entries(CHANNEL_KINDS).map(([k, v]) => [v, k]));

export function createFireRegistrySheet({
  db,
  clock,
  audit,
  ingest,
  sites,
}: Pick<TCore, 'db' | 'clock' | 'audit'> & {
  ingest: TFireIngest;
  /** The registry's sites with their channels, in the reader's scope (the export's rows). */
  sites: (ctx: TRequestContext) => Promise<{ items: TFireSite[] }>;
}) {
  async function exportRegistry(ctx: TRequestContext) {
    const { items } = await sites(ctx);
    type TRow = { s: TFireSite; c: TFireChannel | null };
    const rows: TRow[] = items.flatMap((s): TRow[] => (s.channels.length ? s.channels.map((c) => ({ s, c })) : [{ s, c: null }]));
    const body = await ledgerBuffer([
      ledgerSheet<TRow>(
        '监控点与通道',
        COLUMNS.map((header, i) => ({
          header,
          width: i < 3 || i === 7 ? 16 : 12,
          value: ({ s, c }: TRow) =>
            [
              s.code,
              s.name,
              s.townName,
              s.longitude,
              s.latitude,
              s.heightM,
              c?.code,
              c?.name,
              c ? CHANNEL_KINDS[c.kind] : null,
              c?.headingDeg,
              c?.fovDeg,
              c?.rangeM,
            ][i],
        })),
        rows,
      ),
    ]);
    const now = clock();
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'fire_site', after: { rows: rows.length } }));
    return { body, fileName: ledgerFileName('森林防火监控点', now), date: now.toISOString().slice(0, 10) };
  }

  /** One sheet, a row per channel with its site's columns; by code, new rows are added and known ones updated. */
  async function importRegistry(ctx: TRequestContext, input: { buffer: Buffer; fileName: string }) {
    const actor = requirePermission(ctx, 'fire.manage');
    const towns = new Map((await townsInScope(db, actor.divisionCode)).map((t) => [t.name, t.code]));
    const problems: { row: number; sheet: string; message: string }[] = [];
    const siteRows = new Map<string, z.infer<typeof ZFireSiteInputSchema>>();
    const channelRows: { site: string; input: z.infer<typeof ZFireChannelInputSchema> }[] = [];
    let header = true;
    for await (const { rowNumber, cells } of readSheet(input, input.fileName)) {
      const v = cells.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
      if (header) {
        header = false;
        const missing = COLUMNS.filter((c, i) => v[i] !== c);
        if (missing.length) throw new AppError('invalid', `第 1 行的列应为：${COLUMNS.join('、')}。请使用导出的表格`, { field: 'file' });
        continue;
      }
      if (v.every((x) => x === '')) continue;
      const num = (x: string | undefined) => (x === undefined || x === '' ? undefined : Number(x));
      const town = towns.get(v[2] ?? '');
      if (!town) {
        problems.push({ row: rowNumber, sheet: '监控点与通道', message: `镇街“${v[2]}”不在您的管辖范围内` });
        continue;
      }
      const s = ZFireSiteInputSchema.safeParse({
        code: v[0],
        name: v[1],
        divisionCode: town,
        longitude: num(v[3]),
        latitude: num(v[4]),
        heightM: num(v[5]),
      });
      if (!s.success) {
        problems.push({ row: rowNumber, sheet: '监控点与通道', message: s.error.issues[0]!.message });
        continue;
      }
      siteRows.set(s.data.code, s.data);
      if (!v[6]) continue;
      const c = ZFireChannelInputSchema.safeParse({
        code: v[6],
        name: v[7],
        kind: KIND_BY_LABEL.get(v[8] ?? '') ?? v[8],
        headingDeg: num(v[9]),
        fovDeg: num(v[10]),
        rangeM: num(v[11]),
      });
      if (!c.success) problems.push({ row: rowNumber, sheet: '监控点与通道', message: c.error.issues[0]!.message });
      else channelRows.push({ site: s.data.code, input: c.data });
    }
    if (problems.length) return { sites: 0, channels: 0, problems };
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      const ids = new Map<string, number>();
      for (const s of siteRows.values()) {
        const known = await repo.siteByCode(tx, s.code);
        if (known) {
          await repo.updateSite(tx, known.id, { ...s, updatedAt: now });
          ids.set(s.code, known.id);
        } else ids.set(s.code, (await repo.insertSite(tx, { ...s, createdAt: now, updatedAt: now })).id);
      }
      for (const { site: code, input: c } of channelRows) {
        const siteId = ids.get(code)!;
        const known = await repo.channelByCode(tx, c.code);
        const divisionCode = siteRows.get(code)!.divisionCode;
        if (known) await repo.updateChannel(tx, known.id, { ...c, siteId, divisionCode, updatedAt: now });
        else await repo.insertChannel(tx, { ...c, siteId, divisionCode, createdAt: now, updatedAt: now });
      }
      await audit.record(tx, ctx, {
        action: 'import',
        entity: 'fire_site',
        after: { fileName: input.fileName, sites: siteRows.size, channels: channelRows.length },
      });
    });
    ingest.invalidate();
    return { sites: siteRows.size, channels: channelRows.length, problems };
  }

  return { exportRegistry, importRegistry };
}
