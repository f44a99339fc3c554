import { bureauDate, certificateState, CERTIFICATE_STATE_LABELS, type TInspectorListQuery } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import { requirePermission } from '../../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet, type TLedgerColumn } from '../../../kit/ledger-export';
import * as repo from './inspector.repo';

type TRow = Awaited<ReturnType<typeof repo.listAllInspectors>>[number];

const columns = (today: string): TLedgerColumn<TRow>[] => [
  { header: '姓名', width: 14, value: (r) => r.displayName },
  { header: '用户名', width: 16, value: (r) => r.username },
  { header: '所属单位', width: 14, value: (r) => (r.divisionCode.length === 9 ? (r.divisionName ?? r.divisionCode) : '市应急管理局') },
  { header: '执法证号', width: 20, value: (r) => r.certificateNo },
  { header: '证件有效期至', width: 14, value: (r) => r.certificateExpiresOn },
  { header: '证件状态', width: 10, value: (r) => CERTIFICATE_STATE_LABELS[certificateState(r.certificateExpiresOn, today)] },
  { header: '在岗', width: 8, value: (r) => (r.active ? '是' : '否') },
  { header: '回避企业数', width: 10, value: (r) => r.conflicts },
];

/** The pool as an Excel ledger (执法人员名录), with the certificate state on the bureau's day. */
export async function exportInspectorsXlsx(
  { db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock },
  ctx: TRequestContext,
  query: Omit<TInspectorListQuery, 'page' | 'pageSize'>,
): Promise<{ body: Buffer; fileName: string }> {
  const actor = requirePermission(ctx, 'inspection.inspectors');
  const now = clock();
  const today = bureauDate(now);
  const rows = await repo.listAllInspectors(db, query, actor.divisionCode, today);
  await db.transaction((tx) =>
    audit.record(tx, ctx, { action: 'export', entity: 'inspector', after: { filters: query, rows: rows.length } }),
  );
  return { body: await ledgerBuffer([ledgerSheet('执法人员名录', columns(today), rows)]), fileName: ledgerFileName('执法人员名录', now) };
}
