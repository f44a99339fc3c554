import '../shared/zod-locale';
import { z } from 'zod';

export const ZResourcesSettingsSchema = z.object({
  /** A loan whose reference value (quantity × catalogue price) exceeds this, in fen, needs a second approval. */
  secondApprovalAboveFen: z.number().int().min(0),
  /** Catalogue codes that always need a second approval when lent (e.g. boats, generators). */
  secondApprovalItemCodes: z.array(z.string().max(40)).max(500),
  /** Lots expiring within this many days are listed as 临近有效期. */
  expiringDays: z.number().int().min(1).max(365),
  /** Per-person standard of a shelter's effective area, m² per person (the capacity = area ÷ standard, rounded down). */
  shelterAreaPerPersonM2: z.number().min(0.5).max(50),
  /** The city's extent: a warehouse's or shelter's coordinates outside it are refused. */
  cityBounds: z.object({ minLon: z.number(), maxLon: z.number(), minLat: z.number(), maxLat: z.number() }),
  /** Resident population by town code, where entered (for shelter capacity per resident). */
  townPopulation: z.record(z.string().regex(/^\d{9}$/, '镇街代码必须是 9 位数字'), z.number().int().min(0)),
});
export type TResourcesSettings = z.infer<typeof ZResourcesSettingsSchema>;

/** Zhongshan lies within 113°09′–113°46′ E, 22°11′–22°47′ N. */
export const DEFAULT_RESOURCES_SETTINGS: TResourcesSettings = {
  secondApprovalAboveFen: 5_000_000,
  secondApprovalItemCodes: ['RB-BOAT', 'FL-GEN'],
  expiringDays: 30,
  shelterAreaPerPersonM2: 2,
  cityBounds: { minLon: 113.15, maxLon: 113.77, minLat: 22.18, maxLat: 22.79 },
  townPopulation: {},
};
