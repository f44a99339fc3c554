import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'drizzle-orm';
import type { TDatabase } from './client';

/**
 * The SQL one request ran, for the bench's "API time beside raw SQL time" (issue 15 item 4): with YINGJI_SQL_TRACE set
 * to a file, a request from this machine carrying the header `x-yingji-sql-trace: <id>` appends one JSON line
 * `{ id, method, url, status, statements: [{ sql, params }] }` to it, every statement drizzle sent while answering it
 * (the session lookup included). Off unless the variable is set; requests without the header are never traced.
 */
export const SQL_TRACE_HEADER = 'x-yingji-sql-trace';

export interface TTracedStatement {
  sql: string;
  params: unknown[];
}

export interface TTracedRequest {
  id: string;
  method: string;
  url: string;
  status: number;
  statements: TTracedStatement[];
}

const current = new AsyncLocalStorage<TTracedStatement[]>();

/** drizzle's logger: records each statement of a traced request, and does nothing outside one. */
export const sqlTraceLogger: Logger = {
  logQuery(query, params) {
    current.getStore()?.push({ sql: query, params });
  },
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const ID = /^[\w-]{1,64}$/;

/** Registers the hooks that trace requests carrying the header into `file`. */
export function traceSqlInto(app: FastifyInstance, file: string): void {
  const traced = new WeakMap<object, { id: string; statements: TTracedStatement[] }>();
  app.addHook('onRequest', (request, _reply, done) => {
    const id = request.headers[SQL_TRACE_HEADER];
    // the socket's own address, never a forwarded one: only the bench on this machine may ask
    if (typeof id !== 'string' || !ID.test(id) || !LOOPBACK.has(request.socket.remoteAddress ?? '')) return done();
    const statements: TTracedStatement[] = [];
    traced.set(request, { id, statements });
    current.run(statements, done);
  });
  // written before the answer leaves, so the line is there when the client has its answer
  app.addHook('onSend', async (request, reply, payload) => {
    const trace = traced.get(request);
    if (!trace) return payload;
    const line: TTracedRequest = {
      id: trace.id,
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      statements: trace.statements,
    };
    await fs.promises.appendFile(file, `${JSON.stringify(line)}\n`);
    return payload;
  });
}

/** The traced request of that id in the file, or undefined. */
export function readTrace(file: string, id: string): TTracedRequest | undefined {
  if (!fs.existsSync(file)) return undefined;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line) as TTracedRequest;
    if (entry.id === id) return entry;
  }
  return undefined;
}

/**
 * Runs one traced statement again straight through the database's driver (no drizzle, no HTTP), as the bench's raw SQL
 * figure does; returns its rows.
 */
export async function replayStatement(database: TDatabase, statement: TTracedStatement): Promise<unknown[]> {
  if (database.pool) return (await database.pool.query(statement.sql, statement.params)).rows;
  const embedded = database.thread ?? database.pglite;
  if (!embedded) throw new Error('replayStatement: the database has no driver to run SQL on');
  return (await embedded.query(statement.sql, statement.params)).rows;
}
