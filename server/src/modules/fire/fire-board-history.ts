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
/** Deltas kept for a board's newest view (one per stamp its viewers came from), and their characters at most. */
const DELTAS_KEPT = 32;
const DELTA_CHARS_KEPT = 4_000_000;
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
  /** The deltas to this view by the stamp they are from, kept while it is its board's newest; their characters. */
  deltas: Map<string, string>;
  deltaChars: number;
}

export function shownView(stamp: string, shown: readonly { id: number; lastSeenUs: number }[], texts: string[], tail: string): TShownView {
  return { stamp, ids: shown.map((e) => e.id), texts, orderFollows: orderFollowsTimes(shown), tail, deltas: new Map(), deltaChars: 0 };
}

export function createBoardHistory() {
  const boards = new Map<string, { views: Map<string, TShownView>; newest: TShownView | null }>();

  /**
   * Keeps a board's view as its newest (a view made again with the same content keeps its deltas); the deltas to the
   * view it follows are dropped, as no viewer is answered with that view again unless it is made again.
   */
  function record(key: string, view: TShownView): TShownView {
    let board = boards.get(key);
    if (!board) {
      if (boards.size >= BOARDS_KEPT) boards.clear();
      boards.set(key, (board = { views: new Map(), newest: null }));
    }
    const views = board.views;
    const kept = views.get(view.stamp) ?? view;
    if (board.newest && board.newest !== kept) forget(board.newest);
    board.newest = kept;
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
    const board = boards.get(key);
    const from = board?.views.get(since);
    if (!board || !from) return null;
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
    // kept for the board's newest view only: a view superseded meanwhile is answered this once
    if (board.newest !== view) return text;
    if (view.deltas.size >= DELTAS_KEPT || view.deltaChars + text.length > DELTA_CHARS_KEPT) forget(view);
    view.deltas.set(since, text);
    view.deltaChars += text.length;
    return text;
  }

  function forget(view: TShownView) {
    view.deltas.clear();
    view.deltaChars = 0;
  }

  return { record, delta };
}
