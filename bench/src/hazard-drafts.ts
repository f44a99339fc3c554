import { sql } from 'drizzle-orm';
import { addDaysToDate, type THazardSource } from '@yingji/domain';
import { queryRows } from '../../server/src/db/client';
import type { TGenerateContext } from './generate';
import type { TRandom } from './prng';
import {
  CAMPAIGN_SHARE_GENERAL,
  CAMPAIGNS,
  COMPLAINT_SHARE,
  ENTERPRISE_USERS_PER_CITY,
  GENERAL_CATEGORIES,
  HAZARDS_PER_YEAR,
  MAJOR_PER_YEAR,
  personName,
  PHRASES,
  PLACES,
  SELF_FOUND_SHARE,
  YEARS,
  type TCampaignRow,
  type TDraft,
  type TFirm,
  type THazardCity,
  type THazardIds,
} from './hazard-data';

/** Campaigns of the city's bureau, a handful a year. */
export function campaignsOf(
  c0: { city: string; years: number[]; today: string; start: string; cityName: Map<string, string> },
  ids: THazardIds,
): TCampaignRow[] {
  const { city, years, today, start, cityName } = c0;
  const campaignRows: TCampaignRow[] = [];
  for (const y of years) {
    for (const c of CAMPAIGNS) {
      if (c.every && y % c.every !== 0) continue;
      const startsOn = `${y}-${c.from}`;
      if (startsOn > today || startsOn < addDaysToDate(start, -60)) continue;
      const endsOn = c.nextYear ? `${y + 1}-${c.to}` : `${y}-${c.to}`;
      campaignRows.push({
        id: ++ids.campaign,
        name: `${y}年${c.name}`,
        startsOn,
        endsOn,
        category: c.category,
        note: `${cityName.get(city) ?? ''}安委办部署（生成数据）`,
      });
    }
  }
  return campaignRows;
}

