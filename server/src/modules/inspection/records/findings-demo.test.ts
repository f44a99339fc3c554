/**
 * Issue 14 item 15: the demo converts its inspections' findings to hazards as a town would (bench/src/inspection.gen.ts
 * makes the findings, bench/src/hazard-drafts.ts the hazards), and the findings banner counts live. On a small
 * generated city (the city's towns and officers, a few firms, 0.2 % of the city's yearly checks and hazards):
 * - every converted finding's hazard is what the live rule (`POST /api/hazards/from-findings`, hazard-create.ts) makes
 *   of it: same firm, town, inspection, description and day, source 检查发现, 重大 exactly when the finding or its
 *   item is, the criterion item only for a major item; and the finding and the hazard point at each other;
 * - no finding the rule would convert waits 待转, but those found on the demo's last day (a town converts them later);
 * - the banner (`GET /api/findings/summary`) equals counts taken straight from the rows, for the city and a town,
 *   and moves at once when a finding is found and when the live rule converts it.
 */
import { addDaysToDate, bureauDate } from '@yingji/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgGenerator } from '../../../../../bench/src/generate';
import { hazardGenerator } from '../../../../../bench/src/hazard.gen';
import { inspectionGenerator } from '../../../../../bench/src/inspection.gen';
import { queryRows } from '../../../db/client';
import { demoContext } from '../../../../test/demo-context';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { firm, inspection } from '../../../../test/inspection-fixtures';

const NOW = '2026-12-04T02:00:00.000Z';
const TODAY = bureauDate(new Date(NOW));
let h: THarness;
let city: string;
let tanzhou: string;
let counts: Record<string, number>;

beforeAll(async () => {
  h = await createHarness();
  h.clock.set(NOW);
  const ctx = demoContext(h.db, { now: NOW, volume: 0.002 });
  await orgGenerator.generate(ctx);
  const towns = ctx.divisions.towns.map((t) => t.code);
  for (let i = 0; i < 46; i++) await firm(h.db, { divisionCode: towns[i % towns.length] });
  counts = { ...(await inspectionGenerator.generate(ctx)), ...(await hazardGenerator.generate(ctx)) };
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
}, 120_000);
afterAll(() => h.close());

/** The banner's figures counted from the rows (all findings, or one town's). */
async function fromRows(town?: string) {
  const [row] = await queryRows<{ pending: number; pendingMajor: number; converted: number; oldestPendingOn: string | null }>(
    h.db,
    sql`SELECT count(*) FILTER (WHERE hazard_id IS NULL)::int AS "pending",
               count(*) FILTER (WHERE hazard_id IS NULL AND major_hazard)::int AS "pendingMajor",
               count(*) FILTER (WHERE hazard_id IS NOT NULL)::int AS "converted",
               (min(found_on) FILTER (WHERE hazard_id IS NULL))::text AS "oldestPendingOn"
        FROM findings WHERE ${town ?? null}::text IS NULL OR division_code = ${town ?? null}`,
  );
  return row!;
}

const banner = async (cookie: string, query = '') => (await h.call('GET', `/api/findings/summary${query}`, { cookie })).json();

/** Converted findings whose hazard is not what the live rule makes of the finding, each with what differs. */
async function unlikeTheRule() {
  return queryRows<{ finding: number; hazard: number | null }>(
    h.db,
    sql`SELECT f.id AS finding, z.id AS hazard
        FROM findings f
        JOIN inspections i ON i.id = f.inspection_id
        LEFT JOIN inspection_items it ON it.id = f.item_id
        LEFT JOIN hazards z ON z.id = f.hazard_id
        WHERE f.hazard_id IS NOT NULL AND (
          z.id IS NULL OR i.status <> 'submitted' OR z.source <> 'inspection' OR z.finding_id IS DISTINCT FROM f.id
          OR z.inspection_id IS DISTINCT FROM f.inspection_id OR z.enterprise_id <> f.enterprise_id
          OR z.division_code <> f.division_code OR z.description <> f.description OR z.found_on <> f.found_on
          OR z.level <> (CASE WHEN f.major_hazard OR coalesce(it.major_hazard, false) THEN 'major' ELSE 'general' END)
          OR z.criterion_item_id IS DISTINCT FROM (CASE WHEN it.major_hazard THEN f.item_id END))
        UNION ALL
        SELECT z.finding_id, z.id FROM hazards z LEFT JOIN findings f ON f.id = z.finding_id
        WHERE z.finding_id IS NOT NULL AND f.hazard_id IS DISTINCT FROM z.id`,
  );
}

describe('the demo’s findings become hazards as a town converts them', () => {
  it('converts every finding found before the last day, each as the live rule would', async () => {
    expect(counts.findings).toBeGreaterThan(50);
    const all = await fromRows();
    expect(all.converted).toBeGreaterThan(50);
    expect(await unlikeTheRule()).toEqual([]);
    const waiting = await queryRows<{ found_on: string }>(h.db, sql`SELECT found_on::text FROM findings WHERE hazard_id IS NULL`);
    expect(waiting.filter((w) => w.found_on < TODAY)).toEqual([]);
    // the demo's hazards from inspections are exactly its converted findings: none made up beside them
    const [fromInspections] = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM hazards WHERE source = 'inspection' AND finding_id IS NOT NULL`,
    );
    expect(fromInspections!.n).toBe(all.converted);
  });

  it('the banner counts the rows, for the city and a town, and moves when a finding is found and converted', async () => {
    expect(await banner(city)).toEqual(await fromRows());
    expect(await banner(tanzhou)).toEqual(await fromRows(TOWNS.tanzhou));
    expect(await banner(city, `?divisionCode=${TOWNS.tanzhou}`)).toEqual(await fromRows(TOWNS.tanzhou));

    const before = await fromRows(TOWNS.tanzhou);
    const [target] = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM enterprises WHERE division_code = ${TOWNS.tanzhou} LIMIT 1`);
    const inspectionId = await inspection(h.db, {
      enterpriseId: target!.id,
      divisionCode: TOWNS.tanzhou,
      inspectedOn: TODAY,
      findings: 1,
      major: 1,
    });
    expect(await banner(tanzhou)).toEqual({
      ...before,
      pending: before.pending + 1,
      pendingMajor: before.pendingMajor + 1,
      oldestPendingOn: before.oldestPendingOn ?? TODAY,
    });

    const [finding] = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM findings WHERE inspection_id = ${inspectionId}`);
    const item = {
      findingId: finding!.id,
      category: 'electrical',
      deadline: addDaysToDate(TODAY, 10),
      responsiblePerson: '李四',
      location: '配电房',
    };
    const res = await h.call('POST', '/api/hazards/from-findings', { cookie: tanzhou, body: { inspectionId, items: [item] } });
    expect(res.statusCode, res.body).toBe(201);
    expect(await banner(tanzhou)).toEqual({ ...before, converted: before.converted + 1 });
    expect(await banner(city)).toEqual(await fromRows());
    // the live rule's own hazard passes the same comparison the demo's hazards pass
    expect(await unlikeTheRule()).toEqual([]);
  });
});
