import { describe, expect, it } from 'vitest';
import {
  candidatesHash,
  createPrng,
  inspectorsHash,
  runDraw,
  seedCommitment,
  verifyDraw,
  type TDrawCandidate,
  type TDrawInspector,
  type TDrawParams,
  type TDrawTarget,
} from './draw.rules';

/**
 * Golden vector for the double-random draw (双随机): a fixed seed, candidate list and inspector roster, and the
 * draw they give, written out. A published draw must be re-computable by anyone for as long as it is kept, so
 * any change to the random stream, the stratum order, the shuffle, the rounding, the certificate rule or the
 * load balancing fails here: such a change needs a new algorithm version (the "yingji-draw-v1" tag), never an
 * edit of these numbers. The values were computed once by running the algorithm as it stood at commit 9614c19,
 * then written in by hand.
 */
const SEED = '2e78cc57376d3ca0f418b2606e9e6689e3a0bb238d90f00701cd010af29347e1';

/** Unsorted on purpose, with exclusions unsorted: the draw must sort them itself. */
const CANDIDATES: TDrawCandidate[] = [
  { enterpriseId: 1017, divisionCode: '442000107', stratum: 'red', excludedInspectorIds: [203] },
  { enterpriseId: 1003, divisionCode: '442000118', stratum: 'red', excludedInspectorIds: [] },
  { enterpriseId: 1021, divisionCode: '442000107', stratum: 'orange', excludedInspectorIds: [201, 202] },
  { enterpriseId: 1008, divisionCode: '442000118', stratum: 'orange', excludedInspectorIds: [] },
  { enterpriseId: 1012, divisionCode: '442000107', stratum: 'orange', excludedInspectorIds: [206] },
  { enterpriseId: 1030, divisionCode: '442000001', stratum: 'yellow', excludedInspectorIds: [] },
  { enterpriseId: 1004, divisionCode: '442000107', stratum: 'yellow', excludedInspectorIds: [204] },
  { enterpriseId: 1019, divisionCode: '442000118', stratum: 'yellow', excludedInspectorIds: [] },
  { enterpriseId: 1026, divisionCode: '442000001', stratum: 'yellow', excludedInspectorIds: [205, 201] },
  { enterpriseId: 1011, divisionCode: '442000107', stratum: 'blue', excludedInspectorIds: [] },
  { enterpriseId: 1002, divisionCode: '442000118', stratum: 'blue', excludedInspectorIds: [] },
  { enterpriseId: 1033, divisionCode: '442000001', stratum: 'none', excludedInspectorIds: [] },
  { enterpriseId: 1005, divisionCode: '442000107', stratum: 'none', excludedInspectorIds: [202] },
  { enterpriseId: 1014, divisionCode: '442000118', stratum: 'none', excludedInspectorIds: [] },
  { enterpriseId: 1027, divisionCode: '442000001', stratum: 'none', excludedInspectorIds: [203, 204] },
  { enterpriseId: 1009, divisionCode: '442000107', stratum: 'none', excludedInspectorIds: [] },
];

/** 206's certificate runs out on the draw date (still valid); 207's the day before (never drawn). */
const INSPECTORS: TDrawInspector[] = [
  { userId: 204, certificateExpiresOn: '2027-06-30' },
  { userId: 201, certificateExpiresOn: '2028-12-31' },
  { userId: 206, certificateExpiresOn: '2026-03-02' },
  { userId: 203, certificateExpiresOn: '2029-01-15' },
  { userId: 207, certificateExpiresOn: '2026-03-01' },
  { userId: 202, certificateExpiresOn: '2027-11-30' },
  { userId: 205, certificateExpiresOn: '2030-05-31' },
];

/** red 2 × 1 = 2, orange 3 × 0.5 = 1.5 → 2, yellow 4 × 0.3 = 1.2 → 1, blue 2 × 0.5 = 1, none 5 × 0.4 = 2. */
const PARAMS: TDrawParams = {
  ratios: { red: 1, orange: 0.5, yellow: 0.3, blue: 0.5, none: 0.4 },
  inspectorsPerTarget: 2,
  drawDate: '2026-03-02',
};

const EXPECTED_TARGETS: TDrawTarget[] = [
  { position: 1, enterpriseId: 1003, divisionCode: '442000118', stratum: 'red', inspectorIds: [201, 202] },
  { position: 2, enterpriseId: 1017, divisionCode: '442000107', stratum: 'red', inspectorIds: [206, 204] },
  { position: 3, enterpriseId: 1012, divisionCode: '442000107', stratum: 'orange', inspectorIds: [205, 203] },
  { position: 4, enterpriseId: 1008, divisionCode: '442000118', stratum: 'orange', inspectorIds: [202, 201] },
  { position: 5, enterpriseId: 1030, divisionCode: '442000001', stratum: 'yellow', inspectorIds: [206, 205] },
  { position: 6, enterpriseId: 1011, divisionCode: '442000107', stratum: 'blue', inspectorIds: [203, 204] },
  { position: 7, enterpriseId: 1027, divisionCode: '442000001', stratum: 'none', inspectorIds: [201, 206] },
  { position: 8, enterpriseId: 1014, divisionCode: '442000118', stratum: 'none', inspectorIds: [202, 205] },
];

describe('the double-random draw, golden vector', () => {
  it('gives exactly the written draw', () => {
    expect(runDraw(SEED, CANDIDATES, INSPECTORS, PARAMS)).toEqual({ ok: true, targets: EXPECTED_TARGETS });
  });

  it('publishes the written commitment and list hashes', () => {
    expect(seedCommitment(SEED)).toBe('e251798c51ebf3bae896272aef884cd9a241f023e93517a32156985c055feaf0');
    expect(candidatesHash(CANDIDATES)).toBe('f2340089a0f4cbe36a8215d1b994e683f1ffc0620cbc90cea0ad464bd1d08b7e');
    expect(inspectorsHash(INSPECTORS)).toBe('734324234e851d380cb80ba9f5db4ea605d6d4f584a3c58f1ebb9a2a2d9b30c0');
  });

  it('draws from the written random stream', () => {
    const prng = createPrng(SEED);
    expect(Array.from({ length: 10 }, () => prng.nextUint32())).toEqual([
      1880351504, 107554157, 226560040, 3169744196, 301343827, 1151803577, 3197739518, 489871249, 1263852390, 1793375825,
    ]);
  });

  it('verifies as published', () => {
    const record = {
      seed: SEED,
      commitment: 'e251798c51ebf3bae896272aef884cd9a241f023e93517a32156985c055feaf0',
      candidates: CANDIDATES,
      inspectors: INSPECTORS,
      params: PARAMS,
      candidatesHash: 'f2340089a0f4cbe36a8215d1b994e683f1ffc0620cbc90cea0ad464bd1d08b7e',
      inspectorsHash: '734324234e851d380cb80ba9f5db4ea605d6d4f584a3c58f1ebb9a2a2d9b30c0',
      targets: EXPECTED_TARGETS,
    };
    expect(verifyDraw(record)).toEqual({ ok: true, targets: 8 });
  });
});
