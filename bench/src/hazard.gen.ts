import { sql } from 'drizzle-orm';
import { addDaysToDate, DEFAULT_CASE_DOCUMENTS, hazardOrderPrefix, bureauDate, daysBetween } from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import { abbreviationQualifiers } from './divisions';
import type { TGenerateContext, TModuleGenerator } from './generate';
import { insertRecordset } from './recordset';
import { categoryOf, YEARS, type TFirm, type THazardCity } from './hazard-data';
import { campaignsOf, draftHazards, enterpriseUsersOf } from './hazard-drafts';
import { hazardTimelines } from './hazard-timeline';
import { listSupervisions } from './hazard-supervision';
import { insertHazardCity } from './hazard-insert';

export { HAZARDS_PER_YEAR, INSPECTION_FOUND_SHARE, MAJOR_PER_YEAR, SELF_FOUND_SHARE } from './hazard-data';

/**
 * hazard: five years of hidden hazards at the seed's rate (§二(三)3(7): 4,335 found a quarter, about 17,000 a year per
 * city; 3,002 major ones in three years, about 1,000 a year, 1,030 of them self-reported, 34.3 %). Most come from the
 * generated inspections' findings (every one, as a town converts them; the finding points back), the
 * rest from enterprise self-checks at the seed's share, complaints and campaigns (专项行动). Old hazards are closed
 * (销号 by another officer than the submitter); recent ones are spread over the loop, some past their deadline;
 * major hazards close faster year after year (动态清零). Each hazard has its timeline (hazard_transitions) ending in
 * its state. Listed supervision: four towns (§二(三)3(7)) and some major hazards, with 约谈, 提醒函 and a resumption
 * request and review. A few enterprise users (`e<town>-01`) speak for their firms. hazard_counts is left to its triggers.
 */
