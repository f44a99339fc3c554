/** An incident row as the contract shows it: its town's name, its channels' codes and names, its acknowledgement deadline. */
import { ackDue, type TFireIncident } from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TCore } from '../../kit/module';
import { divisionNames } from '../../shared/divisions';
import { iso } from '../../shared/iso';
import * as repo from './fire-incident.repo';

/**
 * Towns' and channels' names as read for presenting. The live board keeps them between polls (read afresh with its rows
 * once a minute and when the channels' names change), so that a poll presents its changed incidents without a read.
 */
export interface TPresentNames {
  towns: Map<string, string>;
  channels: Map<number, Awaited<ReturnType<typeof repo.channelNames>>[number]>;
}

export const presentNames = (): TPresentNames => ({ towns: new Map(), channels: new Map() });

export function createFirePresenter({ clock, settings }: Pick<TCore, 'clock' | 'settings'>) {
  /** The rows as the contract shows them; the names not in `kept` are read and added to it. */
  return async function present(db: Db, rows: repo.TIncidentRow[], kept: TPresentNames = presentNames()): Promise<TFireIncident[]> {
    if (rows.length === 0) return [];
    const { ackMinutes } = await settings.get('fire');
    const codes = [...new Set(rows.map((r) => r.divisionCode))].filter((c) => !kept.towns.has(c));
    const ids = [...new Set(rows.flatMap((r) => r.channelIds))].filter((id) => !kept.channels.has(id));
    const [towns, channels] = await Promise.all([divisionNames(db, codes), repo.channelNames(db, ids)]);
    for (const [code, name] of towns) kept.towns.set(code, name);
    for (const c of channels) kept.channels.set(c.id, c);
    const names = kept.towns;
    const byId = kept.channels;
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      divisionCode: r.divisionCode,
      townName: names.get(r.divisionCode) ?? r.divisionCode,
      longitude: r.longitude,
      latitude: r.latitude,
      uncertaintyM: Math.round(r.uncertaintyM),
      method: r.method,
      firstSeenAt: iso(r.firstSeenAt),
      lastSeenAt: iso(r.lastSeenAt),
      alarmCount: r.alarmCount,
      channels: r.channelIds.map((id) => byId.get(id)).filter((c) => c !== undefined),
      maxConfidence: r.maxConfidence,
      openedAt: iso(r.openedAt),
      ackDeadline: ackDue(
        { openedAt: new Date(r.openedAt), acknowledgedAt: null, escalatedAt: null },
        clock(),
        ackMinutes,
      ).deadline.toISOString(),
      acknowledgedAt: iso(r.acknowledgedAt),
      escalatedAt: iso(r.escalatedAt),
      escalatedTo: r.escalatedTo,
      verifiedAt: iso(r.verifiedAt),
      falseLabel: r.falseLabel as TFireIncident['falseLabel'],
      verifyNote: r.verifyNote,
      dispatchedAt: iso(r.dispatchedAt),
      closedAt: iso(r.closedAt),
      outcome: r.outcome,
      accidentId: r.accidentId,
      version: r.version,
    }));
  };
}
export type TFirePresent = ReturnType<typeof createFirePresenter>;
