/**
 * A viewer's board brought up to date by what changed since the stamp he holds (`GET /api/fire/board?since=`): the
 * incidents added or changed replace his, those that left are dropped, and the board is ordered as the server orders
 * it (last seen latest first, then the higher id), by the delta's `order` when the presented times cannot tell it.
 */
import type { TBoard, TBoardAnswer, TBoardDelta, TFireIncident } from './fire.schema';

/** Whether an answer of the board is a delta (else it is the full board). */
export const isBoardDelta = (a: TBoardAnswer): a is TBoardDelta => 'since' in a;

/**
 * Whether entries in the server's order (last seen latest first in microseconds, then the higher id) are also in the
 * order their presented times give: the API's instants are to the millisecond, so two sightings within one millisecond
 * can sort otherwise, and then the delta carries the order.
 */
export function orderFollowsTimes(shown: readonly { id: number; lastSeenUs: number }[]): boolean {
  for (let k = 1; k < shown.length; k++) {
    const a = shown[k - 1]!;
    const b = shown[k]!;
    const ams = Math.floor(a.lastSeenUs / 1000);
    const bms = Math.floor(b.lastSeenUs / 1000);
    if (ams < bms || (ams === bms && a.id < b.id)) return false;
  }
  return true;
}

/**
 * The board a viewer holds with a delta applied; null when the delta is not from the stamp he holds, or its order
 * names an incident he would not have (then he asks for the full board).
 */
export function applyBoardDelta(board: TBoard, delta: TBoardDelta): TBoard | null {
  if (board.stamp !== delta.since) return null;
  const byId = new Map(board.incidents.map((i) => [i.id, i]));
  for (const id of delta.removed) byId.delete(id);
  for (const i of delta.changed) byId.set(i.id, i);
  let incidents: TFireIncident[];
  if (delta.order) {
    if (delta.order.length !== byId.size) return null;
    incidents = [];
    for (const id of delta.order) {
      const i = byId.get(id);
      if (!i) return null;
      incidents.push(i);
    }
  } else {
    const ms = new Map([...byId.values()].map((i) => [i.id, Date.parse(i.lastSeenAt)]));
    incidents = [...byId.values()].sort((a, b) => ms.get(b.id)! - ms.get(a.id)! || b.id - a.id);
  }
  return { stamp: delta.stamp, incidents, counts: delta.counts, deviceAlerts: delta.deviceAlerts };
}

/** The board after an answer: a full board as it is; a delta applied to the held board (null when it does not apply). */
export function nextBoard(held: TBoard | undefined, answer: TBoardAnswer): TBoard | null {
  if (!isBoardDelta(answer)) return answer;
  return held ? applyBoardDelta(held, answer) : null;
}
