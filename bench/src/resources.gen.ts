import { sql } from 'drizzle-orm';
import {
  FLOOD_CHECK_DEFAULTS,
  addDaysToDate,
  bureauDate,
  type TItemCategory,
  type TReserveGuidance,
  type TShelterKind,
} from '@yingji/domain';
import { queryRows, type Db } from '../../server/src/db/client';
import {
  floodCheckResults,
  floodCheckRounds,
  resourceItems,
  resourceLoanLines,
  resourceLoans,
  resourceLots,
  resourceMinimums,
  resourceMovements,
  resourceReceipts,
  resourceWarehouses,
  settings,
  shelters,
  users,
  villages,
} from '../../server/src/db/schema';
import type { TGenerateContext, TModuleGenerator } from './generate';
import type { TRandom } from './prng';
import { insertInBatches } from './recordset';

/**
 * resources (issue 17): per city a city warehouse, a warehouse in every town and pre-positioned points in 三乡, 坦洲 and
 * 神湾 (seed §二(二)2(5)); a catalogue of 三防, 救灾, 生活救助, 灭火, 通信 and 救援 items; lots received over the past year
 * (some expiring within 30 days, a few expired), issues, transfers to the points, minimums some warehouses fall below;
 * a year of loans (some overdue). Shelters: the seed's census (§三(一)) — 451 indoor shelters, 833,700 m² and 196,000
 * people, of which the central city (石岐, 东区, 西区, 南区) 313,000 m² and 75,800 people — as rows whose sums are
 * exactly those figures; each row carries the census' verified capacity as its recorded override.
 */
export const SHELTER_FIGURES = {
  shelters: 451,
  areaM2: 833_700,
  capacity: 196_000,
  central: { shelters: 170, areaM2: 313_000, capacity: 75_800 },
};
const CENTRAL_TOWNS = ['石岐街道', '东区街道', '西区街道', '南区街道'];
const PREPOSITIONED = ['三乡镇', '坦洲镇', '神湾镇'];

const CATALOGUE: {
  code: string;
  name: string;
  category: TItemCategory;
  unit: string;
  spec: string;
  requires3c?: boolean;
  maintenanceDays?: number;
  priceFen: number;
  shelfDays?: number;
}[] = [
  { code: 'FL-PUMP', name: '排涝水泵', category: 'flood', unit: '台', spec: '6 寸 柴油', maintenanceDays: 90, priceFen: 800_000 },
  { code: 'FL-SANDBAG', name: '编织袋（沙袋）', category: 'flood', unit: '条', spec: '50×80 cm', priceFen: 150, shelfDays: 1800 },
  { code: 'FL-GEN', name: '发电机组', category: 'flood', unit: '台', spec: '10 kW', maintenanceDays: 90, priceFen: 1_500_000 },
  { code: 'FL-LIFEJACKET', name: '救生衣', category: 'flood', unit: '件', spec: '成人', priceFen: 9_000, shelfDays: 1800 },
  { code: 'RB-BOAT', name: '冲锋舟', category: 'rescue', unit: '艘', spec: '4.7 m 含船外机', maintenanceDays: 60, priceFen: 6_000_000 },
  { code: 'RB-ROPE', name: '救援绳', category: 'rescue', unit: '根', spec: '50 m', priceFen: 30_000, shelfDays: 1800 },
  {
    code: 'FR-EXT',
    name: '干粉灭火器',
    category: 'fire',
    unit: '具',
    spec: 'MFZ/ABC4',
    requires3c: true,
    priceFen: 12_000,
    shelfDays: 1800,
  },
  {
    code: 'FR-BLOWER',
    name: '风力灭火机',
    category: 'fire',
    unit: '台',
    spec: '6MF-30',
    requires3c: false,
    maintenanceDays: 180,
    priceFen: 250_000,
  },
  { code: 'FR-SUIT', name: '森林防火服', category: 'fire', unit: '套', spec: '阻燃', requires3c: false, priceFen: 60_000 },
  { code: 'CM-SAT', name: '卫星电话', category: 'communication', unit: '部', spec: '天通一号', maintenanceDays: 90, priceFen: 500_000 },
  { code: 'CM-RADIO', name: '对讲机', category: 'communication', unit: '部', spec: '数字', maintenanceDays: 180, priceFen: 120_000 },
  { code: 'RL-TENT', name: '救灾帐篷', category: 'relief', unit: '顶', spec: '12 m² 单帐篷', priceFen: 150_000 },
  { code: 'RL-BED', name: '折叠床', category: 'relief', unit: '张', spec: '单人', priceFen: 20_000 },
  { code: 'LV-QUILT', name: '棉被', category: 'living', unit: '床', spec: '2 kg', priceFen: 15_000, shelfDays: 1800 },
  { code: 'LV-WATER', name: '瓶装饮用水', category: 'living', unit: '箱', spec: '550 ml×24', priceFen: 3_000, shelfDays: 360 },
  { code: 'LV-FOOD', name: '方便食品', category: 'living', unit: '箱', spec: '自热米饭 12 盒', priceFen: 18_000, shelfDays: 270 },
];

