import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type THarness } from '../../test/harness';

/**
 * The full list of routes with their access rule, written out: adding or removing a route, or changing who
 * may call it, fails here until this table is updated in the same change, so every such change is seen in
 * review. What each identity actually gets from each route is checked in route-walk.test.ts.
 * Sorted by url, then method; 'while-expired' marks the routes reachable while the password must change.
 */
const ROUTE_TABLE: [method: string, url: string, access: string, expired?: 'while-expired'][] = [
  ['POST', '/api/attachments', 'attachment.upload'],
  ['GET', '/api/attachments/:sha256', 'attachment.read'],
  ['GET', '/api/audit', 'audit.read'],
  ['GET', '/api/audit/export', 'audit.read'],
  ['GET', '/api/audit/verify', 'audit.read'],
  ['POST', '/api/auth/change-password', 'authenticated', 'while-expired'],
  ['POST', '/api/auth/login', 'public'],
  ['POST', '/api/auth/logout', 'authenticated', 'while-expired'],
  ['GET', '/api/auth/me', 'authenticated', 'while-expired'],
  ['GET', '/api/campaigns', 'hazard.read'],
  ['POST', '/api/campaigns', 'hazard.campaign'],
  ['PUT', '/api/campaigns/:id', 'hazard.campaign'],
  ['GET', '/api/case-review-tasks', 'case.read'],
  ['POST', '/api/case-review-tasks/:id/resolve', 'case.handle'],
  ['GET', '/api/case-reviews', 'case.file_review'],
  ['POST', '/api/case-reviews', 'case.file_review'],
  ['GET', '/api/case-reviews/:id', 'case.file_review'],
  ['POST', '/api/case-reviews/:id/files/:caseId', 'case.file_review'],
  ['GET', '/api/case-reviews/:id/report', 'case.file_review'],
  ['GET', '/api/case-violations', 'case.read'],
  ['PUT', '/api/case-violations', 'case.catalogue'],
  ['GET', '/api/cases', 'case.read'],
  ['POST', '/api/cases', 'case.handle'],
  ['GET', '/api/cases/:id', 'case.read'],
  ['POST', '/api/cases/:id/approve-filing', 'case.approve'],
  ['POST', '/api/cases/:id/close', 'case.approve'],
  ['POST', '/api/cases/:id/conclude-hearing', 'case.handle'],
  ['POST', '/api/cases/:id/decide', 'case.approve'],
  ['POST', '/api/cases/:id/decide-on-spot', 'case.handle'],
  ['POST', '/api/cases/:id/deliberate', 'case.deliberate'],
  ['GET', '/api/cases/:id/documents/:docId', 'case.read'],
  ['POST', '/api/cases/:id/evidence', 'case.handle'],
  ['POST', '/api/cases/:id/extend', 'case.approve'],
  ['POST', '/api/cases/:id/inquiries', 'case.handle'],
  ['POST', '/api/cases/:id/legal-review', 'case.legal_review'],
  ['POST', '/api/cases/:id/notify', 'case.handle'],
  ['POST', '/api/cases/:id/propose', 'case.handle'],
  ['POST', '/api/cases/:id/record-payment', 'case.handle'],
  ['POST', '/api/cases/:id/record-statement', 'case.handle'],
  ['POST', '/api/cases/:id/request-deliberation', 'case.handle'],
  ['POST', '/api/cases/:id/request-hearing', 'case.handle'],
  ['POST', '/api/cases/:id/request-legal-review', 'case.handle'],
  ['POST', '/api/cases/:id/schedule-hearing', 'case.handle'],
  ['POST', '/api/cases/:id/serve', 'case.handle'],
  ['POST', '/api/cases/:id/start-investigation', 'case.handle'],
  ['POST', '/api/cases/:id/waive-rights', 'case.handle'],
  ['POST', '/api/cases/:id/withdraw', 'case.approve'],
  ['GET', '/api/cases/export', 'case.read'],
  ['GET', '/api/cases/fines', 'case.read'],
  ['GET', '/api/cases/stages', 'case.read'],
  ['GET', '/api/checklists', 'inspection.read'],
  ['POST', '/api/checklists', 'inspection.catalogue'],
  ['GET', '/api/checklists/:id', 'inspection.read'],
  ['PUT', '/api/checklists/:id/items', 'inspection.catalogue'],
  ['GET', '/api/departments', 'department.read'],
  ['POST', '/api/departments', 'department.manage'],
  ['GET', '/api/divisions', 'division.read'],
  ['GET', '/api/divisions/history', 'division.read'],
  ['GET', '/api/divisions/towns', 'division.read'],
  ['GET', '/api/draws/:id', 'inspection.read'],
  ['POST', '/api/draws/:id/execute', 'inspection.plan'],
  ['GET', '/api/draws/:id/inputs', 'inspection.read'],
  ['POST', '/api/draws/:id/publish', 'inspection.plan'],
  ['POST', '/api/draws/:id/redraw', 'inspection.plan'],
  ['GET', '/api/draws/:id/verify', 'inspection.read'],
  ['POST', '/api/enterprise-imports/apply', 'enterprise.import'],
  ['POST', '/api/enterprise-imports/preview', 'enterprise.import'],
  ['GET', '/api/enterprise-transfers', 'enterprise.read'],
  ['POST', '/api/enterprise-transfers/:id/decision', 'enterprise.manage'],
  ['GET', '/api/enterprises', 'enterprise.read'],
  ['POST', '/api/enterprises', 'enterprise.manage'],
  ['GET', '/api/enterprises/:id', 'enterprise.read'],
  ['PATCH', '/api/enterprises/:id', 'enterprise.manage'],
  ['POST', '/api/enterprises/:id/status', 'enterprise.manage'],
  ['POST', '/api/enterprises/:id/transfers', 'enterprise.manage'],
  ['GET', '/api/enterprises/alerts', 'enterprise.alerts'],
  ['GET', '/api/enterprises/export', 'enterprise.read'],
  ['GET', '/api/findings', 'inspection.read'],
  ['GET', '/api/findings/export', 'inspection.read'],
  ['GET', '/api/hazard-criteria', 'hazard.read'],
  ['GET', '/api/hazard-stats/clearing', 'hazard.stats'],
  ['GET', '/api/hazard-stats/dashboard', 'hazard.stats'],
  ['GET', '/api/hazard-stats/dashboard.xlsx', 'hazard.stats'],
  ['GET', '/api/hazard-stats/map', 'hazard.stats'],
  ['GET', '/api/hazard-stats/self-found', 'hazard.stats'],
  ['GET', '/api/hazards', 'hazard.read'],
  ['POST', '/api/hazards', 'hazard.report'],
  ['GET', '/api/hazards/:id', 'hazard.read'],
  ['POST', '/api/hazards/:id/actions', 'hazard.rectify'],
  ['GET', '/api/hazards/:id/order.docx', 'hazard.read'],
  ['GET', '/api/hazards/export.xlsx', 'hazard.read'],
  ['POST', '/api/hazards/from-findings', 'hazard.manage'],
  ['GET', '/api/health', 'public'],
  ['GET', '/api/inspection-items', 'inspection.read'],
  ['POST', '/api/inspection-items', 'inspection.catalogue'],
  ['GET', '/api/inspection-items/export', 'inspection.read'],
  ['GET', '/api/inspection-plans', 'inspection.read'],
  ['POST', '/api/inspection-plans', 'inspection.plan'],
  ['GET', '/api/inspection-plans/:id', 'inspection.read'],
  ['PATCH', '/api/inspection-plans/:id', 'inspection.plan'],
  ['POST', '/api/inspection-plans/:id/approve', 'inspection.plan'],
  ['GET', '/api/inspection-plans/:id/draws', 'inspection.read'],
  ['POST', '/api/inspection-plans/:id/draws', 'inspection.plan'],
  ['GET', '/api/inspection-progress/plans', 'inspection.read'],
  ['GET', '/api/inspection-progress/plans/:id', 'inspection.read'],
  ['GET', '/api/inspection-progress/plans/:id/export', 'inspection.read'],
  ['GET', '/api/inspection-progress/plans/:id/frequency', 'inspection.read'],
  ['GET', '/api/inspection-stats', 'inspection.read'],
  ['GET', '/api/inspection-stats/export', 'inspection.read'],
  ['GET', '/api/inspections', 'inspection.read'],
  ['POST', '/api/inspections', 'inspection.record'],
  ['GET', '/api/inspections/:id', 'inspection.read'],
  ['PATCH', '/api/inspections/:id', 'inspection.record'],
  ['GET', '/api/inspections/:id/hazards', 'hazard.read'],
  ['POST', '/api/inspections/:id/publish', 'inspection.record'],
  ['GET', '/api/inspections/:id/record.docx', 'inspection.read'],
  ['POST', '/api/inspections/:id/submit', 'inspection.record'],
  ['GET', '/api/inspections/export', 'inspection.read'],
  ['GET', '/api/inspections/inspector-options', 'inspection.read'],
  ['GET', '/api/inspections/pending-targets', 'inspection.read'],
  ['GET', '/api/inspectors', 'inspection.inspectors'],
  ['POST', '/api/inspectors', 'inspection.inspectors'],
  ['PATCH', '/api/inspectors/:id', 'inspection.inspectors'],
  ['GET', '/api/inspectors/:id/conflicts', 'inspection.inspectors'],
  ['POST', '/api/inspectors/:id/conflicts', 'inspection.inspectors'],
  ['DELETE', '/api/inspectors/:id/conflicts/:enterpriseId', 'inspection.inspectors'],
  ['GET', '/api/inspectors/candidates', 'inspection.inspectors'],
  ['GET', '/api/inspectors/export', 'inspection.inspectors'],
  ['GET', '/api/openapi.json', 'public'],
  ['GET', '/api/public/case-decisions', 'public'],
  ['GET', '/api/public/draws', 'public'],
  ['GET', '/api/public/draws/:id', 'public'],
  ['GET', '/api/public/draws/:id/inputs', 'public'],
  ['POST', '/api/risk-imports/apply', 'risk.assess'],
  ['POST', '/api/risk-imports/preview', 'risk.assess'],
  ['GET', '/api/risk-imports/template', 'risk.assess'],
  ['GET', '/api/risk/distribution', 'risk.read'],
  ['GET', '/api/risk/enterprises/:id', 'risk.read'],
  ['POST', '/api/risk/enterprises/:id/events', 'risk.assess'],
  ['POST', '/api/risk/enterprises/:id/grade', 'risk.assess'],
  ['POST', '/api/risk/evaluations', 'risk.decide'],
  ['GET', '/api/risk/expiring', 'risk.read'],
  ['GET', '/api/risk/map', 'risk.read'],
  ['GET', '/api/risk/proposals', 'risk.read'],
  ['POST', '/api/risk/proposals/:id/decision', 'risk.decide'],
  ['GET', '/api/settings', 'settings.read'],
  ['PUT', '/api/settings/:key', 'settings.manage'],
  ['GET', '/api/supervisions', 'hazard.stats'],
  ['POST', '/api/supervisions', 'hazard.supervise'],
  ['GET', '/api/supervisions/:id', 'hazard.stats'],
  ['POST', '/api/supervisions/:id/actions', 'hazard.supervise'],
  ['POST', '/api/supervisions/:id/lift', 'hazard.supervise'],
  ['GET', '/api/users', 'user.read'],
  ['POST', '/api/users', 'user.manage'],
  ['PATCH', '/api/users/:id', 'user.manage'],
  ['POST', '/api/users/:id/reset-password', 'user.manage'],
  ['GET', '/api/workbench', 'authenticated'],
];

let h: THarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('the registered routes', () => {
  it('are exactly the written table, with the same access rules', () => {
    const byUrlThenMethod = (a: { url: string; method: string }, b: { url: string; method: string }) =>
      a.url < b.url ? -1 : a.url > b.url ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
    const registered = [...h.routes]
      .sort(byUrlThenMethod)
      .map((r) => [r.method, r.url, r.access, ...(r.allowWhenPasswordExpired ? ['while-expired'] : [])]);
    expect(registered).toEqual(ROUTE_TABLE);
  });

  it('answers an unknown API path with a Chinese 404', async () => {
    const res = await h.call('GET', '/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'not_found', message: '没有这个接口：GET /api/nothing-here' });
  });

  it('publishes the OpenAPI document generated from the contracts', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/auth/login', '/api/audit', '/api/settings/{key}']));
    expect(doc.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['username', 'displayName', 'role', 'divisionCode']),
    );
  });
});
