import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';

/** Something a firm still owes the bureau: open hazards, open cases, unpaid fines (the hazard and case modules provide them). */
export interface TObligation {
  module: string;
  kind: 'open_hazard' | 'open_case' | 'unpaid_fine' | string;
  count: number;
  summary: string;
}

/**
 * A module that knows obligations. The deregistration guard (防范企业注销逃避处罚, seed §二(二)2(4)) asks every
 * registered provider about the firms that turned 注销/吊销 or disappeared from the feed.
 */
export interface TObligationProvider {
  module: string;
  obligationsFor(db: Db, enterpriseIds: number[]): Promise<Map<number, TObligation[]>>;
  /**
   * The firms among `candidates` (a subquery of enterprise ids) that owe anything here, by the same rules as
   * `obligationsFor`, in one query: the workbench's count of alerts, without sending the candidates' ids back and forth.
   */
  owingAmong?(db: Db, candidates: SQL): Promise<number[]>;
}
