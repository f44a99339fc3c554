/**
 * The shelter registry out to Excel in the census layout (避难场所普查表, the import's own columns, so the file can be
 * corrected and imported again), with the stock points at each shelter and what they hold (储备物资数量, from the
 * ledger: the lots with a balance). Filtered as the list is; the export is audited.
 */
import {
  SHELTER_CLASS_LABELS,
  SHELTER_FACILITY_LABELS,
  SHELTER_IMPORT_FIELDS,
  SHELTER_KIND_LABELS,
  SHELTER_LEVEL_LABELS,
  SHELTER_STATUS_LABELS,
  bureauDate,
  shelterCapacity,
  type TShelterFacility,
  type TShelterImportField,
  type ZShelterListQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { requirePermission } from '../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet, type TCell } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import * as repo from './shelter.repo';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'settings'>;
type TRow = Awaited<ReturnType<typeof repo.listShelters>>['rows'][number];

const MAX_ROWS = 20_000;

/** The census cells of a shelter, field by field (the inverse of readCensusRow). */
const CENSUS_CELLS: Record<TShelterImportField, (r: TRow) => TCell> = {
  town: (r) => r.divisionName,
  name: (r) => r.s.name,
  kind: (r) => SHELTER_KIND_LABELS[r.s.kind],
  indoor: (r) => (r.s.indoor ? '室内' : '室外'),
  level: (r) => SHELTER_LEVEL_LABELS[r.s.level],
  shelterClass: (r) => SHELTER_CLASS_LABELS[r.s.shelterClass],
  address: (r) => r.s.address,
  longitude: (r) => r.s.longitude,
  latitude: (r) => r.s.latitude,
  areaM2: (r) => r.s.areaM2,
  capacityOverride: (r) => r.s.capacityOverride,
  overrideReason: (r) => r.s.overrideReason,
  managingUnit: (r) => r.s.managingUnit,
  contact: (r) => r.s.contact,
  contactPhone: (r) => r.s.contactPhone,
  status: (r) => SHELTER_STATUS_LABELS[r.s.status],
  centralCity: (r) => (r.s.centralCity ? '是' : '否'),
  facilities: (r) =>
    (Object.keys(r.s.facilities) as TShelterFacility[])
      .filter((f) => r.s.facilities[f])
      .map((f) => SHELTER_FACILITY_LABELS[f])
      .join('、'),
  // the census has one date for the checklist: the latest check
  checkedOn: (r) => Object.values(r.s.facilities).filter(Boolean).sort().at(-1) ?? '',
};

export function createShelterExport({ db, clock, audit, settings }: TDeps) {
  async function census(ctx: TRequestContext, q: Omit<z.output<typeof ZShelterListQuerySchema>, 'page' | 'pageSize'>) {
    const actor = requirePermission(ctx, 'shelter.read');
    const f = repo.shelterFilter(q);
    const [{ rows }, stored, { shelterAreaPerPersonM2: per }] = await Promise.all([
      repo.listShelters(db, actor.divisionCode, f, { limit: MAX_ROWS, offset: 0 }),
      repo.storedAtShelters(db, actor.divisionCode),
      settings.get('resources'),
    ]);
    const held = new Map<number, string[]>();
    for (const s of stored) held.set(s.shelterId, [...(held.get(s.shelterId) ?? []), `${s.itemName} ${s.quantity}${s.unit}`]);
    const fields = Object.keys(SHELTER_IMPORT_FIELDS) as TShelterImportField[];
    const body = await ledgerBuffer([
      ledgerSheet<TRow>(
        '避难场所名录',
        [
          ...fields.map((field) => {
            const header = SHELTER_IMPORT_FIELDS[field].label;
            return { header, width: Math.max(10, header.length * 2), value: CENSUS_CELLS[field] };
          }),
          { header: '容纳人数', width: 10, value: (r) => shelterCapacity(r.s.areaM2, per, r.s.capacityOverride) },
          { header: '储备点数', width: 10, value: (r) => r.stockPoints },
          { header: '储备物资数量', width: 40, value: (r) => (held.get(r.s.id) ?? []).join('、') },
        ],
        rows,
      ),
    ]);
    await db.transaction((tx) =>
      audit.record(tx, ctx, { action: 'export', entity: 'shelter', entityId: 'census', after: { ...q, rows: rows.length } }),
    );
    return { body, fileName: ledgerFileName('应急避难场所名录', clock()), date: bureauDate(clock()) };
  }

  return { census };
}
