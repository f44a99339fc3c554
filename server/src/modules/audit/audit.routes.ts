import { AppError, auditEndpoints, bureauDate } from '@yingji/domain';
import { requireActor } from '../../kit/access';
import { sendFile, XLSX_MIME } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import { handle, type TRouteBinding } from '../../kit/route';

/** The audit log's routes, mounted from its contracts. */
export const auditRoutes = ({ db, audit, clock }: TCore): TRouteBinding[] => [
  handle(auditEndpoints.list, ({ ctx, query }) => audit.list(db, query, requireActor(ctx).divisionCode)),
  handle(auditEndpoints.export, async ({ ctx, query, reply }) => {
    const actor = requireActor(ctx);
    const stamp = bureauDate(clock());
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'audit_log', after: { filters: query } }));
    return sendFile(
      reply,
      { body: audit.exportXlsx(db, query, actor.divisionCode), fileName: `审计日志-${stamp}.xlsx` },
      `audit-${stamp}.xlsx`,
      XLSX_MIME,
    );
  }),
  handle(auditEndpoints.verify, async ({ ctx }) => {
    if (requireActor(ctx).divisionCode.length > 4) throw new AppError('forbidden', '只有市级及以上可以校验整条审计链');
    return audit.verify(db);
  }),
];
