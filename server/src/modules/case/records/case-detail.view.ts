/** Parts of the case detail read from stored rows: each violation with its proposal, the order and its 复查. */
import type { TCaseDetail, TCaseViolation } from '@yingji/domain';
import type { TBandRow, TViolationRow } from '../catalogue/case-catalogue.repo';
import type * as repo from './case.repo';

type TPenaltyRow = Awaited<ReturnType<typeof repo.penaltiesOf>>[number];

/** The case's violations (chosen at filing, or proposed) with the catalogue's wording and each proposed fine. */
export function violationsView(
  violationCodes: string[],
  penalties: TPenaltyRow[],
  catalogue: (TViolationRow & { bands: TBandRow[] })[],
): TCaseViolation[] {
  const byCode = new Map(catalogue.map((v) => [v.code, v]));
  const codes = [...new Set([...violationCodes, ...penalties.map((p) => p.code)])];
  return codes.flatMap((code): TCaseViolation[] => {
    const v = byCode.get(code);
    const info = {
      code,
      title: v?.title ?? code,
      violatedProvision: v?.violatedProvision ?? '',
      penaltyProvision: v?.penaltyProvision ?? '',
    };
    const ps = penalties.filter((p) => p.code === code);
    if (ps.length === 0)
      return [
        {
          ...info,
          target: null,
          circumstance: null,
          proposedFineFen: null,
          decidedFineFen: null,
          outsideBandReason: null,
          band: null,
          tier: null,
          statutoryRange: null,
          reductionGround: null,
        },
      ];
    return ps.map((p) => ({
      ...info,
      target: p.target,
      circumstance: p.circumstance,
      proposedFineFen: p.proposedFineFen,
      decidedFineFen: p.decidedFineFen,
      outsideBandReason: p.outsideBandReason,
      band: p.bandMinFen === null || p.bandMaxFen === null ? null : { minFen: p.bandMinFen, maxFen: p.bandMaxFen },
      tier: p.tier,
      statutoryRange:
        p.statutoryMinFen === null || p.statutoryMaxFen === null ? null : { minFen: p.statutoryMinFen, maxFen: p.statutoryMaxFen },
      reductionGround: p.reductionGround as TCaseViolation['reductionGround'],
    }));
  });
}

/** The 责令限期整改指令书 and 复查 recorded with the proposal, when there is one. */
export function orderView(row: repo.TCaseRow): TCaseDetail['case']['order'] {
  if (!row.orderNo || !row.orderedOn || !row.orderDeadline) return null;
  return {
    orderNo: row.orderNo,
    orderedOn: row.orderedOn,
    deadline: row.orderDeadline,
    recheckedOn: row.recheckedOn,
    recheckUnmet: row.recheckUnmet ?? false,
    recheckNote: row.recheckNote,
  };
}
