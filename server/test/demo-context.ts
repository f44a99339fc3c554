/** The context a demo generator (bench/src/*.gen.ts) runs in, for the tests that check the demo's rows: city scale, Zhongshan's divisions, no accounts made. */
import { createHash } from 'node:crypto';
import type { Db } from '../src/db/client';
import { loadDivisions } from '../../bench/src/divisions';
import { SCALES, type TGenerateContext } from '../../bench/src/generate';
import { createRandom } from '../../bench/src/prng';

export function demoContext(db: Db, over: { now?: string; seed?: number; bureauStaff?: string[]; volume?: number } = {}): TGenerateContext {
  return {
    db,
    spec: over.volume === undefined ? SCALES.city : { ...SCALES.city, volume: over.volume },
    random: createRandom(over.seed ?? 20_260_101),
    divisions: loadDivisions('4420'),
    passwordHash: '',
    now: over.now ?? '2026-12-04T02:00:00.000Z',
    made: { usernames: [], townOfficers: [], bureauStaff: over.bureauStaff ?? [] },
    batchSize: 500,
    fingerprint: createHash('sha256'),
  };
}
