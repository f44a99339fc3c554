/**
 * Mounts an endpoint contract (domain/src/shared/contract.ts) on the Fastify app: the contract's schemas validate
 * the input and whitelist the output, its access goes to the auth hook, its summary to the OpenAPI document.
 * A module lists its routes as `handle(endpoint, handler)` pairs in its manifest.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FILE_RESPONSE, type TEndpoint, type TEndpointArgs, type TEndpointReply } from '@yingji/domain';
import type { TRequestContext } from '../shared/context';

export type THandlerArgs<E extends TEndpoint> = TEndpointArgs<E> & { ctx: TRequestContext; request: FastifyRequest; reply: FastifyReply };

export type THandler<E extends TEndpoint> = (args: THandlerArgs<E>) => Promise<TEndpointReply<E>> | TEndpointReply<E>;

/**
 * A check on the request's headers that runs after the auth gate and before the body is read: an upload too large
 * by its declared length is refused before it is streamed in. It throws (an AppError) to refuse.
 */
export type TPreCheck = (request: FastifyRequest) => Promise<void> | void;

/** An endpoint with its handler, as a module's manifest lists it. */
export interface TRouteBinding {
  endpoint: TEndpoint;
  handler: THandler<TEndpoint>;
  preCheck?: TPreCheck;
}

/** Pairs an endpoint with its handler; the handler's arguments and answer are typed by the contract. */
export const handle = <E extends TEndpoint>(endpoint: E, handler: THandler<E>, options: { preCheck?: TPreCheck } = {}): TRouteBinding => ({
  endpoint,
  handler: handler as unknown as THandler<TEndpoint>,
  ...(options.preCheck ? { preCheck: options.preCheck } : {}),
});

/** Registers one endpoint on the app. */
export function mountEndpoint(app: FastifyInstance, { endpoint, handler, preCheck }: TRouteBinding): void {
  const status = endpoint.status ?? 200;
  const response =
    endpoint.response === undefined
      ? status === 204
        ? { 204: z.null().describe('无内容') }
        : undefined
      : endpoint.response === FILE_RESPONSE
        ? undefined
        : { [status]: endpoint.response };
  app.withTypeProvider<ZodTypeProvider>().route({
    method: endpoint.method,
    url: endpoint.path,
    ...(endpoint.bodyLimit ? { bodyLimit: endpoint.bodyLimit } : {}),
    config: { access: endpoint.access, ...(endpoint.allowWhenPasswordExpired ? { allowWhenPasswordExpired: true } : {}) },
    // A route's onRequest hook runs after the app's (the auth gate) and before the body is parsed.
    ...(preCheck ? { onRequest: async (request: FastifyRequest) => preCheck(request) } : {}),
    schema: {
      tags: endpoint.tags ? [...endpoint.tags] : [endpoint.path.split('/')[2] ?? 'api'],
      summary: endpoint.summary,
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { querystring: endpoint.query } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      ...(response ? { response } : {}),
    },
    handler: async (request, reply) => {
      const result = await handler({
        params: request.params as never,
        query: request.query as never,
        body: request.body as never,
        ctx: request.ctx,
        request,
        reply,
      });
      // A download answers with reply.send(stream) and returns the reply itself.
      if ((result as unknown) === reply || reply.sent) return reply;
      if (status === 204) return reply.status(204).send();
      return reply.status(status).send(result);
    },
  });
}
