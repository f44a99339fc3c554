/**
 * The accident module's manifest: accident and emergency records on the statutory report clocks (国务院令第493号),
 * their statistics, and the duty room (值班值守). Raises `accident.recorded` for an accident at a registered firm.
 */
import { accidentEndpoints, dutyEndpoints } from '@yingji/domain';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import { sendFile } from '../../kit/ledger-export';
import { sendJson } from '../../kit/snapshot-cache';
import { createAccidentStatsService } from './accident-stats.service';
import { createAccidentService } from './accident.service';
import { createDutyService } from './duty.service';
import { accidentObligations } from './accident.obligations';
import { accidentSearch } from './accident.search';
import { accidentMapLayers } from './accident.map';

function createAccidentApi(core: Parameters<typeof createAccidentService>[0] & Parameters<typeof createDutyService>[0]) {
  return { records: createAccidentService(core), stats: createAccidentStatsService(core), duty: createDutyService(core) };
}
export type TAccidentApi = ReturnType<typeof createAccidentApi>;

declare module '../../kit/module' {
  interface TModuleApis {
    accident: TAccidentApi;
  }
}

const e = accidentEndpoints;
const d = dutyEndpoints;

export const accidentModule = defineModule({
  name: 'accident',
  title: '事故与值班',
  permissions: ['accident.read', 'accident.report', 'accident.manage', 'duty.read', 'duty.manage'],
  create: (core, { enterprise }) => {
    // An open investigation is an obligation in the deregistration guard.
    enterprise.enterprises.registerObligationProvider(accidentObligations);
    return createAccidentApi(core);
  },
  routes: ({ records, stats, duty }) => [
    handle(e.list, ({ ctx, query }) => records.list(ctx, query)),
    handle(e.export, async ({ ctx, query, reply }) => {
      const file = await stats.ledgerExport(ctx, query);
      return sendFile(reply, file, `accidents-${file.date}.xlsx`);
    }),
    handle(e.stats, async ({ ctx, query, reply }) => sendJson(reply, await stats.statsJson(ctx, query))),
    handle(e.statsExport, async ({ ctx, query, reply }) => {
      const file = await stats.statsExport(ctx, query);
      return sendFile(reply, file, `accident-stats-${query.period}.xlsx`);
    }),
    handle(e.create, ({ ctx, body }) => records.create(ctx, body)),
    handle(e.get, ({ ctx, params }) => records.get(ctx, params.id)),
    handle(e.step, ({ ctx, params, body }) => records.recordStep(ctx, params.id, body)),
    handle(e.casualties, ({ ctx, params, body }) => records.changeCasualties(ctx, params.id, body)),
    handle(e.finding, ({ ctx, params, body }) => records.recordFinding(ctx, params.id, body)),
    handle(e.openInvestigation, ({ ctx, params, body }) => records.openInvestigation(ctx, params.id, body)),
    handle(e.extendInvestigation, ({ ctx, params, body }) => records.extendInvestigation(ctx, params.id, body)),
    handle(e.submitReport, ({ ctx, params, body }) => records.submitReport(ctx, params.id, body)),
    handle(e.reply, ({ ctx, params, body }) => records.reply(ctx, params.id, body)),
    handle(e.close, ({ ctx, params, body }) => records.close(ctx, params.id, body.note)),
    handle(d.roster, ({ ctx, query }) => duty.roster(ctx, query.from, query.to)),
    handle(d.setDay, ({ ctx, params, body }) => duty.setDay(ctx, params.date, body.people)),
    handle(d.swap, ({ ctx, body }) => duty.swap(ctx, body)),
    handle(d.now, ({ ctx }) => duty.now(ctx)),
    handle(d.log, ({ ctx, query }) => duty.log(ctx, query)),
    handle(d.addLog, ({ ctx, body }) => duty.addLog(ctx, body)),
  ],
  listeners: () => [],
  search: (api) => accidentSearch(api),
  workbench: ({ records, duty }) => [
    {
      key: 'accident.pending',
      roles: ['duty_officer', 'bureau_officer'],
      items: async (_db, actor) => {
        const { pending, late } = await records.workbench.pending(actor);
        return [
          {
            key: 'accident.pending',
            group: 'todo',
            severity: late > 0 ? 'danger' : 'warning',
            title: '未上报的事故信息',
            hint: late > 0 ? `其中 ${late} 起已超过上报时限（迟报）` : '接报后 2 小时内须向上级报告',
            count: pending,
            href: '/accidents?pending=true',
          },
        ];
      },
    },
    {
      key: 'accident.investigation_due',
      roles: ['duty_officer', 'bureau_officer'],
      items: async (_db, actor) => [
        {
          key: 'accident.investigation_due',
          group: 'todo',
          severity: 'warning',
          title: '15 日内到期的事故调查',
          hint: '调查报告应在事故发生之日起 60 日内提交',
          count: await records.workbench.investigationsDue(actor),
          href: '/accidents',
        },
      ],
    },
    {
      key: 'accident.follow_up',
      roles: ['town_officer'],
      items: async (_db, actor) => [
        {
          key: 'accident.follow_up',
          group: 'todo',
          severity: 'info',
          title: '待续报的事故',
          hint: '伤亡变化须在 30 日内（道路交通、火灾 7 日内）续报',
          count: await records.workbench.missingFollowUp(actor),
          href: '/accidents',
        },
      ],
    },
    {
      key: 'duty.gaps',
      roles: ['duty_officer', 'bureau_officer'],
      items: async (_db, actor) => [
        {
          key: 'duty.gaps',
          group: 'watch',
          severity: 'warning',
          title: '未来 7 天缺岗的值班日',
          hint: '缺带班领导或值班员',
          count: await duty.gapsAhead(actor),
          href: '/duty',
        },
      ],
    },
  ],
  mapLayers: () => accidentMapLayers,
});
