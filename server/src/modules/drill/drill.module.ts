/**
 * The drill module's manifest: emergency plans (应急预案) with their drill duty, drills and their review tasks, and
 * training counted from records. Raises `drill.held` and `drill.task_signed_off`.
 */
import {
  AppError,
  drillEndpoints as d,
  drillTaskEndpoints as t,
  emergencyPlanEndpoints as p,
  trainingEndpoints as tr,
} from '@yingji/domain';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import { DOCX_MIME, sendFile } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TActorContext } from '../../shared/context';
import type { TAttachmentService } from '../attachment/attachment.service';
import { createReadCache } from './drill-cache';
import { createDrillViews } from './drill-views.service';
import { createDrillService } from './drill.service';
import { drillActor } from './drill-actor';
import { createPlanService } from './plan.service';
import { createTrainingService } from './training.service';

function createDrillApi(core: TCore, attachments: TAttachmentService) {
  // one cache for the module's heavy reads, cleared by every plan or drill write
  const cache = createReadCache();
  const drills = createDrillService({ ...core, attachments, cache });
  return {
    plans: createPlanService({ ...core, attachments, cache }),
    drills,
    views: createDrillViews({ ...core, drills, cache }),
    training: createTrainingService(core),
  };
}
export type TDrillApi = ReturnType<typeof createDrillApi>;

declare module '../../kit/module' {
  interface TModuleApis {
    drill: TDrillApi;
  }
}

const asActor = (core: TCore, actor: TActorContext) => drillActor(core.db, { actor, clientAddress: null }, 'drill.read');

export const drillModule = defineModule({
  name: 'drill',
  title: '预案、演练与培训',
  permissions: ['drill.read', 'drill.plan', 'drill.record', 'drill.training'],
  settings: ['drillDuties'],
  create: (core, { attachment }) => createDrillApi(core, attachment),
  routes: ({ plans, drills, views, training }) => [
    handle(p.list, ({ ctx, query }) => plans.list(ctx, query)),
    handle(p.export, async ({ ctx, query, reply }) => sendFile(reply, await plans.ledgerExport(ctx, query), 'emergency-plans.xlsx')),
    handle(p.compliance, ({ ctx, query }) => plans.compliance(ctx, query)),
    handle(p.create, ({ ctx, body }) => plans.create(ctx, body)),
    handle(p.get, ({ ctx, params }) => plans.get(ctx, params.id)),
    handle(p.update, ({ ctx, params, body }) => plans.update(ctx, params.id, body)),
    handle(p.revise, ({ ctx, params, body }) => plans.revise(ctx, params.id, body)),
    handle(p.resourceOptions, ({ ctx, query }) => plans.resourceOptions(ctx, query)),
    handle(d.list, ({ ctx, query }) => drills.list(ctx, query)),
    handle(d.export, async ({ ctx, query, reply }) => sendFile(reply, await views.ledgerExport(ctx, query), 'drills.xlsx')),
    handle(d.stats, ({ ctx, query }) => views.stats(ctx, query.year)),
    handle(d.create, ({ ctx, body }) => drills.create(ctx, body)),
    handle(d.get, ({ ctx, params }) => drills.get(ctx, params.id)),
    handle(d.review, async ({ ctx, params, reply }) =>
      sendFile(reply, await views.reviewDocument(ctx, params.id), 'drill-review.docx', DOCX_MIME),
    ),
    handle(d.record, ({ ctx, params, body }) => drills.record(ctx, params.id, body)),
    handle(d.finding, ({ ctx, params, body }) => drills.addFinding(ctx, params.id, body)),
    handle(d.calendar, ({ ctx, query }) => views.calendar(ctx, query)),
    handle(d.assignees, ({ ctx }) => drills.assignees(ctx)),
    handle(t.list, ({ ctx, query }) => drills.listTasks(ctx, query)),
    handle(t.export, async ({ ctx, query, reply }) => sendFile(reply, await views.tasksExport(ctx, query), 'drill-tasks.xlsx')),
    handle(t.complete, ({ ctx, params, body }) => drills.complete(ctx, params.id, body)),
    handle(t.signOff, ({ ctx, params, body }) => drills.signOff(ctx, params.id, body)),
    handle(t.reject, ({ ctx, params, body }) => drills.reject(ctx, params.id, body)),
    handle(tr.list, ({ ctx, query }) => training.list(ctx, query)),
    handle(tr.totals, ({ ctx, query }) => training.totals(ctx, query)),
    handle(tr.export, async ({ ctx, query, reply }) => sendFile(reply, await training.ledgerExport(ctx, query), 'training.xlsx')),
    handle(tr.create, ({ ctx, body }) => training.create(ctx, body)),
    handle(tr.get, ({ ctx, params }) => training.get(ctx, params.id)),
    handle(tr.attendance, ({ ctx, params, query, request }) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('invalid', '请上传 .xlsx 或 .csv 格式的签到表', { field: 'file' });
      return training.importAttendance(ctx, params.id, { body: request.body, fileName: query.fileName, mapping: query.mapping });
    }),
  ],
  workbench: ({ plans, drills }, core) => [
    {
      key: 'drill.plans_overdue',
      roles: ['bureau_officer', 'bureau_leader', 'town_officer', 'enterprise_user'],
      items: async (_db, actor) => [
        {
          key: 'drill.plans_overdue',
          group: 'todo',
          severity: 'warning',
          title: '逾期未演练的应急预案',
          hint: '超过规定演练周期未组织演练',
          count: await plans.workbench.overdue(await asActor(core, actor)),
          href: '/drill/plans?overdue=true',
        },
      ],
    },
    {
      key: 'drill.my_tasks',
      roles: ['bureau_officer', 'bureau_leader', 'town_officer', 'enterprise_user', 'duty_officer'],
      items: async (_db, actor) => [
        {
          key: 'drill.my_tasks',
          group: 'todo',
          severity: 'info',
          title: '我负责的演练整改任务',
          hint: '复盘发现的问题，完成后提交证明',
          count: await drills.workbench.myTasks(await asActor(core, actor)),
          href: '/drill/tasks?mine=owner',
        },
      ],
    },
    {
      key: 'drill.to_sign_off',
      roles: ['bureau_officer', 'bureau_leader', 'town_officer', 'enterprise_user'],
      items: async (_db, actor) => [
        {
          key: 'drill.to_sign_off',
          group: 'todo',
          severity: 'info',
          title: '待验收的演练整改任务',
          hint: '由责任人以外的人员验收销号',
          count: await drills.workbench.toSignOff(await asActor(core, actor)),
          href: '/drill/tasks?mine=signer',
        },
      ],
    },
  ],
});
