import type { FastifyInstance } from 'fastify';
import { createCaseExchangeService } from './case-exchange.service';
import { caseExchangeRoutes } from './case-exchange.routes';
import { createCaseReviewService } from './case-review.service';
import { caseReviewRoutes } from './case-review.routes';
import { caseRoutes } from './case.routes';
import { createCaseService } from './case.service';

/** The case module's services: cases (with the deregistration guard registered), file review, publication and exchange. */
export function createCaseModule(deps: Parameters<typeof createCaseService>[0]) {
  return Object.assign(createCaseService(deps), { reviews: createCaseReviewService(deps), exchange: createCaseExchangeService(deps) });
}
export type TCaseModule = ReturnType<typeof createCaseModule>;

export function caseModuleRoutes(app: FastifyInstance, cases: TCaseModule) {
  caseRoutes(app, cases);
  caseReviewRoutes(app, cases.reviews);
  caseExchangeRoutes(app, cases.exchange);
}
