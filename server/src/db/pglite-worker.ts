/**
 * The thread that owns the embedded database. PGlite runs PostgreSQL's executor synchronously in WebAssembly, so a
 * query blocks whichever thread runs it; here that is this worker, and the server's event loop stays free. Requests
 * are served as they arrive and PGlite's own locks order them: a transaction holds the database until its end,
 * other queries wait for it.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { serializeError, type TWorkerOpen, type TWorkerQueryOptions, type TWorkerReply, type TWorkerRequest } from './pglite-protocol';

const port = parentPort!;
const post = (reply: TWorkerReply, transfer?: ArrayBuffer[]) => port.postMessage(reply, transfer);

const keepText = (value: unknown) => value;
const parserSets = new Map<string, Record<number, (value: unknown) => unknown>>();
/** PGlite query options for a request: the types the caller parses itself come back as text. */
function queryOptions(options: TWorkerQueryOptions) {
  const key = options.rawTypes.join(',');
  let parsers = parserSets.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(options.rawTypes.map((t) => [t, keepText]));
    parserSets.set(key, parsers);
  }
  return { rowMode: options.rowMode, paramTypes: options.paramTypes, parsers };
}

/** Thrown inside PGlite's transaction callback to make it roll back; not an error for the caller. */
const ROLLBACK = Symbol('rollback');

interface TOpenTransaction {
  tx: Transaction;
  finish(commit: boolean): void;
  done: Promise<void>;
}

/** Opens the data folder, in memory when there is none; a dump file, when given, is loaded into a fresh one. */
async function open({ dataDir, loadDataDirFile }: TWorkerOpen): Promise<PGlite> {
  return PGlite.create({ dataDir, loadDataDir: loadDataDirFile ? new Blob([fs.readFileSync(loadDataDirFile)]) : undefined });
}

async function serve(pglite: PGlite) {
  const transactions = new Map<number, TOpenTransaction>();
  let nextTransaction = 1;

  const transaction = (tx: number) => {
    const open = transactions.get(tx);
    if (!open) throw new Error('Transaction is closed');
    return open.tx;
  };
  const target = (tx: number | undefined) => (tx === undefined ? pglite : transaction(tx));

  async function begin(): Promise<number> {
    const number = nextTransaction++;
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    const done = pglite.transaction(async (tx) => {
      const commit = await new Promise<boolean>((finish) => {
        transactions.set(number, { tx, finish, done });
        started();
      });
      if (!commit) throw ROLLBACK;
    });
    done.catch(() => {}); // awaited at the transaction's end; BEGIN's own failure is raised below
    await Promise.race([begun, done]);
    return number;
  }

  async function end(number: number, commit: boolean): Promise<void> {
    const open = transactions.get(number);
    if (!open) throw new Error('Transaction is closed');
    transactions.delete(number);
    open.finish(commit);
    try {
      await open.done;
    } catch (e) {
      if (e !== ROLLBACK) throw e;
    }
  }

  async function handle(request: TWorkerRequest): Promise<{ result: unknown; transfer?: ArrayBuffer[] }> {
    switch (request.op) {
      case 'query':
        return { result: await target(request.tx).query(request.sql, request.params, queryOptions(request.options)) };
      case 'exec':
        return { result: await target(request.tx).exec(request.sql, queryOptions(request.options)) };
      case 'begin':
        return { result: await begin() };
      case 'rollback':
        await transaction(request.tx).rollback();
        return { result: null };
      case 'end':
        await end(request.tx, request.commit);
        return { result: null };
      case 'dump': {
        const bytes = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
        return { result: bytes, transfer: [bytes.buffer] };
      }
      case 'close':
        if (!pglite.closed) await pglite.close();
        return { result: null };
    }
  }

  port.on('message', (request: TWorkerRequest) => {
    handle(request).then(
      ({ result, transfer }) => post({ type: 'result', id: request.id, ok: true, result }, transfer),
      (e: unknown) => post({ type: 'result', id: request.id, ok: false, error: serializeError(e) }),
    );
  });
}

try {
  const pglite = await open(workerData as TWorkerOpen);
  await serve(pglite);
  post({ type: 'ready' });
} catch (e) {
  post({ type: 'fatal', error: serializeError(e) });
}
