import fs from 'node:fs';
import { processCpuMs } from './machine';
import { createRandom } from './prng';

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
  byKind: Record<string, { requests: number; p50: number; p95: number; p99: number; errors: number }>;
  p95: number;
  writes: number;
  /** inspections created, filled in and submitted (each three writes) */
  inspections: number;
  /** Updates refused because another user had changed the record first (409), each read again by the user. */
  conflicts: number;
  serverCpuMsPerRequest: number | null;
  serverPeakRssMiB: number | null;
}

type TRole = 'bureau' | 'town' | 'enterprise';
type TAction = { kind: string; weight: number; run: (u: TUser) => Promise<void> };

interface TUser {
  username: string;
  role: TRole;
  cookie: string;
  /** ids seen on the user's lists, for detail pages and updates */
  hazards: { id: number; version: number; state: string }[];
  firms: number[];
  /** may record inspections (inspection.record) */
  inspects: boolean;
  /** what an inspection of this user needs, fetched at the first one: two inspectors, a checklist, a signature */
  inspecting?: { inspectorIds: number[]; checklistId: number; signature: string } | null;
}

const roleOf = (username: string): TRole => (username.startsWith('b') ? 'bureau' : username.startsWith('e') ? 'enterprise' : 'town');

/** In a bureau's day most people at work are town officers; a few bureau staff; firms' users now and then. */
const ROLE_SHARE: Record<TRole, number> = { town: 0.6, bureau: 0.25, enterprise: 0.15 };

