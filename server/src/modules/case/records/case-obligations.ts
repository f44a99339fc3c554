import { yuanText } from '@yingji/domain';
import type { TObligation, TObligationProvider } from '../../enterprise/obligations';
import * as listRepo from './case-list.repo';

/** What a firm still owes through cases, for the registry's deregistration guard (防范企业注销逃避处罚). */
export const caseObligations: TObligationProvider = {
  module: 'case',
  async obligationsFor(tx, enterpriseIds) {
    const out = new Map<number, TObligation[]>();
    for (const r of await listRepo.obligationsOf(tx, enterpriseIds)) {
      const list: TObligation[] = [];
      if (r.open > 0) list.push({ module: 'case', kind: 'open_case', count: r.open, summary: `未结案的行政处罚案件 ${r.open} 件` });
      if (r.unpaidCases > 0)
        list.push({
          module: 'case',
          kind: 'unpaid_fine',
          count: r.unpaidCases,
          summary: `未缴清罚款 ${yuanText(Number(r.unpaidFen))}（${r.unpaidCases} 件）`,
        });
      if (list.length) out.set(r.enterpriseId, list);
    }
    return out;
  },
  owingAmong: (tx, candidates) => listRepo.owingAmong(tx, candidates),
};
