import fs from 'node:fs';
import { processCpuMs } from './machine';
import { createRandom } from './prng';
import { roleActions, type TAction } from './users-load.actions';
import { createLoadClient, type TKindFigures, type TRole, type TUser } from './users-load.client';

/**
 * Simulated users (issue 15, item 7): each one signs in as a real account and then works as its role does, page
 * after page with a pause between (a person reads before clicking): lists, detail pages and the workbench, and a
 * town officer's hazard updates. Every answer is checked: an error is any answer but 2xx, or a 409 on an update sent
 * with the version the server last gave (a lost update). Used by `BENCH_USERS=200 npm run bench` (the full form, on
 * the generated city) and by the short form CI runs (e2e/src/load-journey.test.ts).
 */
export interface TUserLoadOptions {
  baseUrl: string;
  /** Accounts to sign in as; their first letter says the role: b bureau, t town, e enterprise (bench/src/generate.ts). */
  usernames: string[];
  password: string;
  users: number;
  seconds: number;
  /** Mean pause between a user's requests (ms); each pause is drawn between half and one and a half of it. */
  thinkMs: number;
  serverPid?: number;
  seed?: number;
}

export interface TUserLoadResult {
  users: number;
  seconds: number;
  requests: number;
  rps: number;
  errors: number;
  firstErrors: string[];
  byKind: Record<string, TKindFigures>;
  p95: number;
  writes: number;
  /** inspections created, filled in and submitted (each three writes) */
  inspections: number;
  /** Updates refused because another user had changed the record first (409), each read again by the user. */
  conflicts: number;
  serverCpuMsPerRequest: number | null;
  serverPeakRssMiB: number | null;
}

const roleOf = (username: string): TRole => (username.startsWith('b') ? 'bureau' : username.startsWith('e') ? 'enterprise' : 'town');

/** In a bureau's day most people at work are town officers; a few bureau staff; firms' users now and then. */
const ROLE_SHARE: Record<TRole, number> = { town: 0.6, bureau: 0.25, enterprise: 0.15 };

export async function simulateUsers(o: TUserLoadOptions): Promise<TUserLoadResult> {
  const prng = createRandom(o.seed ?? 20_261_204);
  const random = () => prng.next();
  const client = createLoadClient(o.baseUrl);
  const actions = roleActions(client, random);
  const choose = (u: TUser): TAction | undefined => {
    const list = actions[u.role].filter((a) => !a.needs || u.permissions.has(a.needs));
    if (!list.length) return undefined;
    let r = random() * list.reduce((s, a) => s + a.weight, 0);
    for (const a of list) if ((r -= a.weight) < 0) return a;
    return list[list.length - 1]!;
  };

  const users = await signIn(o);
  let peakRss: number | null = null;
  const sampleRss = () => {
    if (!o.serverPid) return;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${o.serverPid}/status`, 'utf8'))?.[1]);
      if (Number.isFinite(kb)) peakRss = Math.max(peakRss ?? 0, kb / 1024);
    } catch {
      // not on Linux, or the process is gone
    }
  };
  const sampler = setInterval(sampleRss, 1000);
  const cpuBefore = o.serverPid ? processCpuMs(o.serverPid) : 0;
  const started = performance.now();
  const until = started + o.seconds * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  try {
    await Promise.all(
      users.map(async (u, i) => {
        // users arrive spread over the first pause, not all in the same millisecond
        await sleep((i / users.length) * o.thinkMs);
        while (performance.now() < until) {
          await choose(u)?.run(u);
          await sleep(o.thinkMs * (0.5 + random()));
        }
      }),
    );
  } finally {
    clearInterval(sampler);
    sampleRss();
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = o.serverPid ? processCpuMs(o.serverPid) - cpuBefore : null;
  const t = client.tally();
  return {
    users: users.length,
    seconds: elapsed,
    requests: t.requests,
    rps: t.requests / elapsed,
    errors: t.errors,
    firstErrors: t.firstErrors,
    byKind: t.byKind,
    p95: t.p95,
    writes: client.done.writes,
    inspections: client.done.inspections,
    conflicts: t.conflicts,
    serverCpuMsPerRequest: cpu === null ? null : cpu / Math.max(1, t.requests),
    serverPeakRssMiB: peakRss,
  };
}

/** The accounts, in the roles' shares (as far as the generated accounts allow), each signed in once. */
async function signIn(o: TUserLoadOptions): Promise<TUser[]> {
  const byRole = new Map<TRole, string[]>();
  for (const name of o.usernames) (byRole.get(roleOf(name)) ?? byRole.set(roleOf(name), []).get(roleOf(name))!).push(name);
  const chosen: string[] = [];
  for (const role of ['town', 'bureau', 'enterprise'] as TRole[]) {
    const pool = byRole.get(role) ?? [];
    const want = Math.round(o.users * ROLE_SHARE[role]);
    for (let i = 0; i < want && pool.length; i++) chosen.push(pool[i % pool.length]!);
  }
  while (chosen.length < o.users) chosen.push(o.usernames[chosen.length % o.usernames.length]!);
  const users: TUser[] = [];
  for (const username of chosen.slice(0, o.users)) {
    const res = await fetch(new URL('/api/auth/login', o.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: o.baseUrl },
      body: JSON.stringify({ username, password: o.password }),
    });
    if (!res.ok) throw new Error(`模拟用户 ${username} 无法登录：HTTP ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = (await res.json()) as { permissions: string[] };
    users.push({ username, role: roleOf(username), cookie, hazards: [], firms: [], permissions: new Set(me.permissions) });
  }
  return users;
}

/** One line for the bench's log and RESULTS.md. */
export function describeUserLoad(r: TUserLoadResult): string {
  const kinds = Object.entries(r.byKind)
    .map(([k, v]) => `${k} ${v.requests} (p95 ${v.p95.toFixed(0)} ms${v.errors ? `, ${v.errors} errors` : ''})`)
    .join('; ');
  return (
    `${r.users} users for ${r.seconds.toFixed(0)} s: ${r.requests.toLocaleString('en')} requests, ${r.rps.toFixed(1)}/s, p95 ${r.p95.toFixed(1)} ms, ` +
    `${r.errors} errors, ${r.writes} hazard updates (${r.conflicts} refused as changed by another user first, then read again), ` +
    `${r.inspections} inspections submitted` +
    (r.serverCpuMsPerRequest !== null ? `, Node CPU ${r.serverCpuMsPerRequest.toFixed(2)} ms/req` : '') +
    (r.serverPeakRssMiB !== null ? `, server peak RSS ${r.serverPeakRssMiB.toFixed(0)} MiB` : '') +
    `. By kind: ${kinds}` +
    (r.firstErrors.length ? `. First errors: ${r.firstErrors.join(' | ')}` : '')
  );
}