export async function simulateUsers(o: TUserLoadOptions): Promise<TUserLoadResult> {
  const prng = createRandom(o.seed ?? 20_261_204);
  const random = () => prng.next();
  const latencies = new Map<string, number[]>();
  const errorsByKind = new Map<string, number>();
  const firstErrors: string[] = [];
  let errors = 0;
  let writes = 0;
  let inspections = 0;

  const fail = (kind: string, message: string) => {
    errors++;
    errorsByKind.set(kind, (errorsByKind.get(kind) ?? 0) + 1);
    if (firstErrors.length < 10) firstErrors.push(`${kind}: ${message}`);
  };

  let conflicts = 0;
  /** The answer's JSON on 2xx; undefined on an error. `staleOk`: a 409 (someone else changed it first) is a conflict the user resolves by reading again, not an error. */
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
      res = await fetch(new URL(path, o.baseUrl), {
        method,
        headers: {
          cookie: u.cookie,
          ...(method !== 'GET' ? { origin: o.baseUrl } : {}),
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

  const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(random() * xs.length)] : undefined);
  const page = () => 1 + Math.floor(random() * 3);

  const listHazards = async (u: TUser) => {
    const r = (await request(u, 'hazard list', 'GET', `/api/hazards?page=${page()}&pageSize=20&open=true`)) as
      { items: { id: number; version: number; state: string }[] } | undefined;
    if (r) u.hazards = r.items.map((h) => ({ id: h.id, version: h.version, state: h.state }));
  };
  const listFirms = async (u: TUser) => {
    const r = (await request(u, 'enterprise list', 'GET', `/api/enterprises?page=${page()}&pageSize=20`)) as
      { items: { id: number }[] } | undefined;
    if (r) u.firms = r.items.map((f) => f.id);
  };
  const hazardDetail = async (u: TUser) => {
    const h = pick(u.hazards);
    if (!h) return listHazards(u);
    const r = (await request(u, 'hazard detail', 'GET', `/api/hazards/${h.id}`)) as { version: number; state: string } | undefined;
    if (r) Object.assign(h, { version: r.version, state: r.state });
  };
  const firmDetail = async (u: TUser) => {
    const id = pick(u.firms);
    if (id === undefined) return listFirms(u);
    await request(u, 'enterprise detail', 'GET', `/api/enterprises/${id}`);
  };
  /** 填报整改方案 on an open hazard of the town, with the version last seen: a real write, never refused as stale. */
  const hazardUpdate = async (u: TUser) => {
    const h = pick(u.hazards.filter((x) => ['found', 'ordered', 'rectifying'].includes(x.state)));
    if (!h) return listHazards(u);
    const r = (await request(
      u,
      'hazard update',
      'POST',
      `/api/hazards/${h.id}/actions`,
      {
        action: 'plan',
        version: h.version,
        plan: {
          measures: '更换老化设备，完善安全防护装置（模拟用户）',
          fundsFen: 100_000 + writes,
          deadline: null,
          responsiblePerson: '张伟',
          contingency: '整改期间设置警戒区域，专人监护',
        },
      },
      true,
    )) as { version: number } | undefined;
    if (r) {
      h.version = r.version;
      writes++;
    } else {
      // another officer of the town changed it first (409): read it again, as the page tells the user to
      const fresh = (await request(u, 'hazard detail', 'GET', `/api/hazards/${h.id}`)) as { version: number; state: string } | undefined;
      if (fresh) Object.assign(h, { version: fresh.version, state: fresh.state });
    }
  };

  /** The inspection date: today at the bureau (Asia/Shanghai), as the record's form proposes it. */
  const bureauToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  /** Two inspectors of the user's pool with valid certificates, the first active checklist, a signature image. */
  const prepareInspecting = async (u: TUser): Promise<TUser['inspecting']> => {
    const today = bureauToday();
    const pool = (await request(u, 'inspection submit', 'GET', '/api/inspections/inspector-options')) as
      { userId: number; certificateExpiresOn: string }[] | undefined;
    const lists = (await request(u, 'inspection submit', 'GET', '/api/checklists')) as
      { id: number; active: boolean; itemCount: number }[] | undefined;
    const inspectorIds = (pool ?? []).filter((p) => p.certificateExpiresOn >= today).map((p) => p.userId);
    const checklist = (lists ?? []).find((c) => c.active && c.itemCount > 0);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`signature of ${u.username}`)]);
    const stored = (await request(u, 'inspection submit', 'POST', '/api/attachments?fileName=signature.png', png)) as
      { sha256: string } | undefined;
    if (inspectorIds.length < 2 || !checklist || !stored) return null;
    return { inspectorIds: inspectorIds.slice(0, 2), checklistId: checklist.id, signature: stored.sha256 };
  };
  /**
   * 日常检查 of a firm on the user's list, as an officer records it on the phone: created, filled in (the first item
   * not compliant, which becomes a finding and a hazard) and submitted, each a real write.
   */
  const inspectionSubmit = async (u: TUser) => {
    const firm = pick(u.firms);
    if (!firm) return listFirms(u);
    if (u.inspecting === undefined) u.inspecting = await prepareInspecting(u);
    if (!u.inspecting) return;
    const { inspectorIds, checklistId, signature } = u.inspecting;
    const created = (await request(u, 'inspection submit', 'POST', '/api/inspections', {
      kind: 'ad_hoc',
      enterpriseId: firm,
      inspectedOn: bureauToday(),
      place: '企业生产现场',
      inspectorIds,
      checklistId,
    })) as { inspection: { id: number }; items: { id: number }[] } | undefined;
    if (!created) return;
    const id = created.inspection.id;
    const filled = await request(u, 'inspection submit', 'PATCH', `/api/inspections/${id}`, {
      answers: created.items.map((item, i) => ({
        itemId: item.id,
        result: i === 0 ? 'non_compliant' : 'compliant',
        ...(i === 0 ? { note: '现场检查发现：安全警示标志缺失' } : {}),
      })),
      representativeName: '企业安全负责人',
      signatureSha256: signature,
      conclusion: '发现一般事故隐患 1 项，责令限期整改',
    });
    if (!filled) return;
    if (await request(u, 'inspection submit', 'POST', `/api/inspections/${id}/submit`)) inspections++;
  };

  const ACTIONS: Record<TRole, TAction[]> = {
    town: [
      { kind: 'hazard list', weight: 25, run: listHazards },
      { kind: 'hazard detail', weight: 20, run: hazardDetail },
      { kind: 'hazard update', weight: 10, run: hazardUpdate },
      { kind: 'inspection submit', weight: 5, run: (u) => (u.inspects ? inspectionSubmit(u) : listFirms(u)) },
      { kind: 'enterprise list', weight: 15, run: listFirms },
      { kind: 'enterprise detail', weight: 10, run: firmDetail },
      {
        kind: 'inspection list',
        weight: 10,
        run: (u) => request(u, 'inspection list', 'GET', `/api/inspections?page=${page()}&pageSize=20`).then(() => {}),
      },
      { kind: 'workbench', weight: 10, run: (u) => request(u, 'workbench', 'GET', '/api/workbench').then(() => {}) },
    ],
    bureau: [
      { kind: 'enterprise list', weight: 20, run: listFirms },
      { kind: 'enterprise detail', weight: 10, run: firmDetail },
      { kind: 'hazard list', weight: 15, run: listHazards },
      { kind: 'hazard detail', weight: 10, run: hazardDetail },
      { kind: 'case list', weight: 15, run: (u) => request(u, 'case list', 'GET', `/api/cases?page=${page()}&pageSize=20`).then(() => {}) },
      {
        kind: 'inspection list',
        weight: 15,
        run: (u) => request(u, 'inspection list', 'GET', `/api/inspections?page=${page()}&pageSize=20`).then(() => {}),
      },
      { kind: 'workbench', weight: 15, run: (u) => request(u, 'workbench', 'GET', '/api/workbench').then(() => {}) },
    ],
    enterprise: [
      { kind: 'hazard list', weight: 50, run: listHazards },
      { kind: 'hazard detail', weight: 30, run: hazardDetail },
      { kind: 'workbench', weight: 20, run: (u) => request(u, 'workbench', 'GET', '/api/workbench').then(() => {}) },
    ],
  };
  const choose = (role: TRole): TAction => {
    const list = ACTIONS[role];
    let r = random() * list.reduce((s, a) => s + a.weight, 0);
    for (const a of list) if ((r -= a.weight) < 0) return a;
    return list[list.length - 1]!;
  };

  // The accounts, in the roles' shares (as far as the generated accounts allow), each signed in once.
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
    users.push({
      username,
      role: roleOf(username),
      cookie,
      hazards: [],
      firms: [],
      inspects: me.permissions.includes('inspection.record'),
    });
  }

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
          await choose(u.role).run(u);
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

  const quantile = (xs: number[], p: number) =>
    xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))] ?? Number.NaN;
  const byKind: TUserLoadResult['byKind'] = {};
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
  const requests = all.length + errors;
  return {
    users: users.length,
    seconds: elapsed,
    requests,
    rps: requests / elapsed,
    errors,
    firstErrors,
    byKind,
    p95: quantile(all, 95),
    writes,
    inspections,
    conflicts,
    serverCpuMsPerRequest: cpu === null ? null : cpu / Math.max(1, requests),
    serverPeakRssMiB: peakRss,
  };
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
