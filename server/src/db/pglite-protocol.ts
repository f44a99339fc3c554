/** Messages between the server's thread and the thread that owns the embedded database (`pglite-worker.ts`). */

/** How the worker opens PGlite: a data folder on disk, or in memory from a dump (`dumpDataDir`) file. */
export interface TWorkerOpen {
  dataDir?: string;
  loadDataDirFile?: string;
}

export interface TWorkerQueryOptions {
  rowMode?: 'array' | 'object';
  paramTypes?: number[];
  /**
   * Types the caller parses itself (drizzle keeps timestamps and dates as text): the worker returns their text and
   * the caller's parser runs on this side, since functions cannot cross threads.
   */
  rawTypes: number[];
}

export type TWorkerRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; options: TWorkerQueryOptions; tx?: number }
  | { id: number; op: 'exec'; sql: string; options: TWorkerQueryOptions; tx?: number }
  /** BEGIN, answered with a transaction number once the worker is held for it. */
  | { id: number; op: 'begin' }
  /** `tx.rollback()`: ROLLBACK now; the transaction is closed and its end only releases the worker. */
  | { id: number; op: 'rollback'; tx: number }
  /** COMMIT (or ROLLBACK when `commit` is false, after an error) and release the worker. */
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

/** A PGlite error's own fields (code, detail, constraint…), copied since errors lose them crossing threads. */
export interface TWorkerError {
  name: string;
  message: string;
  stack?: string | undefined;
  fields: Record<string, unknown>;
}

export type TWorkerReply =
  | { type: 'ready' }
  | { type: 'fatal'; error: TWorkerError }
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: TWorkerError };

const COPIED_TYPES = new Set(['string', 'number', 'boolean', 'bigint']);

/** The parts of an error that survive `postMessage`: its message and its primitive own fields. */
export function serializeError(e: unknown): TWorkerError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (value === undefined || value === null || COPIED_TYPES.has(typeof value)) fields[key] = value;
    else if (key === 'params' && Array.isArray(value)) fields[key] = value.filter((v) => v === null || COPIED_TYPES.has(typeof v));
  }
  return { name: e.name, message: e.message, stack: e.stack, fields };
}

/** Rebuilds an error on this side with the same message, name and fields (`code`, `detail`…) as PGlite's. */
export function deserializeError(error: TWorkerError): Error {
  const e = new Error(error.message);
  Object.assign(e, error.fields);
  e.name = error.name;
  if (error.stack)
    e.stack = `${error.name}: ${error.message}\n    (in the database thread)\n${error.stack.split('\n').slice(1).join('\n')}`;
  return e;
}
