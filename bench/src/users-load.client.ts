/**
 * The simulated users' client (bench/src/users-load.ts): every request goes through `request`, which times it by
 * kind and checks the answer. An error is any answer but 2xx, or a 409 on an update sent with the version the server
 * last gave (a lost update); a 409 the caller expects (`staleOk`) is a conflict the user resolves by reading again.
 */
export type TRole = 'bureau' | 'town' | 'enterprise';

export interface TUser {
  username: string;
  role: TRole;
  cookie: string;
  /** ids seen on the user's lists, for detail pages and updates */
  hazards: { id: number; version: number; state: string }[];
  firms: number[];
  /** what the user's role may do (GET /api/auth/me): a user only clicks what the menu offers */
  permissions: ReadonlySet<string>;
  /** what an inspection of this user needs, fetched at the first one: two inspectors, a checklist, a signature */
  inspecting?: { inspectorIds: number[]; checklistId: number; signature: string } | null;
}

export interface TKindFigures {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export interface TLoadClient {
  /** The answer's JSON on 2xx; undefined on an error or an expected conflict. */
  request(
    u: TUser,
    kind: string,
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: object | Buffer,
    staleOk?: boolean,
  ): Promise<unknown>;
  /** Counters the actions raise: hazard updates written and inspections submitted. */
  readonly done: { writes: number; inspections: number };
  tally(): {
    requests: number;
    errors: number;
    conflicts: number;
    firstErrors: string[];
    byKind: Record<string, TKindFigures>;
    p95: number;
  };
}

export const quantile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

export function createLoadClient(baseUrl: string): TLoadClient {
  const latencies = new Map<string, number[]>();
  const errorsByKind = new Map<string, number>();
  const firstErrors: string[] = [];
  const done = { writes: 0, inspections: 0 };
  let errors = 0;
  let conflicts = 0;

  const fail = (kind: string, message: string) => {
    errors++;
    errorsByKind.set(kind, (errorsByKind.get(kind) ?? 0) + 1);
    if (firstErrors.length < 10) firstErrors.push(`${kind}: ${message}`);
  };

  async function request(
    u: TUser,
    kind: string,
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: object | Buffer,
    staleOk = false,
  ): Promise<unknown> {
    const t0 = performance.now();
    let res: Response;
    try {
      const raw = Buffer.isBuffer(body);
      res = await fetch(new URL(path, baseUrl), {
        method,
        headers: {
          cookie: u.cookie,
          ...(method !== 'GET' ? { origin: baseUrl } : {}),
          ...(body ? { 'content-type': raw ? 'image/png' : 'application/json' } : {}),
        },
        body: body ? (raw ? body : JSON.stringify(body)) : undefined,
      });
    } catch (e) {
      fail(kind, `${method} ${path}: ${(e as Error).message}`);
      return undefined;
    }
    const text = await res.text();
    const ms = performance.now() - t0;
    if (staleOk && res.status === 409) {
      conflicts++;
      return undefined;
    }
    if (res.status < 200 || res.status >= 300) {
      fail(kind, `${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
      return undefined;
    }
    (latencies.get(kind) ?? latencies.set(kind, []).get(kind)!).push(ms);
    return text ? JSON.parse(text) : undefined;
  }

  function tally() {
    const byKind: Record<string, TKindFigures> = {};
    const all: number[] = [];
    for (const [kind, xs] of latencies) {
      xs.sort((a, b) => a - b);
      all.push(...xs);
      byKind[kind] = {
        requests: xs.length,
        p50: quantile(xs, 50),
        p95: quantile(xs, 95),
        p99: quantile(xs, 99),
        errors: errorsByKind.get(kind) ?? 0,
      };
    }
    for (const [kind, n] of errorsByKind) byKind[kind] ??= { requests: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, errors: n };
    all.sort((a, b) => a - b);
    return { requests: all.length + errors, errors, conflicts, firstErrors, byKind, p95: quantile(all, 95) };
  }

  return { request, done, tally };
}
