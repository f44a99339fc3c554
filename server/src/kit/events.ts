/**
 * The in-process event bus. Handlers run inside the writer's transaction, in the order they subscribed: a handler
 * that throws rolls the whole change back, and a rolled-back change takes its events with it. There is no queue and
 * no retry: an event is exactly as durable as the transaction that raised it.
 */
import type { TEventMap, TEventName } from '@yingji/domain';
import type { Db } from '../db/client';
import type { TRequestContext } from '../shared/context';

export type TEventHandler<N extends TEventName> = (tx: Db, payload: TEventMap[N], ctx: TRequestContext) => Promise<void>;

export interface TSubscription {
  event: TEventName;
  /** Who listens, for docs and error messages: `risk: re-evaluate the firm`. */
  listener: string;
}

export interface TEventBus {
  on<N extends TEventName>(event: N, listener: string, handler: TEventHandler<N>): void;
  /** Runs every handler of the event inside `tx`; call it inside the writer's transaction. */
  emit<N extends TEventName>(tx: Db, event: N, payload: TEventMap[N], ctx: TRequestContext): Promise<void>;
  subscriptions(): TSubscription[];
}

export function createEventBus(): TEventBus {
  const handlers = new Map<TEventName, { listener: string; handler: TEventHandler<TEventName> }[]>();
  return {
    on(event, listener, handler) {
      const list = handlers.get(event) ?? [];
      list.push({ listener, handler: handler as unknown as TEventHandler<TEventName> });
      handlers.set(event, list);
    },
    async emit(tx, event, payload, ctx) {
      for (const { handler } of handlers.get(event) ?? []) await handler(tx, payload, ctx);
    },
    subscriptions: () => [...handlers].flatMap(([event, list]) => list.map(({ listener }) => ({ event, listener }))),
  };
}
