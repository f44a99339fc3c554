import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import { deserializeError, type TWorkerOpen, type TWorkerQueryOptions, type TWorkerReply, type TWorkerRequest } from './pglite-protocol';

type TParser = (value: string, typeId: number) => unknown;
type TRequestBody = TWorkerRequest extends infer R ? (R extends TWorkerRequest ? Omit<R, 'id'> : never) : never;

/** The worker's module: TypeScript run through tsx as the server is, or the built `.js` beside this file. */
function workerSource(): { source: string | URL; eval: boolean } {
  const url = new URL(`./pglite-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (!url.pathname.endsWith('.ts')) return { source: url, eval: false };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  return {
    source: `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`,
    eval: true,
  };
}

/**
 * PGlite in a worker thread, answering `query`, `exec` and `transaction` as PGlite does (the parts drizzle's pglite
 * driver calls), so a query's work never runs on the server's event loop. Results cross the thread by structured
 * clone, which keeps what PGlite's parsers made (numbers, bigint, Date, arrays, json, bytes) as they are.
 */
export class PGliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  #nextId = 1;
  #closed = false;
  #failure: Error | undefined;
  /** Rows inserted, updated or deleted since the last `takeRowsWritten()`, for the ANALYZE schedule. */
  #rowsWritten = 0;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.unref();
    worker.on('message', (reply: TWorkerReply) => {
      if (reply.type !== 'result') return;
      const call = this.#pending.get(reply.id);
      if (!call) return;
      this.#settled(reply.id);
      if (reply.ok) call.resolve(reply.result);
      else call.reject(deserializeError(reply.error));
    });
    const fail = (e: Error) => {
      this.#failure ??= e;
      this.#closed = true;
      for (const [id, call] of this.#pending) {
        this.#settled(id);
        call.reject(this.#failure);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`内置数据库线程已退出（代码 ${code}）`)));
  }

  /** Starts the worker and opens the database in it; rejects with PGlite's error when it cannot open. */
  static async start(open: TWorkerOpen): Promise<PGliteThread> {
    const { source, eval: isEval } = workerSource();
    const worker = new Worker(source, { eval: isEval, workerData: open });
    try {
      await new Promise<void>((resolve, reject) => {
        const onMessage = (reply: TWorkerReply) => {
          if (reply.type === 'ready') resolve();
          else if (reply.type === 'fatal') reject(deserializeError(reply.error));
          else return;
          worker.off('message', onMessage);
          worker.off('error', reject);
        };
        worker.on('message', onMessage);
        worker.on('error', reject);
        worker.once('exit', (code) => reject(new Error(`内置数据库线程启动失败（代码 ${code}）`)));
      });
    } catch (e) {
      await worker.terminate();
      throw e;
    }
    return new PGliteThread(worker);
  }

  get closed(): boolean {
    return this.#closed;
  }

  #settled(id: number) {
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker.unref();
  }

  #call<T>(body: TRequestBody): Promise<T> {
    if (this.#closed) return Promise.reject(this.#failure ?? new Error('PGlite is closed'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // A call under way keeps the process alive, as a query on the main thread would; an idle database does not.
      if (this.#pending.size === 1) this.#worker.ref();
      try {
        this.#worker.postMessage({ ...body, id });
      } catch (e) {
        this.#settled(id);
        reject(e as Error);
      }
    });
  }

  #options(options: QueryOptions | undefined): TWorkerQueryOptions {
    if (options?.serializers || options?.blob || options?.onNotice) {
      throw new Error('PGliteThread: serializers, blob and onNotice options are not supported across threads');
    }
    return {
      rowMode: options?.rowMode,
      paramTypes: options?.paramTypes,
      rawTypes: options?.parsers ? Object.keys(options.parsers).map(Number) : [],
    };
  }

  /** Runs the caller's own parsers (functions cannot cross threads) on the text the worker left for them. */
  #parse<T>(result: Results<T>, options: QueryOptions | undefined): Results<T> {
    this.#rowsWritten += result.affectedRows ?? 0;
    const parsers = options?.parsers;
    if (!parsers || result.rows.length === 0) return result;
    const columns = result.fields.flatMap((f, i) => {
      const parser = parsers[f.dataTypeID] as TParser | undefined;
      return parser ? [{ key: options.rowMode === 'array' ? i : f.name, parser, type: f.dataTypeID }] : [];
    });
    if (columns.length === 0) return result;
    for (const row of result.rows as Record<string | number, unknown>[]) {
      for (const { key, parser, type } of columns) {
        const value = row[key];
        if (value !== null && value !== undefined) row[key] = parser(value as string, type);
      }
    }
    return result;
  }

  async #query<T>(sql: string, params: unknown[] | undefined, options: QueryOptions | undefined, tx?: number): Promise<Results<T>> {
    const result = await this.#call<Results<T>>({ op: 'query', sql, params: params ?? [], options: this.#options(options), tx });
    return this.#parse(result, options);
  }

  async #exec(sql: string, options: QueryOptions | undefined, tx?: number): Promise<Results[]> {
    const results = await this.#call<Results[]>({ op: 'exec', sql, options: this.#options(options), tx });
    return results.map((r) => this.#parse(r, options));
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#query<T>(sql, params, options);
  }

  exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    return this.#exec(sql, options);
  }

  /**
   * BEGIN, the callback, then COMMIT, or ROLLBACK when it throws (and the error is thrown again). The worker serves
   * nothing else meanwhile: other callers' queries wait for the end, as they do in PGlite.
   */
  async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    const number = await this.#call<number>({ op: 'begin' });
    let closed = false;
    const checkClosed = () => {
      if (closed) throw new Error('Transaction is closed');
    };
    const tx = {
      query: async <R>(sql: string, params?: unknown[], options?: QueryOptions) => {
        checkClosed();
        return this.#query<R>(sql, params, options, number);
      },
      exec: async (sql: string, options?: QueryOptions) => {
        checkClosed();
        return this.#exec(sql, options, number);
      },
      sql: async () => {
        throw new Error('PGliteThread: tx.sql is not supported; use tx.query');
      },
      rollback: async () => {
        checkClosed();
        await this.#call({ op: 'rollback', tx: number });
        closed = true;
      },
      listen: async () => {
        throw new Error('PGliteThread: LISTEN is not supported');
      },
      get closed() {
        return closed;
      },
    } as unknown as Transaction;
    let ended = false;
    try {
      const result = await callback(tx);
      closed = true;
      ended = true;
      await this.#call({ op: 'end', tx: number, commit: true });
      return result;
    } catch (e) {
      closed = true;
      if (!ended) await this.#call({ op: 'end', tx: number, commit: false });
      throw e;
    }
  }

  /** The database as a tar file (PGlite's `dumpDataDir`), to load elsewhere with `loadDataDir`. */
  dumpDataDir(): Promise<Uint8Array> {
    return this.#call<Uint8Array>({ op: 'dump' });
  }

  /** Rows written since the previous call. */
  takeRowsWritten(): number {
    const n = this.#rowsWritten;
    this.#rowsWritten = 0;
    return n;
  }

  /** Closes PGlite in the worker (its files are complete on disk), then stops the thread. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#call({ op: 'close' });
    } finally {
      this.#closed = true;
      this.#failure ??= new Error('PGlite is closed');
      await this.#worker.terminate();
    }
  }
}
