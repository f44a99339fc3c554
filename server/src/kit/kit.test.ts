import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, defineEndpoint, type TEventMap } from '@yingji/domain';
import { createHarness, ORIGIN, type THarness } from '../../test/harness';
import { departments } from '../db/schema';
import { createEventBus } from './events';
import { buildModules, defineModule, listen, type TCore } from './module';
import { handle } from './route';
import { snapshotVersion } from './snapshot-cache';
import { createWorkbenchRegistry } from './workbench';

/** An upload route whose pre-check refuses a body over 16 bytes by its declared length; counts what ran. */
const probe = { checks: 0, parsed: 0, handled: 0 };
const probeEndpoint = defineEndpoint({
  method: 'POST',
  path: '/api/template/probe',
  access: 'authenticated',
  summary: '试探：上传前的检查',
  response: z.object({ bytes: z.number() }),
  status: 201,
});
const probeModule = defineModule({
  name: 'template',
  title: '试探',
  permissions: [],
  create: () => ({}) as never,
  parsers: (app) =>
    app.addContentTypeParser('application/x-kit-probe', { parseAs: 'buffer' }, (_req, body, done) => {
      probe.parsed++;
      done(null, body);
    }),
  routes: () => [
    handle(
      probeEndpoint,
      ({ request }) => {
        probe.handled++;
        return { bytes: (request.body as Buffer).length };
      },
      {
        preCheck: (request) => {
          probe.checks++;
          if (Number(request.headers['content-length']) > 16) throw new AppError('invalid', '试探文件不能超过 16 字节');
        },
      },
    ),
  ],
});

let h: THarness;
beforeAll(async () => {
  h = await createHarness({ extraModules: [probeModule] });
});
afterAll(() => h.close());

const SYSTEM = { actor: null, clientAddress: null };
const decided: TEventMap['case.penalty_decided'] = {
  enterpriseId: 1,
  caseId: 7,
  fineFen: 500_000,
  occurredAt: '2026-03-02T01:00:00.000Z',
  ref: 'case:7',
  summary: '罚款 5,000 元',
};

describe('the event bus', () => {
  it('runs each handler inside the writer’s transaction, in subscription order', async () => {
    const bus = createEventBus();
    const seen: string[] = [];
    bus.on('case.penalty_decided', 'first', async (tx, p) => {
      await tx.insert(departments).values({ name: `事件测试-${p.caseId}`, divisionCode: '4420' });
      seen.push('first');
    });
    bus.on('case.penalty_decided', 'second', async () => {
      seen.push('second');
    });
    await h.db.transaction((tx) => bus.emit(tx, 'case.penalty_decided', decided, SYSTEM));
    expect(seen).toEqual(['first', 'second']);
    expect(await h.db.select().from(departments).where(eq(departments.name, '事件测试-7'))).toHaveLength(1);
    expect(bus.subscriptions()).toEqual([
      { event: 'case.penalty_decided', listener: 'first' },
      { event: 'case.penalty_decided', listener: 'second' },
    ]);
  });

  it('drops what the handlers wrote when the writer’s transaction rolls back', async () => {
    const bus = createEventBus();
    bus.on('case.penalty_decided', 'writes', async (tx, p) => {
      await tx.insert(departments).values({ name: `回滚测试-${p.caseId}`, divisionCode: '4420' });
    });
    await expect(
      h.db.transaction(async (tx) => {
        await bus.emit(tx, 'case.penalty_decided', decided, SYSTEM);
        throw new Error('the writer fails after raising the event');
      }),
    ).rejects.toThrow('the writer fails');
    expect(await h.db.select().from(departments).where(eq(departments.name, '回滚测试-7'))).toHaveLength(0);
  });

  it('rolls the writer back when a handler fails', async () => {
    const bus = createEventBus();
    bus.on('case.penalty_decided', 'fails', async () => {
      throw new Error('listener failed');
    });
    await expect(
      h.db.transaction(async (tx) => {
        await tx.insert(departments).values({ name: '写入者', divisionCode: '4420' });
        await bus.emit(tx, 'case.penalty_decided', decided, SYSTEM);
      }),
    ).rejects.toThrow('listener failed');
    expect(await h.db.select().from(departments).where(eq(departments.name, '写入者'))).toHaveLength(0);
  });
});

describe('building modules from manifests', () => {
  const core = (): TCore => ({ ...h.services, events: createEventBus(), workbench: createWorkbenchRegistry() });

  it('refuses a module that uses one listed after it, naming both', () => {
    const early = defineModule({ name: 'template', title: '早', permissions: [], create: (_core, modules) => modules.audit as never });
    expect(() => buildModules(core(), [early])).toThrow('module template uses module audit, which is not built yet');
  });

  it('refuses a route whose permission the manifest does not declare', async () => {
    const { templateModule } = await import('../modules/_template/template.module');
    const undeclared = { ...templateModule, permissions: [] };
    expect(() => buildModules(core(), [undeclared])).toThrow(
      'GET /api/template/towns needs division.read, which module template does not declare',
    );
  });

  it('subscribes each manifest’s listeners under the module’s name', () => {
    const c = core();
    const m = defineModule({
      name: 'template',
      title: '监听',
      permissions: [],
      create: () => ({}) as never,
      listeners: () => [listen('hazard.closed', 'counts sign-offs', async () => {})],
    });
    buildModules(c, [m]);
    expect(c.events.subscriptions()).toEqual([{ event: 'hazard.closed', listener: 'template: counts sign-offs' }]);
  });
});

