import { caseExchangeEndpoints as e } from '@yingji/domain';
import { CSV_MIME, sendFile } from '../../../kit/ledger-export';
import { handle, type TRouteBinding } from '../../../kit/route';
import type { TCaseExchangeService } from './case-exchange.service';

/**
 * 双公示 (no login) and the provincial export (docs/case-exchange.md). With `format=csv` the answer is a CSV
 * download instead of the JSON page (the handler then answers with the reply itself, outside the JSON schema).
 */
export const caseExchangeRoutes = (exchange: TCaseExchangeService): TRouteBinding[] => [
  handle(e.publicDecisions, async ({ query, reply }) => {
    const page = await exchange.publicDecisions(query.page, query.pageSize);
    if (query.format !== 'csv') return page;
    return sendFile(
      reply,
      { body: exchange.publicCsv(page.items), fileName: 'case-decisions.csv' },
      'case-decisions.csv',
      CSV_MIME,
    ) as never;
  }),
  handle(e.export, async ({ ctx, query, reply }) => {
    const page = await exchange.exportCases(ctx, query);
    if (query.format !== 'csv') return page;
    reply.header('x-next-cursor', page.nextCursor ?? '');
    return sendFile(reply, { body: exchange.exportCsv(page.records), fileName: 'cases.csv' }, 'cases.csv', CSV_MIME) as never;
  }),
];
