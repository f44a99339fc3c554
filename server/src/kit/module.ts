/**
 * The shape of a module. Each module has one manifest, `modules/<module>/<module>.module.ts`, made with
 * `defineModule`: its name, the permissions its routes use, the settings it owns, how its services are built
 * (from the platform core and the modules listed before it), its routes as endpoint contracts with handlers,
 * the events it listens to, its workbench items and what it does at start. `modules/index.ts` lists the
 * manifests, and `buildModules` wires them; nothing else wires a module by hand.
 */
import type { FastifyInstance } from 'fastify';
import type { TEventMap, TEventName, TPermission, TSettingKey } from '@yingji/domain';
import type { Db } from '../db/client';
import type { TAuditService } from '../modules/audit/audit.service';
import type { TSettingsService } from '../modules/settings/settings.service';
import type { TClock } from '../shared/context';
import type { TEventBus, TEventHandler } from './events';
import type { TLiveHub } from './live';
import type { TMapLayerDefinition, TMapRegistry } from './map';
import type { TJob, TNotifier, TReminderProvider, TReminderRegistry } from './notify';
import { mountEndpoint, type TRouteBinding } from './route';
import type { TSearchProvider, TSearchRegistry } from './search';
import type { TWorkbenchProvider, TWorkbenchRegistry } from './workbench';

/** What every module is given: the database, the clock, the platform's audit log, settings and event bus. */
export interface TCore {
  db: Db;
  clock: TClock;
  /** Where uploaded and generated files are kept. */
  filesDir: string;
  audit: TAuditService;
  settings: TSettingsService;
  events: TEventBus;
  workbench: TWorkbenchRegistry;
  search: TSearchRegistry;
  /** In-app notifications and SMS/voice messages (kit/notify.ts). */
  notify: TNotifier;
  /** Live pushes to open pages (kit/live.ts). */
  live: TLiveHub;
  /** Every manifest's reminder providers, scanned by the notification module. */
  reminders: TReminderRegistry;
  /** Every manifest's city map layers (kit/map.ts). */
  map: TMapRegistry;
}

/**
 * The modules' public APIs by module name. Each manifest adds its own entry by declaration merging:
 * `declare module '../../kit/module' { interface TModuleApis { hazard: THazardApi } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TModuleApis {}

export type TModuleName = keyof TModuleApis;

/** One event subscription of a module. */
export type TListener = { [N in TEventName]: { event: N; listener: string; handler: TEventHandler<N> } }[TEventName];

/** Pairs an event with its handler; the payload is typed by the event list (domain/src/shared/events.ts). */
export const listen = <N extends TEventName>(
  event: N,
  listener: string,
  handler: (tx: Db, payload: TEventMap[N], ctx: Parameters<TEventHandler<N>>[2]) => Promise<void>,
): TListener => ({ event, listener, handler }) as TListener;

export interface TModuleManifest<N extends TModuleName> {
  name: N;
  /** The module's Chinese name, for the docs and the route list. */
  title: string;
  /** The POLICY permissions its routes declare (checked at start: a route may use no other). */
  permissions: readonly TPermission[];
  /** The settings it owns (domain/src/settings/settings.registry.ts). */
  settings?: readonly TSettingKey[];
  /** Builds the module's API from the core and the modules listed before it in modules/index.ts. */
  create(core: TCore, modules: TModuleApis): TModuleApis[N];
  /** Registrations on the HTTP server before any route (an upload's content-type parser). */
  parsers?(app: FastifyInstance): void;
  /** Its HTTP endpoints, each a contract from domain/ with its handler. */
  routes?(api: TModuleApis[N], core: TCore): TRouteBinding[];
  /** Its event subscriptions. */
  listeners?(api: TModuleApis[N], core: TCore): TListener[];
  /** Its workbench items. */
  workbench?(api: TModuleApis[N], core: TCore): TWorkbenchProvider[];
  /** What the global search finds in it, answered from its own lists. */
  search?(api: TModuleApis[N], core: TCore): TSearchProvider[];
  /** Reminders it declares (kit/notify.ts): each due one is sent once to the centre of the users it names. */
  reminders?(api: TModuleApis[N], core: TCore): TReminderProvider[];
  /** Its layers on the city map (kit/map.ts), each a query scoped by the user's division and read permission. */
  mapLayers?(api: TModuleApis[N], core: TCore): TMapLayerDefinition[];
  /** Work on a schedule while the server runs (started by server.ts after `start`, stopped on close). */
  jobs?(api: TModuleApis[N], core: TCore): TJob[];
  /** Work at every start (reference data it ships and adds when missing), after every module is built. */
  start?(api: TModuleApis[N], core: TCore): Promise<void>;
}

/** Declares a module; the type ties its API to its entry in TModuleApis. */
export const defineModule = <N extends TModuleName>(manifest: TModuleManifest<N>): TModuleManifest<N> => manifest;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TAnyModule = TModuleManifest<any>;

export interface TBuiltModules {
  apis: TModuleApis;
  routes: { module: string; binding: TRouteBinding }[];
  jobs: (TJob & { module: string })[];
  mount(app: FastifyInstance): void;
  start(): Promise<void>;
}

/**
 * Builds the modules in list order: each may use the APIs of those before it (using a later one stops the start
 * with a message naming both), subscribes its listeners, adds its workbench providers and collects its routes.
 */
export function buildModules(core: TCore, manifests: readonly TAnyModule[]): TBuiltModules {
  const built: Record<string, unknown> = {};
  const names = new Set<string>();
  for (const m of manifests) {
    if (names.has(m.name)) throw new Error(`module ${m.name} is listed twice`);
    names.add(m.name);
  }
  const routes: TBuiltModules['routes'] = [];
  const jobs: TBuiltModules['jobs'] = [];
  for (const m of manifests) {
    const before = new Proxy(built, {
      get(target, key) {
        if (typeof key === 'string' && !(key in target))
          throw new Error(`module ${m.name} uses module ${key}, which is not built yet: list ${key} before ${m.name} in modules/index.ts`);
        return target[key as string];
      },
    }) as unknown as TModuleApis;
    const api = m.create(core, before);
    built[m.name] = api;
    for (const l of m.listeners?.(api, core) ?? []) core.events.on(l.event, `${m.name}: ${l.listener}`, l.handler as never);
    core.workbench.add(m.name, m.workbench?.(api, core) ?? []);
    core.search.add(m.name, m.search?.(api, core) ?? []);
    core.reminders.add(m.name, m.reminders?.(api, core) ?? []);
    core.map.add(m.name, m.mapLayers?.(api, core) ?? []);
    for (const job of m.jobs?.(api, core) ?? []) jobs.push({ ...job, module: m.name });
    for (const binding of m.routes?.(api, core) ?? []) {
      const access = binding.endpoint.access;
      if (access !== 'public' && access !== 'authenticated' && !m.permissions.includes(access))
        throw new Error(`${binding.endpoint.method} ${binding.endpoint.path} needs ${access}, which module ${m.name} does not declare`);
      routes.push({ module: m.name, binding });
    }
  }
  const apis = built as unknown as TModuleApis;
  return {
    apis,
    routes,
    jobs,
    mount(app) {
      for (const m of manifests) m.parsers?.(app);
      for (const { binding } of routes) mountEndpoint(app, binding);
    },
    async start() {
      for (const m of manifests) await m.start?.(apis[m.name as TModuleName], core);
    },
  };
}
