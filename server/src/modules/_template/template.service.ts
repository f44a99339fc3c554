/**
 * TEMPLATE — a service is a factory taking its dependencies by name. Access goes through kit/access (permission,
 * then load in scope); a change runs in one transaction with its audit entry and the events it raises
 * (`events.emit(tx, 'x.happened', payload, ctx)`), never a call into another module's service.
 */
import type { TTemplateTown } from '@yingji/domain/_template/template.schema';
import { loadInScope, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import * as repo from './template.repo';

export function createTemplateService({ db }: Pick<TCore, 'db'>) {
  async function towns(ctx: TRequestContext): Promise<{ items: TTemplateTown[] }> {
    const actor = requirePermission(ctx, 'division.read');
    return { items: await repo.listTowns(db, actor.divisionCode) };
  }

  async function town(ctx: TRequestContext, code: string): Promise<TTemplateTown> {
    const { row } = await loadInScope(
      ctx,
      'division.read',
      () => repo.findTown(db, code),
      (t) => t.code,
      '镇街不存在',
    );
    return row;
  }

  return { towns, town };
}
export type TTemplateService = ReturnType<typeof createTemplateService>;
