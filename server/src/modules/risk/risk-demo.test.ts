/**
 * The demo's grades (bench/src/risk.gen.ts): the seed's 98 hazardous-chemical production and storage firms come out
 * 7 orange, 51 yellow, 40 blue, counted from the rows the generator writes, each colour the live rule's for its score.
 */
import { colourForScore, DEFAULT_RISK_ASSESSMENT } from '@yingji/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskGenerator } from '../../../../bench/src/risk.gen';
import { queryRows } from '../../db/client';
import { demoContext } from '../../../test/demo-context';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { firm } from '../../../test/inspection-fixtures';

let h: THarness;
beforeAll(async () => {
  h = await createHarness();
  const towns = Object.values(TOWNS);
  for (let i = 0; i < 98; i++)
    await firm(h.db, { divisionCode: towns[i % towns.length], category: i % 3 === 0 ? 'hc_trade_storage' : 'hc_production' });
  // a fireworks shop and a 工贸 firm without a 部令10号 tag: graded by the sector table, and not at all
  await firm(h.db, { category: 'fw_retail' });
  await firm(h.db, { category: 'it_machinery' });
  await riskGenerator.generate(demoContext(h.db));
});
afterAll(() => h.close());

describe('the demo’s risk grades (bench/src/risk.gen.ts)', () => {
  it('gives the 98 hazardous-chemical production and storage firms 7 orange, 51 yellow, 40 blue, by score', async () => {
    const rows = await queryRows<{ colour: string; score: number | null; basis: string }>(
      h.db,
      sql`SELECT g.colour, g.score, g.basis FROM risk_grades g JOIN enterprises e ON e.id = g.enterprise_id
          WHERE e.supervision_category IN ('hc_production', 'hc_trade_storage')`,
    );
    const count = (c: string) => rows.filter((r) => r.colour === c).length;
    expect({ red: count('red'), orange: count('orange'), yellow: count('yellow'), blue: count('blue') }).toEqual({
      red: 0,
      orange: 7,
      yellow: 51,
      blue: 40,
    });
    for (const r of rows) {
      expect(r.basis).toBe('assessment');
      expect(r.colour).toBe(colourForScore(Number(r.score), DEFAULT_RISK_ASSESSMENT));
    }
  });

  it('grades the fireworks shop from the sector table without a score, and leaves an untagged 工贸 firm ungraded', async () => {
    const rows = await queryRows<{ category: string; score: number | null; basis: string }>(
      h.db,
      sql`SELECT e.supervision_category AS category, g.score, g.basis FROM risk_grades g JOIN enterprises e ON e.id = g.enterprise_id
          WHERE e.supervision_category NOT IN ('hc_production', 'hc_trade_storage')`,
    );
    expect(rows).toEqual([{ category: 'fw_retail', score: null, basis: 'initial' }]);
  });
});
