import { departmentEndpoints, divisionEndpoints, userEndpoints } from '@yingji/domain';
import { handle, type TRouteBinding } from '../../kit/route';
import type { TUsersService } from './users.service';

/** Users, departments and divisions, mounted from their contracts. */
export const usersRoutes = (users: TUsersService): TRouteBinding[] => [
  handle(userEndpoints.list, ({ ctx, query }) => users.list(ctx, query)),
  handle(userEndpoints.create, ({ ctx, body }) => users.create(ctx, body)),
  handle(userEndpoints.update, ({ ctx, params, body }) => users.update(ctx, params.id, body)),
  handle(userEndpoints.resetPassword, ({ ctx, params }) => users.resetPassword(ctx, params.id)),
  handle(departmentEndpoints.list, ({ ctx }) => users.listDepartments(ctx)),
  handle(departmentEndpoints.create, ({ ctx, body }) => users.createDepartment(ctx, body)),
  handle(divisionEndpoints.list, ({ ctx }) => users.listDivisions(ctx)),
  handle(divisionEndpoints.cityTowns, ({ ctx }) => users.listCityTowns(ctx)),
  handle(divisionEndpoints.history, ({ ctx }) => users.listDivisionHistory(ctx)),
];