const SHELTER_KINDS: [TShelterKind, string, number][] = [
  ['school', '中学', 0.5],
  ['technical_school', '技工学校', 0.06],
  ['stadium', '体育馆', 0.12],
  ['cultural_venue', '文化馆', 0.1],
  ['cultural_centre', '文化服务中心', 0.14],
  ['welfare', '福利院', 0.05],
  ['civil_defence', '人防工程', 0.03],
];

/** Splits `total` into `n` whole parts proportional to random weights in [lo, hi]; the parts sum to `total` exactly. */
function split(random: TRandom, total: number, n: number, lo = 0.3, hi = 1.7): number[] {
  const w = Array.from({ length: n }, () => lo + random.next() * (hi - lo));
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((x * total) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % n, rest--) parts[i]!++;
  return parts;
}

/** Splits capacity in proportion to the areas (≈ the same space per person), exact total. */
function splitLike(areas: number[], total: number): number[] {
  const sum = areas.reduce((a, b) => a + b, 0);
  const parts = areas.map((a) => Math.floor((a * total) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i]!++;
  return parts;
}

function around(random: TRandom, lon: number, lat: number, spread = 0.03): [number, number] {
  return [Math.round((lon + (random.next() - 0.5) * spread) * 1e6) / 1e6, Math.round((lat + (random.next() - 0.5) * spread) * 1e6) / 1e6];
}

export const resourcesGenerator: TModuleGenerator = {
  module: 'resources',
  async generate(ctx: TGenerateContext) {
    const { db } = ctx;
    const random = ctx.random.fork('resources');
    const today = bureauDate(new Date(ctx.now));
    const at = ctx.now;
    const counts = {
      resource_warehouses: 0,
      resource_lots: 0,
      resource_movements: 0,
      resource_loans: 0,
      shelters: 0,
      flood_check_results: 0,
    };
    const items = await db
      .insert(resourceItems)
      .values(
        CATALOGUE.map((c) => ({
          code: c.code,
          name: c.name,
          category: c.category,
          unit: c.unit,
          spec: c.spec,
          requires3c: c.requires3c ?? false,
          maintenanceDays: c.maintenanceDays ?? null,
          unitPriceFen: c.priceFen,
        })),
      )
      .returning();
    const [staff] = await queryRows<{ id: number }>(db, sql`SELECT id FROM ${users} WHERE role = 'bureau_officer' ORDER BY id LIMIT 1`);
    const byId = staff?.id ?? null;

    for (const city of ctx.divisions.cities) {
      const towns = ctx.divisions.towns.filter((t) => t.code.startsWith(city.code));
      if (towns.length === 0) continue;
      const centre: [number, number] = [113.39, 22.52];
      const townCentre = new Map(
        towns.map((t, i) => [t.code, around(random, centre[0] + Math.cos(i) * 0.15, centre[1] + Math.sin(i) * 0.15, 0.02)]),
      );

      // warehouses: the city's, one per town, and the pre-positioned points
      const wRows: (typeof resourceWarehouses.$inferInsert)[] = [
        {
          name: `${city.name}应急物资储备仓库`,
          kind: 'city',
          divisionCode: city.code,
          address: `${city.name}石岐街道`,
          keeper: '王保管',
          keeperPhone: '0760-88880001',
          longitude: centre[0],
          latitude: centre[1],
          createdAt: at,
          updatedAt: at,
        },
        ...towns.map((t) => {
          const [lon, lat] = townCentre.get(t.code)!;
          return {
            name: `${t.name}应急物资仓库`,
            kind: 'town' as const,
            divisionCode: t.code,
            address: `${t.name}政府大院`,
            keeper: `${t.name.slice(0, 2)}保管员`,
            keeperPhone: '0760-88880002',
            longitude: lon,
            latitude: lat,
            createdAt: at,
            updatedAt: at,
          };
        }),
        ...towns
          .filter((t) => PREPOSITIONED.includes(t.name))
          .map((t) => {
            const [lon, lat] = around(random, ...townCentre.get(t.code)!);
            return {
              name: `${t.name}三防物资前置点`,
              kind: 'prepositioned' as const,
              divisionCode: t.code,
              address: `${t.name}水闸管理所`,
              keeper: `${t.name.slice(0, 2)}前置点保管员`,
              keeperPhone: '0760-88880003',
              longitude: lon,
              latitude: lat,
              createdAt: at,
              updatedAt: at,
            };
          }),
      ];
      const warehouses = await db.insert(resourceWarehouses).values(wRows).returning();
      counts.resource_warehouses += warehouses.length;

      // lots received over the past year, then issues: balance = receipt − issues, one movement each
      const lotRows: (typeof resourceLots.$inferInsert)[] = [];
      const plan: { issued: number; receivedOn: string }[] = [];
      const minimums: (typeof resourceMinimums.$inferInsert)[] = [];
      for (const w of warehouses) {
        const receipt = await db
          .insert(resourceReceipts)
          .values({
            warehouseId: w.id,
            source: 'allocation',
            receivedOn: addDaysToDate(today, -random.int(30, 360)),
            acceptors: [w.keeper, '市局验收员'],
            note: '年度储备',
            createdBy: byId,
            createdAt: at,
          })
          .returning({ id: resourceReceipts.id, receivedOn: resourceReceipts.receivedOn });
        const scale = w.kind === 'city' ? 5 : w.kind === 'town' ? 1 : 2;
        for (const [i, item] of items.entries()) {
          const c = CATALOGUE[i]!;
          const base = Math.max(
            1,
            Math.round((c.priceFen > 1_000_000 ? 2 : c.priceFen > 100_000 ? 10 : c.priceFen > 10_000 ? 60 : 400) * scale),
          );
          minimums.push({ warehouseId: w.id, itemId: item.id, quantity: Math.round(base * 0.6) || 1 });
          for (let n = 0; n < 2; n++) {
            const receivedOn = addDaysToDate(today, -random.int(20, 360));
            const received = Math.max(1, Math.round(base * (0.4 + random.next() * 0.5)));
            // 1 in 10 of the shelf-life lots expire within 30 days, 1 in 25 have expired
            const r = random.next();
            const expiresOn = c.shelfDays
              ? r < 0.04
                ? addDaysToDate(today, -random.int(1, 60))
                : r < 0.14
                  ? addDaysToDate(today, random.int(0, 29))
                  : addDaysToDate(receivedOn, c.shelfDays)
              : null;
            const issued = random.chance(0.4) ? random.int(0, Math.floor(received * 0.7)) : 0;
            lotRows.push({
              warehouseId: w.id,
              itemId: item.id,
              divisionCode: w.divisionCode,
              receiptId: receipt[0]!.id,
              source: 'allocation',
              received,
              balance: received - issued,
              spec: c.spec,
              producedOn: expiresOn ? addDaysToDate(receivedOn, -30) : null,
              expiresOn,
              certificate3c: c.requires3c ? `2020${String(random.int(10_000_000_000, 99_999_999_999))}` : null,
              supplier: random.pick(['广东某应急装备有限公司', '中山某消防器材有限公司', '省级救灾物资储备库调拨']),
              unitPriceFen: c.priceFen,
              receivedOn,
              lastMaintainedOn:
                c.maintenanceDays && random.chance(0.7) ? addDaysToDate(today, -random.int(0, c.maintenanceDays + 30)) : null,
            });
            plan.push({ issued, receivedOn });
          }
        }
      }
      // In slices: a province's city has up to ~150 towns, too many lots for one statement's parameters.
      const lots: (typeof resourceLots.$inferSelect)[] = [];
      await insertInBatches(lotRows, ctx.batchSize, async (batch) =>
        lots.push(...(await db.insert(resourceLots).values(batch).returning())),
      );
      await insertInBatches(minimums, ctx.batchSize, (batch) => db.insert(resourceMinimums).values(batch));
      // The reserve guidance for every level (an example, not the province's document): warehouses without their own
      // minimum follow it, so the ledgers and alerts read both kinds of minimum.
      const guidance: TReserveGuidance = (['city', 'town', 'prepositioned'] as const).flatMap((kind, k) =>
        ['FL-PUMP', 'FL-SANDBAG', 'FL-LIFEJACKET', 'RB-ROPE'].map((itemCode, i) => ({
          kind,
          itemCode,
          quantity: (3 - k) * (i === 1 ? 500 : 10),
          source: '储备指导标准示例（基准测试数据，非真实文件）',
        })),
      );
      await db
        .insert(settings)
        .values({ key: 'reserveGuidance', value: guidance, updatedAt: new Date().toISOString() })
        .onConflictDoNothing();
      const moves: (typeof resourceMovements.$inferInsert)[] = [];
      lots.forEach((l, i) => {
        const p = plan[i]!;
        const base = { lotId: l.id, warehouseId: l.warehouseId, itemId: l.itemId, divisionCode: l.divisionCode, byUser: byId };
        moves.push({ ...base, kind: 'receipt', quantity: l.received, counterparty: l.supplier, at: `${p.receivedOn}T02:00:00.000Z` });
        if (p.issued > 0)
          moves.push({
            ...base,
            kind: 'issue',
            quantity: -p.issued,
            counterparty: '镇街三防办',
            note: '防汛抢险',
            at: `${addDaysToDate(p.receivedOn, random.int(1, 15))}T03:00:00.000Z`,
          });
      });
      await insertInBatches(moves, 1000, (batch) => db.insert(resourceMovements).values(batch));
      counts.resource_lots += lots.length;
      counts.resource_movements += moves.length;

      // a year of loans from the city warehouse to towns: most closed, a few lent and overdue, a few waiting
      const cityWarehouse = warehouses[0]!;
      const lendable = items.filter((it) => ['FL-PUMP', 'FL-GEN', 'RB-BOAT', 'CM-SAT', 'RL-TENT', 'FR-BLOWER'].includes(it.code));
      const loanRows: (typeof resourceLoans.$inferInsert)[] = [];
      const lineRows: { item: (typeof items)[number]; quantity: number; state: string }[] = [];
      const lendIds = new Set(lendable.map((it) => it.id));
      const lendLots = lots.filter(
        (l) =>
          l.warehouseId === cityWarehouse.id && lendIds.has(l.itemId) && l.balance >= 3 && (l.expiresOn === null || l.expiresOn > today),
      );
      const left = new Map(lendLots.map((l) => [l.id, l.balance]));
      const lentFrom = new Map<number, (typeof lots)[number]>();
      for (let n = 0; n < 60; n++) {
        const town = random.pick(towns);
        const requestedOn = addDaysToDate(today, -random.int(3, 360));
        let item = random.pick(lendable);
        const quantity = random.int(1, 3);
        // an open loan is lent from a lot of the city warehouse that holds enough (its loan-out movement below)
        const pool = n < 5 ? lendLots.filter((l) => (left.get(l.id) ?? 0) >= quantity) : [];
        const lot = pool.length > 0 ? random.pick(pool) : undefined;
        if (lot) {
          item = items.find((it) => it.id === lot.itemId)!;
          left.set(lot.id, left.get(lot.id)! - quantity);
          lentFrom.set(n, lot);
        }
        const expectedReturnOn = addDaysToDate(requestedOn, random.int(7, 30));
        const state = n < 5 ? 'issued' : n < 8 ? 'requested' : n < 10 ? 'approved' : 'closed';
        // the issued ones are overdue: their expected return is before today
        const due = state === 'issued' ? addDaysToDate(today, -random.int(1, 20)) : expectedReturnOn;
        loanRows.push({
          warehouseId: cityWarehouse.id,
          divisionCode: cityWarehouse.divisionCode,
          borrowerDivisionCode: town.code,
          borrowerUnit: `${town.name}应急管理办公室`,
          contact: `${town.name.slice(0, 2)}联系人`,
          contactPhone: '13800000000',
          purpose: random.pick(['低洼地段排涝', '汛期值守备用电源', '台风转移安置', '森林防火巡护', '应急演练']),
          expectedReturnOn: state === 'requested' || state === 'approved' ? addDaysToDate(today, 14) : due,
          state: state as 'issued',
          applicantId: byId!,
          needsSecondApproval: item.unitPriceFen * quantity > 5_000_000,
          firstApproverId: state === 'requested' ? null : byId,
          valueFen: item.unitPriceFen * quantity,
          issuedOn: state === 'issued' || state === 'closed' ? requestedOn : null,
          closedOn: state === 'closed' ? expectedReturnOn : null,
          steps: [{ action: '提出申请', byId, byName: '演示数据', at: `${requestedOn}T02:00:00.000Z`, note: '' }],
          requestedAt: `${requestedOn}T02:00:00.000Z`,
        });
        lineRows.push({ item, quantity, state });
      }
      if (byId !== null) {
        const loans = await db.insert(resourceLoans).values(loanRows).returning({ id: resourceLoans.id });
        await db.insert(resourceLoanLines).values(
          loans.map((l, i) => {
            const line = lineRows[i]!;
            return {
              loanId: l.id,
              itemId: line.item.id,
              quantity: line.quantity,
              returnedGood: line.state === 'closed' ? line.quantity : 0,
            };
          }),
        );
        counts.resource_loans += loans.length;
        // the open loans' loan-out movements, so balances agree with movements
        const outs = [...lentFrom].map(([n, lot]) => ({
          lotId: lot.id,
          warehouseId: lot.warehouseId,
          itemId: lot.itemId,
          divisionCode: lot.divisionCode,
          kind: 'loan_out' as const,
          quantity: -lineRows[n]!.quantity,
          counterparty: loanRows[n]!.borrowerUnit,
          loanId: loans[n]!.id,
          byUser: byId,
          at: `${loanRows[n]!.issuedOn}T03:00:00.000Z`,
        }));
        if (outs.length > 0) await db.insert(resourceMovements).values(outs);
        for (const o of outs) await db.execute(sql`UPDATE ${resourceLots} SET balance = balance + ${o.quantity} WHERE id = ${o.lotId}`);
        counts.resource_movements += outs.length;
      }

      // the shelter census: 451 rows, central city first, sums exactly the seed's figures
      const central = towns.filter((t) => CENTRAL_TOWNS.includes(t.name));
      const centralTowns = central.length > 0 ? central : towns.slice(0, 4);
      const others = towns.filter((t) => !centralTowns.includes(t));
      // Other cities of a province get 500 shelters each (the province's ~10,000 for the nearest-shelter benchmark).
      const f =
        city.code === '4420'
          ? SHELTER_FIGURES
          : { shelters: 500, areaM2: 900_000, capacity: 210_000, central: { shelters: 150, areaM2: 300_000, capacity: 70_000 } };
      const groups = [
        { towns: centralTowns, n: f.central.shelters, area: f.central.areaM2, capacity: f.central.capacity, centralCity: true },
        {
          towns: others,
          n: f.shelters - f.central.shelters,
          area: f.areaM2 - f.central.areaM2,
          capacity: f.capacity - f.central.capacity,
          centralCity: false,
        },
      ];
      const shelterRows: (typeof shelters.$inferInsert)[] = [];
      for (const g of groups) {
        const areas = split(random, g.area, g.n);
        const capacities = splitLike(areas, g.capacity);
        areas.forEach((area, i) => {
          const town = g.towns[i % g.towns.length]!;
          const [kind, word] = (() => {
            let x = random.next();
            for (const k of SHELTER_KINDS) if ((x -= k[2]) < 0) return k;
            return SHELTER_KINDS[0]!;
          })();
          const [lon, lat] = around(random, ...townCentre.get(town.code)!, 0.04);
          const complete = random.chance(0.9);
          const checked = addDaysToDate(today, -random.int(10, 300));
          shelterRows.push({
            name: `${town.name.replace(/(街道|镇)$/, '')}第${i + 1}${word}避难场所`,
            kind,
            indoor: true,
            level: random.chance(0.2) ? 'city' : 'town',
            shelterClass: random.chance(0.3) ? 'medium_term' : 'short_term',
            divisionCode: town.code,
            address: `${town.name}${random.int(1, 200)}号`,
            longitude: lon,
            latitude: lat,
            areaM2: area,
            capacityOverride: capacities[i]!,
            overrideReason: '2025年3月重新核查的容纳人数',
            managingUnit: `${town.name}${word}`,
            contact: '场所管理员',
            contactPhone: '0760-88000000',
            status: random.chance(0.97) ? 'open' : 'renovating',
            centralCity: g.centralCity,
            facilities: complete
              ? {
                  evacuation_signs: checked,
                  exit_lights: checked,
                  emergency_lights: checked,
                  accessible_rails: checked,
                  fire_equipment: checked,
                }
              : { evacuation_signs: checked, exit_lights: checked },
            supplies: random.chance(0.5) ? '折叠床、棉被、饮用水' : '',
            createdAt: at,
            updatedAt: at,
          });
        });
      }
      await insertInBatches(shelterRows, 500, (batch) => db.insert(shelters).values(batch));
      counts.shelters += shelterRows.length;
      // supplies stored at shelters (issue 17 item 6): each pre-positioned point stands at its town's largest open
      // shelter (address and place taken from it), so those shelters show the point's ledger stock
      await db.execute(sql`UPDATE resource_warehouses w SET shelter_id = s.id, address = s.address, longitude = s.longitude, latitude = s.latitude
        FROM (SELECT DISTINCT ON (division_code) id, division_code, address, longitude, latitude FROM shelters
               WHERE division_code LIKE ${`${city.code}%`} AND status = 'open' ORDER BY division_code, area_m2 DESC, id) s
        WHERE w.kind = 'prepositioned' AND w.division_code = s.division_code`);
      if (byId !== null) counts.flood_check_results += await floodCheckRound(db, random, { city, towns, today, at, byId });
    }
    ctx.fingerprint.update(JSON.stringify(counts));
    return counts;
  },
};

/**
 * One round of the pre-season checks (seed §三(一): 2025年2月至3月, the bureau with 8 departments over the 23 towns):
 * the last round that has ended, every town's 九必检 and the villages' 十个有 recorded, a few items missing (most of them
 * put right since), two towns still in progress.
 */
async function floodCheckRound(
  db: Db,
  random: TRandom,
  o: { city: { code: string }; towns: { code: string; name: string }[]; today: string; at: string; byId: number },
): Promise<number> {
  const year = Number(o.today.slice(0, 4));
  const season = o.today >= `${year}-04-01` ? year : year - 1;
  const startsOn = `${season}-02-15`;
  const endsOn = `${season}-03-31`;
  const [round] = await db
    .insert(floodCheckRounds)
    .values({
      name: `${season}年汛前检查`,
      season,
      startsOn,
      endsOn,
      ...FLOOD_CHECK_DEFAULTS,
      createdBy: o.byId,
      createdAt: `${startsOn}T01:00:00.000Z`,
    })
    .returning({ id: floodCheckRounds.id });
  const vils = await db
    .select({ code: villages.code, townCode: villages.townCode })
    .from(villages)
    .where(sql`${villages.townCode} LIKE ${`${o.city.code}%`}`);
  const rows: (typeof floodCheckResults.$inferInsert)[] = [];
  const notes: Record<string, string> = {
    T2: '预案未按新机构修订',
    T6: '山塘隐患未销号',
    T9: '本年度未开展演练',
    V5: '物资储备不足',
    V8: '转移路线图未上墙',
    V9: '明白人未落实',
  };
  const record = (divisionCode: string, villageCode: string, items: { code: string }[], upTo: number) => {
    for (const item of items.slice(0, upTo)) {
      const checkedOn = addDaysToDate(startsOn, random.int(0, 40));
      const present = !(item.code in notes) || random.chance(0.85);
      const fixed = !present && random.chance(0.7);
      rows.push({
        roundId: round!.id,
        divisionCode,
        villageCode,
        itemCode: item.code,
        present,
        note: present ? '' : notes[item.code]!,
        department: random.pick(FLOOD_CHECK_DEFAULTS.departments),
        checkedOn,
        checkedBy: o.byId,
        fixedOn: fixed ? [addDaysToDate(checkedOn, random.int(3, 20)), o.today].sort()[0]! : null,
        fixNote: fixed ? '已整改到位' : '',
        updatedAt: o.at,
      });
    }
  };
  o.towns.forEach((t, i) => record(t.code, '', FLOOD_CHECK_DEFAULTS.townItems, i < 2 ? 6 : 9));
  for (const v of vils) record(v.townCode, v.code, FLOOD_CHECK_DEFAULTS.villageItems, random.chance(0.95) ? 10 : 4);
  await insertInBatches(rows, 1000, (batch) => db.insert(floodCheckResults).values(batch));
  return rows.length;
}

/** What the demo prints: the shelter figures as the totals page sums them from the rows. */
export async function resourcesDemoLines(db: Db): Promise<string[]> {
  const [all] = await queryRows<{ n: number; area: number; cap: number }>(
    db,
    sql`SELECT count(*)::int AS n, sum(area_m2)::float8 AS area, sum(capacity_override)::int AS cap FROM shelters WHERE division_code LIKE '4420%'`,
  );
  const [central] = await queryRows<{ n: number; area: number; cap: number }>(
    db,
    sql`SELECT count(*)::int AS n, sum(area_m2)::float8 AS area, sum(capacity_override)::int AS cap FROM shelters WHERE division_code LIKE '4420%' AND central_city`,
  );
  if (!all || all.n === 0) return [];
  return [
    `[demo] 应急避难场所（/shelters）：${all.n} 个，容纳面积 ${all.area} 平方米，容纳 ${all.cap} 人；中心城区 ${central?.area} 平方米、${central?.cap} 人`,
  ];
}
