/**
 * Endpoint contracts: one definition per HTTP endpoint, shared by the server (validation, OpenAPI, access) and the
 * web (typed client). Changing an input or output schema here breaks whichever side no longer fits it.
 */
import { z } from 'zod';
import type { TPermission } from '../org/org.policy';

/** What a route needs: a permission from the policy table, any logged-in user, or nothing (public). */
export type TAccess = TPermission | 'authenticated' | 'public';

export type THttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A download (Excel, Word, CSV, an attachment): the web links to it instead of parsing it. */
export const FILE_RESPONSE = 'file' as const;

export interface TEndpoint {
  readonly method: THttpMethod;
  /** Fastify-style path with `:name` parameters, always under /api. */
  readonly path: `/api/${string}` | '/api';
  readonly access: TAccess;
  /** One line in Chinese for the OpenAPI document. */
  readonly summary: string;
  readonly tags?: readonly string[];
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The JSON answer, or FILE_RESPONSE for a download; omitted for 204 No Content. */
  readonly response?: z.ZodType | typeof FILE_RESPONSE;
  /** Success status; 200 unless said. */
  readonly status?: 200 | 201 | 204;
  /** Reachable while the password must be changed (me, logout, change-password). */
  readonly allowWhenPasswordExpired?: boolean;
  /** An upload's size limit in bytes (the server's default is 1 MiB); the body is then read from the request. */
  readonly bodyLimit?: number;
}

/** Declares an endpoint; the literal type is kept so the client and the handler infer its shapes. */
export const defineEndpoint = <const E extends TEndpoint>(endpoint: E): E => endpoint;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What the server's handler receives after validation. */
export type TEndpointArgs<E extends TEndpoint> = {
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
};

/** What the client sends: only the parts the endpoint declares. */
export type TEndpointInput<E extends TEndpoint> = (E['params'] extends z.ZodType ? { params: In<E['params']> } : unknown) &
  (E['query'] extends z.ZodType ? { query: In<E['query']> } : unknown) &
  (E['body'] extends z.ZodType ? { body: In<E['body']> } : unknown);

/** The JSON the endpoint answers with (as the client receives it). */
export type TEndpointResult<E extends TEndpoint> = E['response'] extends z.ZodType ? z.output<E['response']> : void;

/** What a handler may return for the endpoint (before the output schema whitelists it). */
export type TEndpointReply<E extends TEndpoint> = E['response'] extends z.ZodType ? z.input<E['response']> : unknown;

/** Fills `:name` parameters of a path (each value URI-encoded). */
export function endpointPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

/** `:id` in a path: a positive whole number, the message naming what the id is (`案件编号必须是正整数`). */
export const idParams = (label = '编号') => z.object({ id: z.coerce.number().int().positive(`${label}必须是正整数`) });

/** The one id-params schema of every module. */
export const ZIdParamsSchema = idParams();
