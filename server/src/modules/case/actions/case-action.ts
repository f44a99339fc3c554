/**
 * One handler per procedural action. The pipeline (case-act.service.ts) loads the case under a row lock, asks the
 * procedure rules, then calls the action's handler for what the action changes; it saves the change, the numbered
 * document, the events, the timeline entry and the audit entry in the same transaction.
 */
import type { TCaseAction, TCaseActionKind, TCaseDocumentKind, TCaseProcedureSettings, TCaseRuleState } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TActorContext } from '../../../shared/context';
import type { TNotifier } from '../../../kit/notify';
import type { TBandRow, TViolationRow } from '../catalogue/case-catalogue.repo';
import type { TCaseInsert, TCaseRow } from '../records/case.repo';

/** What a handler is given: the locked case, its rule state before the action, the action and its actor. */
export interface TActionStep<K extends TCaseActionKind> {
  tx: Db;
  id: number;
  row: TCaseRow;
  state: TCaseRuleState;
  action: Extract<TCaseAction, { kind: K }>;
  actor: TActorContext;
  /** The bureau's calendar date and the instant of the action. */
  today: string;
  at: string;
  procedure: TCaseProcedureSettings;
  catalogue: (TViolationRow & { bands: TBandRow[] })[];
  /** core.notify: sends inside the action's transaction. */
  notify: TNotifier;
}

/** What an action changes; the pipeline moves the stage (nextStage of the rules) and bumps the version. */
export interface TActionOutcome {
  patch: Partial<TCaseInsert>;
  /** The line on the case's timeline. */
  note: string | null;
  /** The numbered document the action issues, and its date. */
  document?: { kind: TCaseDocumentKind; on: string };
  /** The event it raises for a case against a registered firm (the firm's timeline, the risk rules). */
  raises?: 'case.filed' | 'case.penalty_decided';
}

export type TActionHandler<K extends TCaseActionKind> = (step: TActionStep<K>) => Promise<TActionOutcome> | TActionOutcome;

export type TActionHandlers = { [K in TCaseActionKind]: TActionHandler<K> };

/** An action whose only content is an optional note (开始调查、提交法制审核、提请集体讨论). */
export const noteOnly = ({ action }: { action: { note?: string | null } }): TActionOutcome => ({ patch: {}, note: action.note ?? null });
