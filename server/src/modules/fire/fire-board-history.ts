/**
 * The recent views of each live board, by stamp, so that a viewer who names the stamp he holds (`?since=`) is answered
 * with what changed since, not the whole board. A view is known by its stamp, the digest of its content and scope, so
 * a stamp this server made names exactly the board its viewer holds. Each delta is serialised once per (stamp, view)
 * and given to every viewer who asks with that stamp. An unknown stamp (another scope's, too old, before a restart)
 * has no delta: the viewer is given the full board.
 */
import { orderFollowsTimes } from '@yingji/domain';

/** Views kept per board (scope and window): the page polls every 3 s and a view is made at most once a poll. */
const VIEWS_KEPT = 64;
/** Deltas kept per view (one per stamp its viewers came from). */
const DELTAS_KEPT = 32;
/** Boards whose views are kept at most; all are dropped when full (as the kept boards are). */
const BOARDS_KEPT = 64;

/** One view as its delta is made from it: the shown ids in order with their JSON texts, and the rest of the body. */
export interface TShownView {
  stamp: string;
  ids: number[];
  texts: string[];
  /** Whether the presented times give the shown order (else a delta carries it). */
  orderFollows: boolean;
  /** `"counts":…,"deviceAlerts":…`: sent whole in every answer. */
  tail: string;
  deltas: Map<string, string>;
}

export function shownView(stamp: string, shown: readonly { id: number; lastSeenUs: number }[], texts: string[], tail: string): TShownView {
  return { stamp, ids: shown.map((e) => e.id), texts, orderFollows: orderFollowsTimes(shown), tail, deltas: new Map() };
}

export function createBoardHistory() {
  const boards = new Map<string, Map<string, TShownView>>();

  /** Keeps a board's view as its newest (a view made again with the same content keeps its deltas). */
  function record(key: string, view: TShownView): TShownView {
    let views = boards.get(key);
    if (!views) {
      if (boards.size >= BOARDS_KEPT) boards.clear();
      boards.set(key, (views = new Map()));
    }
    const kept = views.get(view.stamp) ?? view;
    views.delete(view.stamp);
    views.set(view.stamp, kept);
    for (const stamp of views.keys()) {
      if (views.size <= VIEWS_KEPT) break;
      views.delete(stamp);
    }
    return kept;
  }

  /** The JSON text of what changed on the board from the view stamped `since` to `view`; null when it is not known. */
  function delta(key: string, since: string, view: TShownView): string | null {
    const from = boards.get(key)?.get(since);
    if (!from) return null;
    const kept = view.deltas.get(since);
    if (kept !== undefined) return kept;
    const before = new Map(from.ids.map((id, k) => [id, from.texts[k]!]));
    const changed: string[] = [];
    for (const [k, id] of view.ids.entries()) {
      if (before.get(id) !== view.texts[k]) changed.push(view.texts[k]!);
      before.delete(id);
    }
    const order = view.orderFollows ? '' : `"order":${JSON.stringify(view.ids)},`;
    const text =
      `{"stamp":${JSON.stringify(view.stamp)},"since":${JSON.stringify(since)},"changed":[${changed.join(',')}],` +
      `"removed":${JSON.stringify([...before.keys()])},${order}${view.tail}}`;
    if (view.deltas.size >= DELTAS_KEPT) view.deltas.clear();
    view.deltas.set(since, text);
    return text;
  }

  return { record, delta };
}