export const hazardGenerator: TModuleGenerator = {
  module: 'hazard',
  async generate(ctx: TGenerateContext) {
    const random = ctx.random.fork('hazard');
    const { db } = ctx;
    const today = bureauDate(new Date(ctx.now));
    const last = addDaysToDate(today, -1); // generated events all happened before today
    const start = addDaysToDate(today, -365 * YEARS);
    const span = daysBetween(start, last);
    const thisYear = Number(today.slice(0, 4));
    const years = Array.from({ length: YEARS + 1 }, (_, i) => thisYear - YEARS + i);
    const province = ctx.spec.scope.length === 2;

    const officers = await queryRows<{ id: number; division_code: string; role: string; username: string }>(
      db,
      sql`SELECT id, division_code, role, username FROM users WHERE role IN ('bureau_officer', 'town_officer') ORDER BY id`,
    );
    const byBody = new Map<string, number[]>();
    for (const o of officers) byBody.set(o.division_code, [...(byBody.get(o.division_code) ?? []), o.id]);
    const adminOf = new Map(
      (
        await queryRows<{ id: number; division_code: string }>(
          db,
          sql`SELECT id, division_code FROM users WHERE role = 'admin' ORDER BY id`,
        )
      ).map((u) => [u.division_code, u.id]),
    );
    const userName = new Map(
      (
        await queryRows<{ id: number; display_name: string }>(
          db,
          sql`SELECT id, display_name FROM users WHERE role IN ('bureau_officer', 'town_officer')`,
        )
      ).map((u) => [u.id, u.display_name]),
    );
    const items = await queryRows<{ id: number; title: string; group_name: string; major_hazard: boolean }>(
      db,
      sql`SELECT id, title, group_name, major_hazard FROM inspection_items ORDER BY id`,
    );
    const itemCategory = new Map(items.map((i) => [i.id, categoryOf(`${i.group_name}${i.title}`, random)]));
    const majorItems = items.filter((i) => i.major_hazard);
    const itemTitle = new Map(items.map((i) => [i.id, i.title]));
    const cityName = new Map(ctx.divisions.cities.map((c) => [c.code, c.name]));
    const townName = new Map(ctx.divisions.towns.map((t) => [t.code, t.name]));

    const officerDivision = new Map(officers.map((o) => [o.id, o.division_code]));
    // 责令限期整改指令书 numbers run per issuing body (the ordering officer's town or city bureau) and year, as the server numbers them.
    const orderNos = new Map<string, number>();
    const qualifiers = abbreviationQualifiers(ctx.divisions);
    const issuerOf = (code: string) => ({
      code,
      prefix: hazardOrderPrefix(
        DEFAULT_CASE_DOCUMENTS,
        code,
        (code.length === 9 ? townName : cityName).get(code) ?? null,
        qualifiers.get(code) ?? null,
      ),
    });
    const next = async (table: string) =>
      Number((await queryRows<{ n: number }>(db, sql.raw(`SELECT coalesce(max(id), 0)::int AS n FROM ${table}`)))[0]?.n ?? 0);
    const ids = {
      hazard: await next('hazards'),
      campaign: await next('campaigns'),
      extension: await next('hazard_extensions'),
      supervision: await next('supervisions'),
      action: await next('supervision_actions'),
    };

    const counts: Record<string, number> = {
      hazards: 0,
      hazard_transitions: 0,
      hazard_extensions: 0,
      hazard_campaigns: 0,
      campaigns: 0,
      supervisions: 0,
      supervision_actions: 0,
      enterprise_users: 0,
    };
    const cities = ctx.divisions.cities.map((c) => c.code).sort();
    const scale = (province ? 20 / Math.max(1, cities.length) : 1) * (ctx.spec.volume ?? 1);

    for (const city of cities) {
      const firms = await queryRows<TFirm>(
        db,
        sql`SELECT id, division_code, supervising_level, name, address, principal_name, safety_manager_name FROM enterprises
            WHERE city_code = ${city} AND supervision_status = '在管' ORDER BY id`,
      );
      if (firms.length === 0) continue;
      const firmById = new Map(firms.map((f) => [f.id, f]));
      const bodyOf = (f: TFirm) => (f.supervising_level === 'city' ? city : f.division_code);
      const pair = (f: TFirm): [number, number] => {
        const pool = byBody.get(bodyOf(f)) ?? byBody.get(city) ?? [];
        if (pool.length < 2) throw new Error(`no two officers for ${bodyOf(f)}`);
        const a = random.int(0, pool.length - 1);
        return [pool[a]!, pool[(a + random.int(1, pool.length - 1)) % pool.length]!];
      };
      const bureauOfficer = byBody.get(city)?.[0] ?? null;

      const campaignRows = campaignsOf({ city, years, today, start, cityName }, ids);
      const activeCampaigns = (on: string) => campaignRows.filter((c) => c.startsOn <= on && on <= c.endsOn);
      const towns = ctx.divisions.towns
        .filter((t) => t.code.startsWith(city))
        .map((t) => t.code)
        .sort();
      const enterpriseUsers = await enterpriseUsersOf(ctx, random, towns, firms);
      counts.enterprise_users! += enterpriseUsers.size;
      const c: THazardCity = {
        ctx,
        random,
        city,
        today,
        last,
        start,
        span,
        thisYear,
        province,
        scale,
        ids,
        firms,
        firmById,
        pair,
        towns,
        cityName,
        townName,
        userName,
        officerDivision,
        bureauOfficer,
        enterpriseUsers,
        activeCampaigns,
        issuerOf,
        orderNos,
        items: { itemCategory, majorItems, itemTitle },
      };
      const drafts = await draftHazards(c);
      const timelines = hazardTimelines(c, drafts);
      const { supervisionRows, actionRows } = listSupervisions(c, timelines);
      await insertHazardCity(db, city, adminOf.get(city) ?? bureauOfficer, { campaignRows, ...timelines, supervisionRows, actionRows });
      counts.hazards! += timelines.hazardRows.length;
      counts.hazard_transitions! += timelines.transitionRows.length;
      counts.hazard_extensions! += timelines.extensionRows.length;
      counts.hazard_campaigns! += timelines.tagRows.length;
      counts.campaigns! += campaignRows.length;
      counts.supervisions! += supervisionRows.length;
      counts.supervision_actions! += actionRows.length;
    }
    for (const [table, id] of [
      ['hazards', ids.hazard],
      ['campaigns', ids.campaign],
      ['hazard_extensions', ids.extension],
      ['supervisions', ids.supervision],
      ['supervision_actions', ids.action],
    ] as const) {
      await db.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest(${id}, 1))`));
    }
    // The server's order-number counters (hazard_order_sequences, when the hazard module has made the table) go on from here.
    const sequences = await queryRows<{ t: string | null }>(db, sql`SELECT to_regclass('hazard_order_sequences')::text AS t`);
    if (sequences[0]?.t) {
      const rows = [...orderNos].map(([k, lastNo]) => ({ issuerCode: k.split('|')[0], year: Number(k.split('|')[1]), lastNo }));
      await insertRecordset(
        db,
        rows,
        (json) => sql`INSERT INTO hazard_order_sequences (issuer_code, year, last_no)
        SELECT v."issuerCode", v.year, v."lastNo" FROM json_to_recordset(${json}::json) AS v("issuerCode" text, year int, "lastNo" int)
        ON CONFLICT (issuer_code, year) DO UPDATE SET last_no = greatest(hazard_order_sequences.last_no, excluded.last_no)`,
      );
    }
    for (const table of ['hazards', 'hazard_transitions', 'hazard_extensions', 'hazard_campaigns', 'findings', 'supervisions'])
      await db.execute(sql.raw(`ANALYZE ${table}`));
    return counts;
  },
};
