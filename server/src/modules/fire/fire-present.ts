/** An incident row as the contract shows it: its town's name, its channels' codes and names, its acknowledgement deadline. */
import { ackDue, type TFireIncident } from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TCore } from '../../kit/module';
import { divisionNames } from '../../shared/divisions';
import { iso } from '../../shared/iso';
import * as repo from './fire-incident.repo';

export function createFirePresenter({ clock, settings }: Pick<TCore, 'clock' | 'settings'>) {
  return async function present(db: Db, rows: repo.TIncidentRow[]): Promise<TFireIncident[]> {
    if (rows.length === 0) return [];
    const { ackMinutes } = await settings.get('fire');
    const [names, channels] = await Promise.all([
      divisionNames(
        db,
        rows.map((r) => r.divisionCode),
      ),
      repo.channelNames(db, [...new Set(rows.flatMap((r) => r.channelIds))]),
    ]);
    const byId = new Map(channels.map((c) => [c.id, c]));
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