describe('a route’s pre-check', () => {
  const send = (bytes: number, cookie?: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/template/probe',
      headers: { origin: ORIGIN, 'content-type': 'application/x-kit-probe', ...(cookie ? { cookie } : {}) },
      payload: Buffer.alloc(bytes, 1),
    });

  it('runs after the auth gate and before the body is read, refusing an upload by its headers', async () => {
    const anonymous = await send(8);
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'unauthenticated']);
    expect(probe).toEqual({ checks: 0, parsed: 0, handled: 0 });

    const { cookie } = await h.userWithSession({ role: 'town_officer' });
    const tooBig = await send(32, cookie);
    expect([tooBig.statusCode, tooBig.json().message]).toEqual([400, '试探文件不能超过 16 字节']);
    expect(probe).toEqual({ checks: 1, parsed: 0, handled: 0 });

    const fits = await send(16, cookie);
    expect([fits.statusCode, fits.json()]).toEqual([201, { bytes: 16 }]);
    expect(probe).toEqual({ checks: 2, parsed: 1, handled: 1 });
  });
});

describe('the workbench keeps an answer while nothing changed', () => {
  /** A provider that counts departments and how often it was asked. */
  const setup = () => {
    const asked = { n: 0 };
    const registry = createWorkbenchRegistry();
    registry.add('template', [
      {
        key: 'template.departments',
        roles: ['bureau_officer'],
        items: async (db) => {
          asked.n++;
          const [row] = await db.select({ n: count() }).from(departments);
          return [
            { key: 'template.departments', group: 'watch', severity: 'info', title: '部门', hint: null, count: row!.n, href: '/org' },
          ];
        },
      },
    ]);
    return { asked, registry };
  };
  const officer = (id: number) => ({
    actor: { id, role: 'bureau_officer' as const, divisionCode: '4420', username: `u${id}`, displayName: '甲' },
    clientAddress: null,
  });
  const at = new Date('2026-03-02T08:00:10Z');

  /**
   * The snapshot is the whole server's: on a PostgreSQL server shared with other test files (CI runs them side by
   * side, each in its own database) any of their writes changes it too. So "not asked again" is claimed only for a
   * call during which, and since the kept answer's, the snapshot did not move; on the embedded database nothing
   * else writes, and every claim is checked.
   */
  const calls = (registry: ReturnType<typeof setup>['registry'], asked: { n: number }) => {
    let kept: string | null = null;
    return async (actor: ReturnType<typeof officer>, now: Date, expectAsked: boolean | 'unless-unchanged') => {
      const before = await snapshotVersion(h.db);
      const n = asked.n;
      const answer = await registry.forActor(h.db, actor, now);
      const after = await snapshotVersion(h.db);
      const unchanged = before === after && before === kept;
      if (expectAsked === true) expect(asked.n).toBe(n + 1);
      else if (unchanged) expect(asked.n).toBe(n);
      kept = before === after ? before : null;
      return answer;
    };
  };

  it('asks the providers again only after a write, a new minute or for another actor', async () => {
    const { asked, registry } = setup();
    const call = calls(registry, asked);
    const first = await call(officer(1), at, true);
    expect(await call(officer(1), new Date(at.getTime() + 30_000), 'unless-unchanged')).toMatchObject({ items: first.items });

    await h.db.insert(departments).values({ name: '工作台缓存测试', divisionCode: '4420' });
    const after = await call(officer(1), at, true);
    expect(after.items[0]!.count).toBe(first.items[0]!.count + 1);

    await call(officer(1), new Date(at.getTime() + 60_000), true);
    await call(officer(2), new Date(at.getTime() + 60_000), true);
  });

  it('counts a rolled-back write as a change: the providers are asked again, and count the same', async () => {
    const { asked, registry } = setup();
    const call = calls(registry, asked);
    const before = await call(officer(3), at, true);
    await expect(
      h.db.transaction(async (tx) => {
        await tx.insert(departments).values({ name: '回滚的部门', divisionCode: '4420' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const again = await call(officer(3), at, true);
    expect(again.items[0]!.count).toBe(before.items[0]!.count);
    expect(await call(officer(3), at, 'unless-unchanged')).toMatchObject({ items: again.items });
  });

  it('shares one computation among an actor’s requests that arrive together', async () => {
    const { asked, registry } = setup();
    const before = await snapshotVersion(h.db);
    const answers = await Promise.all(Array.from({ length: 5 }, () => registry.forActor(h.db, officer(4), at)));
    if (before === (await snapshotVersion(h.db))) {
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(asked.n).toBe(1);
    } else expect(asked.n).toBeLessThanOrEqual(5);
  });
});
