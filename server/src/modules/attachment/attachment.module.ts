import { defineModule } from '../../kit/module';
import { attachmentRoutes } from './attachment.routes';
import { createAttachmentService, type TAttachmentService } from './attachment.service';

declare module '../../kit/module' {
  interface TModuleApis {
    attachment: TAttachmentService;
  }
}

/** Uploaded photos, signatures and evidence, content-addressed, read only in the scope of the records using them. */
export const attachmentModule = defineModule({
  name: 'attachment',
  title: '附件',
  permissions: ['attachment.read', 'attachment.upload'],
  create: ({ db, audit, clock, filesDir }) => createAttachmentService({ db, audit, clock, filesDir }),
  fastifyRoutes: (app, attachments) => attachmentRoutes(app, { attachments }),
});
