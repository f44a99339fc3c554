import type { Readable } from 'node:stream';
import {
  chainHash,
  GENESIS_HASH,
  verifyChain,
  AUDIT_ACTION_LABELS,
  type TAuditAction,
  type TAuditQuery,
  type TChainProblem,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import { ledgerStream, type TLedgerColumn } from '../../kit/ledger-export';
import * as repo from './audit.repo';

export interface TAuditInput {
  action: TAuditAction;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  divisionCode?: string | null;
  /** For entries without a logged-in actor (a failed login), the name that was tried. */
  actorName?: string | null;
}

export type TAuditService = ReturnType<typeof createAuditService>;

const toIso = (value: string): string => new Date(value).toISOString();
// A value as the database hands it back, so the hash covers what is stored.
const asStored = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

export function createAuditService({ clock }: { clock: TClock }) {
  /**
   * Appends one entry to the chain inside the caller's transaction: the change and its entry commit
   * together or not at all.
   */
  async function record(tx: Db, ctx: TRequestContext, input: TAuditInput): Promise<void> {
    await recordMany(tx, [{ ctx, input }]);
  }

  /**
   * Appends entries to the chain in the given order inside the caller's transaction, under one lock of the chain
   * and with one insert (a batch of answers to a warning writes hundreds at once); the same chain as one
   * `record` after another.
   */
  async function recordMany(tx: Db, entries: readonly { ctx: TRequestContext; input: TAuditInput }[]): Promise<void> {
    if (entries.length === 0) return;
    const head = await repo.lockChain(tx);
    const at = clock().toISOString();
    let lastId = head?.lastId ?? 0;
    let lastHash = head?.lastHash ?? GENESIS_HASH;
    const rows = entries.map(({ ctx, input }) => {
      const fields = {
        id: ++lastId,
        at,
        actorId: ctx.actor?.id ?? null,
        actorName: ctx.actor?.displayName ? `${ctx.actor.displayName}（${ctx.actor.username}）` : (input.actorName ?? null),
        action: input.action,
        entity: input.entity,
        entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
        before: asStored(input.before),
        after: asStored(input.after),
        clientAddress: ctx.clientAddress,
        divisionCode: input.divisionCode ?? null,
      };
      lastHash = chainHash(lastHash, fields);
      return { ...fields, hash: lastHash };
    });
    await repo.appendEntries(tx, rows, head === null);
  }

  /** Walks the whole chain in batches; also checks the tail against the stored head, so truncation shows. */
  async function verify(db: Db): Promise<{ ok: true; count: number } | { ok: false; count: number; problem: TChainProblem }> {
    let state = { previousHash: GENESIS_HASH, previousId: 0 };
    let total = 0;
    for (;;) {
      const batch = await repo.readBatch(db, state.previousId, 5000);
      if (batch.length === 0) break;
      const result = verifyChain(
        batch.map((r) => ({ ...r, at: toIso(r.at) })),
        state,
      );
      total += result.count;
      if (!result.ok) return { ok: false, count: total, problem: result.problem };
      state = { previousHash: result.lastHash, previousId: result.lastId };
    }
    const head = await repo.readHead(db);
    const headId = head?.lastId ?? 0;
    if (headId !== state.previousId || (head && head.lastHash !== state.previousHash)) {
      return {
        ok: false,
        count: total,
        problem: {
          id: headId,
          reason: `日志末尾与记录的链头不符：链头为第 ${headId} 条，实际最后一条为第 ${state.previousId} 条（末尾被删除或改动）`,
        },
      };
    }
    return { ok: true, count: total };
  }

  async function list(db: Db, query: TAuditQuery, scope: string) {
    const { items, total, totalCapped } = await repo.listEntries(db, query, scope);
    return { items: items.map((r) => ({ ...r, at: toIso(r.at) })), total, totalCapped };
  }

  /** The filtered log as an .xlsx stream, newest first, read a page at a time. */
  function exportXlsx(db: Db, query: Omit<TAuditQuery, 'page' | 'pageSize'>, scope: string): Readable {
    type TRow = Awaited<ReturnType<typeof repo.listEntriesBefore>>[number];
    const shanghai = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
    const columns: TLedgerColumn<TRow>[] = [
      { header: '序号', width: 8, value: (r) => r.id },
      { header: '时间', width: 22, value: (r) => shanghai.format(new Date(r.at)) },
      { header: '操作人', width: 22, value: (r) => r.actorName },
      { header: '操作', width: 10, value: (r) => AUDIT_ACTION_LABELS[r.action as TAuditAction] ?? r.action },
      { header: '对象', width: 14, value: (r) => r.entity },
      { header: '对象编号', width: 12, value: (r) => r.entityId },
      { header: '区划', width: 12, value: (r) => r.divisionCode },
      { header: '客户端地址', width: 16, value: (r) => r.clientAddress },
      { header: '变更前', width: 50, value: (r) => json(r.before) },
      { header: '变更后', width: 50, value: (r) => json(r.after) },
      { header: '哈希', width: 20, value: (r) => r.hash },
    ];
    return ledgerStream<TRow, number>({
      sheetName: '审计日志',
      columns,
      page: (before, limit) => repo.listEntriesBefore(db, query, scope, before ?? Number.MAX_SAFE_INTEGER, limit),
      cursorOf: (r) => r.id,
      maxRows: Number.MAX_SAFE_INTEGER,
    });
  }

  return { record, recordMany, verify, list, exportXlsx };
}