/** Enterprise users: a town-supervised firm in each of the city's first towns (`e<town>-01`). */
export async function enterpriseUsersOf(
  ctx: TGenerateContext,
  random: TRandom,
  towns: string[],
  firms: TFirm[],
): Promise<Map<number, { username: string; userId: number }>> {
  const { db } = ctx;
  const enterpriseUsers = new Map<number, { username: string; userId: number }>();
  const userRows: { username: string; displayName: string; divisionCode: string; enterpriseId: number; phone: string }[] = [];
  for (const town of towns.slice(0, ENTERPRISE_USERS_PER_CITY)) {
    const candidates = firms.filter((f) => f.division_code === town && f.supervising_level === 'town');
    if (candidates.length === 0) continue;
    const firm = random.pick(candidates);
    userRows.push({
      username: `e${town}-01`,
      displayName: firm.safety_manager_name ?? firm.principal_name ?? personName(random),
      divisionCode: town,
      enterpriseId: firm.id,
      phone: `13${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
    });
  }
  if (userRows.length > 0) {
    const inserted = await queryRows<{ id: number; username: string; enterprise_id: number }>(
      db,
      sql`INSERT INTO users (username, display_name, role, division_code, enterprise_id, phone, password_hash, password_changed_at, must_change_password, created_at, updated_at)
          SELECT v.username, v."displayName", 'enterprise_user', v."divisionCode", v."enterpriseId", v.phone, ${ctx.passwordHash}, ${ctx.now}::timestamptz, false, ${ctx.now}::timestamptz, ${ctx.now}::timestamptz
          FROM json_to_recordset(${JSON.stringify(userRows)}::json) AS v(username text, "displayName" text, "divisionCode" text, "enterpriseId" int, phone text)
          RETURNING id, username, enterprise_id`,
    );
    for (const u of inserted) {
      enterpriseUsers.set(Number(u.enterprise_id), { username: u.username, userId: Number(u.id) });
      ctx.made.usernames.push(u.username);
    }
    for (const u of userRows) ctx.fingerprint.update(`euser|${u.username}|${u.enterpriseId}\n`);
  }
  return enterpriseUsers;
}

/**
 * The city's hazards before their timelines: one from each finding of the generated inspections (a town converts
 * every one), then self-checks, complaints and campaign sweeps at the seed's shares, in the order they were found.
 */
export async function draftHazards(c: THazardCity): Promise<TDraft[]> {
  const { ctx, random, city, today, scale, firms, firmById, pair, userName, start, span, last, enterpriseUsers, activeCampaigns } = c;
  const { db } = ctx;
  const { itemCategory, majorItems, itemTitle } = c.items;
  // Hazards made from the generated inspections' findings: every major one, enough general ones for the rate.
  const found = await queryRows<{
    id: number;
    inspection_id: number;
    enterprise_id: number;
    item_id: number | null;
    description: string;
    major_hazard: boolean;
    found_on: string;
    a: number;
    b: number;
  }>(
    db,
    sql`SELECT f.id, f.inspection_id, f.enterprise_id, f.item_id, f.description, f.major_hazard, f.found_on::text AS found_on,
          (SELECT min(user_id) FROM inspection_inspectors ii WHERE ii.inspection_id = f.inspection_id) AS a,
          (SELECT max(user_id) FROM inspection_inspectors ii WHERE ii.inspection_id = f.inspection_id) AS b
        FROM findings f WHERE f.city_code = ${city} AND f.found_on < ${today} ORDER BY f.id`,
  );
  const total = Math.round(HAZARDS_PER_YEAR * YEARS * scale);
  const majorTotal = Math.round(MAJOR_PER_YEAR * YEARS * scale);
  const general = total - majorTotal;
  const majorFindings = found.filter((f) => f.major_hazard).length;
  const plan = {
    major: {
      self_check: Math.round(majorTotal * SELF_FOUND_SHARE),
      complaint: Math.round(majorTotal * COMPLAINT_SHARE),
      campaign: 0,
    },
    general: {
      self_check: Math.round(general * SELF_FOUND_SHARE),
      complaint: Math.round(general * COMPLAINT_SHARE),
      campaign: Math.round(general * CAMPAIGN_SHARE_GENERAL),
    },
  };
  plan.major.campaign = Math.max(0, majorTotal - plan.major.self_check - plan.major.complaint - majorFindings);

  const drafts: TDraft[] = [];
  let key = 0;
  for (const f of found) {
    // A town turns every finding into a hazard (整改); none waits unconverted in the demo.
    const firm = firmById.get(Number(f.enterprise_id));
    if (!firm) continue;
    const itemId = f.item_id === null ? null : Number(f.item_id);
    const a = Number(f.a);
    const [p0, p1] = pair(firm);
    const b = Number(f.b) !== a ? Number(f.b) : p0 !== a ? p0 : p1;
    drafts.push({
      key: key++,
      firm,
      source: 'inspection',
      category: itemId === null ? random.pick(GENERAL_CATEGORIES) : itemCategory.get(itemId)!,
      level: f.major_hazard ? 'major' : 'general',
      criterionItemId: f.major_hazard ? itemId : null,
      description: f.description,
      location: `${firm.address ?? firm.name}${random.pick(PLACES)}`,
      foundOn: f.found_on,
      foundBy: userName.get(a) ?? '执法人员',
      officers: [a, b],
      inspectionId: Number(f.inspection_id),
      findingId: Number(f.id),
      campaignIds: [],
    });
  }
  // Self-checks, complaints and campaign sweeps, each at its share; the enterprise users' firms get a few of their own.
  const add = (source: THazardSource, level: 'general' | 'major', firm: TFirm, foundOn: string) => {
    let category = random.pick(GENERAL_CATEGORIES);
    let criterionItemId: number | null = null;
    const campaignIds: number[] = [];
    if (source === 'campaign') {
      const active = activeCampaigns(foundOn);
      const themed = active.filter((c) => c.category !== null);
      const campaign = themed.length > 0 && random.chance(0.6) ? random.pick(themed) : active.length > 0 ? random.pick(active) : null;
      if (campaign) {
        campaignIds.push(campaign.id);
        if (campaign.category) category = campaign.category;
      }
    }
    if (level === 'major' && majorItems.length > 0) {
      const item = random.pick(majorItems);
      criterionItemId = item.id;
      category = itemCategory.get(item.id)!;
    }
    const officerPair = pair(firm);
    const phrase =
      criterionItemId !== null ? `${itemTitle.get(criterionItemId)}不符合重大事故隐患判定标准` : random.pick(PHRASES[category]);
    drafts.push({
      key: key++,
      firm,
      source,
      category,
      level,
      criterionItemId,
      description: `${phrase}（生成数据）`,
      location: `${firm.address ?? firm.name}${random.pick(PLACES)}`,
      foundOn,
      foundBy:
        source === 'self_check'
          ? (firm.safety_manager_name ?? firm.principal_name ?? '企业安全管理人员')
          : source === 'complaint'
            ? '群众举报（12350）'
            : (userName.get(officerPair[0]) ?? '执法人员'),
      officers: officerPair,
      inspectionId: null,
      findingId: null,
      campaignIds,
    });
  };
  const day = () => addDaysToDate(start, random.int(0, span));
  for (const level of ['major', 'general'] as const) {
    for (const source of ['self_check', 'complaint', 'campaign'] as const) {
      for (let n = 0; n < plan[level][source]; n++) add(source, level, random.pick(firms), day());
    }
  }
  for (const firmId of enterpriseUsers.keys()) {
    const firm = firmById.get(firmId)!;
    for (let n = 0; n < 12; n++) add('self_check', 'general', firm, n < 6 ? addDaysToDate(last, -random.int(0, 60)) : day());
    add('self_check', 'major', firm, addDaysToDate(last, -random.int(5, 40)));
  }
  // Hazards found during a campaign are tagged with it now and then.
  for (const d of drafts) {
    if (d.campaignIds.length > 0 || !random.chance(0.15)) continue;
    const active = activeCampaigns(d.foundOn);
    if (active.length > 0) d.campaignIds.push(random.pick(active).id);
  }

  // Ids in the order the hazards were found, as the server would have given them.
  drafts.sort((x, y) => (x.foundOn < y.foundOn ? -1 : x.foundOn > y.foundOn ? 1 : x.key - y.key));
  return drafts;
}
