/**
 * The merging step of alarm ingestion, in memory between the batch's read and its write: each live alarm (sorted by
 * time) joins the nearest incident within the merge radius and window, or one whose first bearing its own bearing
 * crosses within both cameras' range (the crossing then fixes the incident's position); otherwise it opens a new
 * incident. No database here: the candidates come from the batch's read; the result, as rows, goes to its write.
 */
import { distanceM, mergeTarget, triangulate, type TLngLat } from '@yingji/domain';
import type { TValid } from './fire-ingest';
import type { TMergeCandidate } from './fire-ingest.repo';

/** An incident the batch may change, as a mutable working copy: a stored one (`id`) or a new one (`tmp`). */
export interface TWork {
  id: number | null;
  tmp: number;
  position: TLngLat;
  uncertaintyM: number;
  method: 'single' | 'triangulated';
  lastSeenAt: Date;
  anchor: { channelId: number; site: TLngLat; bearingDeg: number | null };
  channelIds: Set<number>;
  added: number;
  maxConfidence: number | null;
  firstSeenAt: Date;
  divisionCode: string;
}

const fromCandidate = (c: TMergeCandidate): TWork => ({
  id: c.id,
  tmp: -1,
  position: [c.longitude, c.latitude],
  uncertaintyM: c.uncertaintyM,
  method: c.method,
  lastSeenAt: new Date(c.lastSeenAt),
  anchor: { channelId: c.anchorChannelId, site: [c.anchorLongitude, c.anchorLatitude], bearingDeg: c.anchorBearingDeg },
  channelIds: new Set(c.channelIds),
  added: 0,
  maxConfidence: null,
  firstSeenAt: new Date(c.firstSeenAt),
  divisionCode: c.divisionCode,
});

/**
 * Merges the live alarms into the candidate incidents and new ones. Returns every working incident and, per alarm
 * index, the incident it joined or opened.
 */
export function mergeIntoIncidents(
  candidates: readonly TMergeCandidate[],
  live: readonly TValid[],
  o: { radiusM: number; windowMin: number; rangeOf: (channelId: number) => number },
): { work: TWork[]; target: Map<number, TWork> } {
  const windowMs = o.windowMin * 60_000;
  const rule = { radiusM: o.radiusM, windowMin: o.windowMin };
  const work: TWork[] = candidates.map(fromCandidate);
  const target = new Map<number, TWork>();
  let tmp = 0;
  // one merge view per working incident (its index as id), kept in step as incidents grow or open
  const view = work.map((w, i) => ({ id: i, position: w.position, lastSeenAt: w.lastSeenAt }));
  for (const v of live) {
    let joined: TWork | null = null;
    const near = mergeTarget({ position: v.position, at: v.at }, view, rule);
    if (near) joined = work[near.id]!;
    // a second channel's bearing crossing an incident's first bearing joins it, and fixes its position
    let crossing: ReturnType<typeof triangulate> = null;
    for (const w of joined ? [joined] : work) {
      if (v.bearingDeg === null || w.anchor.bearingDeg === null || w.anchor.channelId === v.ch.id) continue;
      if (v.at.getTime() - w.lastSeenAt.getTime() > windowMs) continue;
      const t = triangulate({ site: w.anchor.site, bearingDeg: w.anchor.bearingDeg }, { site: v.ch.site, bearingDeg: v.bearingDeg });
      if (!t || t.rangeA > o.rangeOf(w.anchor.channelId) || t.rangeB > v.ch.geometry.rangeM) continue;
      if (!joined && distanceM(t.position, w.position) > w.uncertaintyM + o.radiusM) continue;
      joined = w;
      crossing = t;
      break;
    }
    if (joined) {
      joined.lastSeenAt = v.at > joined.lastSeenAt ? v.at : joined.lastSeenAt;
      joined.added++;
      joined.channelIds.add(v.ch.id);
      if (v.input.confidence !== null) joined.maxConfidence = Math.max(joined.maxConfidence ?? 0, v.input.confidence);
      if (crossing && crossing.uncertaintyM < joined.uncertaintyM) {
        joined.position = crossing.position;
        joined.uncertaintyM = crossing.uncertaintyM;
        joined.method = 'triangulated';
      } else if (v.uncertaintyM < joined.uncertaintyM) {
        joined.position = v.position;
        joined.uncertaintyM = v.uncertaintyM;
        joined.method = 'single';
      }
      target.set(v.index, joined);
      const seen = view[work.indexOf(joined)]!;
      seen.position = joined.position;
      seen.lastSeenAt = joined.lastSeenAt;
    } else {
      const w: TWork = {
        id: null,
        tmp: tmp++,
        position: v.position,
        uncertaintyM: v.uncertaintyM,
        method: 'single',
        lastSeenAt: v.at,
        firstSeenAt: v.at,
        anchor: { channelId: v.ch.id, site: v.ch.site, bearingDeg: v.bearingDeg },
        channelIds: new Set([v.ch.id]),
        added: 1,
        maxConfidence: v.input.confidence,
        divisionCode: v.ch.divisionCode,
      };
      work.push(w);
      view.push({ id: work.length - 1, position: w.position, lastSeenAt: w.lastSeenAt });
      target.set(v.index, w);
    }
  }
  return { work, target };
}

/** The write's row of a new or changed incident. */
export const incidentRow = (w: TWork) => ({
  id: w.id,
  tmp: w.id === null ? w.tmp : null,
  divisionCode: w.divisionCode,
  longitude: w.position[0],
  latitude: w.position[1],
  uncertaintyM: w.uncertaintyM,
  method: w.method,
  anchorChannelId: w.anchor.channelId,
  anchorLongitude: w.anchor.site[0],
  anchorLatitude: w.anchor.site[1],
  anchorBearingDeg: w.anchor.bearingDeg,
  firstSeenAt: w.firstSeenAt.toISOString(),
  lastSeenAt: w.lastSeenAt.toISOString(),
  added: w.added,
  channelIds: [...w.channelIds],
  maxConfidence: w.maxConfidence,
});

/** The write's rows of the batch's new alarms, each with the incident it joined (stored) or opened (its tmp). */
export const alarmRows = (platform: string, fresh: readonly TValid[], target: ReadonlyMap<number, TWork>) =>
  fresh.map((v) => {
    const w = target.get(v.index);
    return {
      platform,
      externalId: v.input.alarmId,
      channelId: v.ch.id,
      divisionCode: v.ch.divisionCode,
      at: v.at.toISOString(),
      bearingDeg: v.input.bearingDeg,
      box: v.input.box,
      reportedLongitude: v.input.longitude,
      reportedLatitude: v.input.latitude,
      distanceM: v.input.distanceM,
      confidence: v.input.confidence,
      imageRef: v.input.imageRef,
      longitude: v.position[0],
      latitude: v.position[1],
      correctedBearingDeg: v.bearingDeg,
      maskZoneId: v.zoneId,
      incidentId: w?.id ?? null,
      incidentTmp: w && w.id === null ? w.tmp : null,
    };
  });
