import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './app-layout';
import { ChangePasswordPage } from './change-password-page';
import { FullPageSpin, NotFoundPage, RequirePermission, RequireSession } from './guards';
import { HomePage } from './home-page';
import { SearchPage } from './search-page';
import { LoginPage } from './login-page';

// one chunk per module, loaded when first opened
const UsersPage = lazy(() => import('../features/org/users-page').then((m) => ({ default: m.UsersPage })));
const DepartmentsPage = lazy(() => import('../features/org/departments-page').then((m) => ({ default: m.DepartmentsPage })));
const SettingsPage = lazy(() => import('../features/org/settings-page').then((m) => ({ default: m.SettingsPage })));
const EnterprisesPage = lazy(() => import('../features/enterprise/enterprises-page').then((m) => ({ default: m.EnterprisesPage })));
const EnterpriseDetailPage = lazy(() =>
  import('../features/enterprise/enterprise-detail-page').then((m) => ({ default: m.EnterpriseDetailPage })),
);
const EnterpriseImportPage = lazy(() => import('../features/enterprise/import-page').then((m) => ({ default: m.ImportPage })));
const EnterpriseTransfersPage = lazy(() => import('../features/enterprise/transfers-page').then((m) => ({ default: m.TransfersPage })));
const EnterpriseAlertsPage = lazy(() => import('../features/enterprise/alerts-page').then((m) => ({ default: m.AlertsPage })));
const inspection = {
  list: lazy(() => import('../features/inspection/inspections-page').then((m) => ({ default: m.InspectionsPage }))),
  create: lazy(() => import('../features/inspection/inspection-new-page').then((m) => ({ default: m.InspectionNewPage }))),
  record: lazy(() => import('../features/inspection/inspection-record-page').then((m) => ({ default: m.InspectionRecordPage }))),
  detail: lazy(() => import('../features/inspection/inspection-detail-page').then((m) => ({ default: m.InspectionDetailPage }))),
  findings: lazy(() => import('../features/inspection/findings-page').then((m) => ({ default: m.FindingsPage }))),
  catalogue: lazy(() => import('../features/inspection/catalogue-page').then((m) => ({ default: m.CataloguePage }))),
};
const InspectorsPage = lazy(() => import('../features/inspection/inspectors-page').then((m) => ({ default: m.InspectorsPage })));
const PlansPage = lazy(() => import('../features/inspection/plans-page').then((m) => ({ default: m.PlansPage })));
const PlanDetailPage = lazy(() => import('../features/inspection/plan-detail-page').then((m) => ({ default: m.PlanDetailPage })));
const DrawDetailPage = lazy(() => import('../features/inspection/draw-detail-page').then((m) => ({ default: m.DrawDetailPage })));
const PublicLayout = lazy(() => import('../features/public/public-layout').then((m) => ({ default: m.PublicLayout })));
const PublicDrawsPage = lazy(() => import('../features/public/public-draws-page').then((m) => ({ default: m.PublicDrawsPage })));
const PublicDrawPage = lazy(() => import('../features/public/public-draw-page').then((m) => ({ default: m.PublicDrawPage })));
const RiskDistributionPage = lazy(() => import('../features/risk/distribution-page').then((m) => ({ default: m.DistributionPage })));
const RiskProposalsPage = lazy(() => import('../features/risk/proposals-page').then((m) => ({ default: m.ProposalsPage })));
const RiskExpiringPage = lazy(() => import('../features/risk/expiring-page').then((m) => ({ default: m.ExpiringPage })));
const RiskMapPage = lazy(() => import('../features/risk/risk-map-page').then((m) => ({ default: m.RiskMapPage })));
const RiskImportPage = lazy(() => import('../features/risk/assessment-import-page').then((m) => ({ default: m.AssessmentImportPage })));
const InspectionProgressPage = lazy(() => import('../features/inspection/progress-page').then((m) => ({ default: m.ProgressPage })));
const InspectionStatsPage = lazy(() => import('../features/inspection/stats-page').then((m) => ({ default: m.StatsPage })));
// hazard views (issue 5 §4, §5, §7): statistics, map, listed supervision, campaigns
const hazardViews = {
  dashboard: lazy(() => import('../features/hazard/dashboard-page').then((m) => ({ default: m.DashboardPage }))),
  clearing: lazy(() => import('../features/hazard/clearing-page').then((m) => ({ default: m.ClearingPage }))),
  selfFound: lazy(() => import('../features/hazard/self-found-page').then((m) => ({ default: m.SelfFoundPage }))),
  map: lazy(() => import('../features/hazard/hazard-map-page').then((m) => ({ default: m.HazardMapPage }))),
  supervisions: lazy(() => import('../features/hazard/supervisions-page').then((m) => ({ default: m.SupervisionsPage }))),
  supervision: lazy(() => import('../features/hazard/supervision-detail-page').then((m) => ({ default: m.SupervisionDetailPage }))),
  campaigns: lazy(() => import('../features/hazard/campaigns-page').then((m) => ({ default: m.CampaignsPage }))),
};
// hazard records (issue 5)
const hazard = {
  list: lazy(() => import('../features/hazard/hazards-page').then((m) => ({ default: m.HazardsPage }))),
  create: lazy(() => import('../features/hazard/hazard-new-page').then((m) => ({ default: m.HazardNewPage }))),
  detail: lazy(() => import('../features/hazard/hazard-detail-page').then((m) => ({ default: m.HazardDetailPage }))),
};
const caseModule = {
  list: lazy(() => import('../features/case/cases-page').then((m) => ({ default: m.CasesPage }))),
  create: lazy(() => import('../features/case/case-new-page').then((m) => ({ default: m.CaseNewPage }))),
  detail: lazy(() => import('../features/case/case-detail-page').then((m) => ({ default: m.CaseDetailPage }))),
  catalogue: lazy(() => import('../features/case/case-catalogue-page').then((m) => ({ default: m.CaseCataloguePage }))),
  stats: lazy(() => import('../features/case/case-stats-page').then((m) => ({ default: m.CaseStatsPage }))),
  reviews: lazy(() => import('../features/case/case-reviews-page').then((m) => ({ default: m.CaseReviewsPage }))),
  review: lazy(() => import('../features/case/case-review-page').then((m) => ({ default: m.CaseReviewPage }))),
  reviewTasks: lazy(() => import('../features/case/case-review-tasks-page').then((m) => ({ default: m.CaseReviewTasksPage }))),
};
const PublicDecisionsPage = lazy(() => import('../features/case/public-decisions-page').then((m) => ({ default: m.PublicDecisionsPage })));
// accidents and duty (issue 16)
const accident = {
  list: lazy(() => import('../features/accident/accidents-page').then((m) => ({ default: m.AccidentsPage }))),
  create: lazy(() => import('../features/accident/accident-new-page').then((m) => ({ default: m.AccidentNewPage }))),
  detail: lazy(() => import('../features/accident/accident-detail-page').then((m) => ({ default: m.AccidentDetailPage }))),
  stats: lazy(() => import('../features/accident/accident-stats-page').then((m) => ({ default: m.AccidentStatsPage }))),
  duty: lazy(() => import('../features/accident/duty-page').then((m) => ({ default: m.DutyPage }))),
};
// plans, drills and training (issue 18)
const drill = {
  plans: lazy(() => import('../features/drill/plans-page').then((m) => ({ default: m.PlansPage }))),
  plan: lazy(() => import('../features/drill/plan-detail-page').then((m) => ({ default: m.PlanDetailPage }))),
  compliance: lazy(() => import('../features/drill/compliance-page').then((m) => ({ default: m.CompliancePage }))),
  drills: lazy(() => import('../features/drill/drills-page').then((m) => ({ default: m.DrillsPage }))),
  create: lazy(() => import('../features/drill/drill-new-page').then((m) => ({ default: m.DrillNewPage }))),
  detail: lazy(() => import('../features/drill/drill-detail-page').then((m) => ({ default: m.DrillDetailPage }))),
  tasks: lazy(() => import('../features/drill/tasks-page').then((m) => ({ default: m.TasksPage }))),
  training: lazy(() => import('../features/drill/training-page').then((m) => ({ default: m.TrainingPage }))),
  calendar: lazy(() => import('../features/drill/calendar-page').then((m) => ({ default: m.CalendarPage }))),
};
// findings to sign-off (issue 21)
const findings = {
  rounds: lazy(() => import('../features/findings/rounds-page').then((m) => ({ default: m.RoundsPage }))),
  round: lazy(() => import('../features/findings/round-detail-page').then((m) => ({ default: m.RoundDetailPage }))),
  measures: lazy(() => import('../features/findings/measures-page').then((m) => ({ default: m.MeasuresPage }))),
  measure: lazy(() => import('../features/findings/measure-page').then((m) => ({ default: m.MeasurePage }))),
  reports: lazy(() => import('../features/findings/progress-reports-page').then((m) => ({ default: m.ProgressReportsPage }))),
  report: lazy(() => import('../features/findings/progress-report-page').then((m) => ({ default: m.ProgressReportPage }))),
  publicReports: lazy(() => import('../features/findings/public-report-page').then((m) => ({ default: m.PublicReportsPage }))),
  publicReport: lazy(() => import('../features/findings/public-report-page').then((m) => ({ default: m.PublicReportPage }))),
};
const ReportPage = lazy(() => import('../features/report/report-page').then((m) => ({ default: m.ReportPage })));
const ReportRecordsPage = lazy(() => import('../features/report/report-records-page').then((m) => ({ default: m.ReportRecordsPage })));
// emergency resources and shelters (issue 17)
const resources = {
  stock: lazy(() => import('../features/resources/alerts-page').then((m) => ({ default: m.StockPage }))),
  alerts: lazy(() => import('../features/resources/alerts-page').then((m) => ({ default: m.AlertsPage }))),
  loans: lazy(() => import('../features/resources/loans-page').then((m) => ({ default: m.LoansPage }))),
  loan: lazy(() => import('../features/resources/loan-detail-page').then((m) => ({ default: m.LoanDetailPage }))),
  shelters: lazy(() => import('../features/resources/shelters-page').then((m) => ({ default: m.SheltersPage }))),
  stocktake: lazy(() => import('../features/resources/stocktake-page').then((m) => ({ default: m.StocktakePage }))),
  floodChecks: lazy(() => import('../features/resources/flood-checks-page').then((m) => ({ default: m.FloodChecksPage }))),
  floodCheckUnit: lazy(() => import('../features/resources/flood-check-unit-page').then((m) => ({ default: m.FloodCheckUnitPage }))),
};
// the supplies themselves: warehouses, catalogue, per-warehouse ledger, receipts and outgoing movements (issue 17)
const supplies = {
  warehouses: lazy(() => import('../features/resources/warehouses-page').then((m) => ({ default: m.WarehousesPage }))),
  warehouse: lazy(() => import('../features/resources/warehouse-page').then((m) => ({ default: m.WarehousePage }))),
  items: lazy(() => import('../features/resources/items-page').then((m) => ({ default: m.ItemsPage }))),
  receipt: lazy(() => import('../features/resources/receipt-page').then((m) => ({ default: m.ReceiptPage }))),
  movement: lazy(() => import('../features/resources/movement-page').then((m) => ({ default: m.MovementPage }))),
};
// one shelter and the census import (issue 17, session 8)
const shelterPages = {
  shelter: lazy(() => import('../features/resources/shelter-page').then((m) => ({ default: m.ShelterPage }))),
  importCensus: lazy(() => import('../features/resources/shelter-import-page').then((m) => ({ default: m.ShelterImportPage }))),
};
// forest-fire monitoring (issue 20)
const fire = {
  board: lazy(() => import('../features/fire/fire-board-page').then((m) => ({ default: m.FireBoardPage }))),
  incident: lazy(() => import('../features/fire/fire-incident-page').then((m) => ({ default: m.FireIncidentPage }))),
  cameras: lazy(() => import('../features/fire/fire-cameras-page').then((m) => ({ default: m.FireCamerasPage }))),
  stats: lazy(() => import('../features/fire/fire-stats-page').then((m) => ({ default: m.FireStatsPage }))),
};
const AuditPage = lazy(() => import('../features/audit/audit-page').then((m) => ({ default: m.AuditPage })));
// notification centre and warnings (issue 19)
const NotificationsPage = lazy(() => import('../features/notification/notifications-page').then((m) => ({ default: m.NotificationsPage })));
const warning = {
  list: lazy(() => import('../features/warning/warnings-page').then((m) => ({ default: m.WarningsPage }))),
  create: lazy(() => import('../features/warning/warning-new-page').then((m) => ({ default: m.WarningNewPage }))),
  update: lazy(() => import('../features/warning/warning-update-page').then((m) => ({ default: m.WarningUpdatePage }))),
  detail: lazy(() => import('../features/warning/warning-detail-page').then((m) => ({ default: m.WarningDetailPage }))),
  chain: lazy(() => import('../features/warning/chain-page').then((m) => ({ default: m.ChainPage }))),
  answer: lazy(() => import('../features/warning/answer-page').then((m) => ({ default: m.AnswerPage }))),
  stats: lazy(() => import('../features/warning/warning-stats-page').then((m) => ({ default: m.WarningStatsPage }))),
  responses: lazy(() => import('../features/warning/responses-page').then((m) => ({ default: m.ResponsesPage }))),
  response: lazy(() => import('../features/warning/response-detail-page').then((m) => ({ default: m.ResponseDetailPage }))),
  points: lazy(() => import('../features/warning/points-page').then((m) => ({ default: m.PointsPage }))),
  point: lazy(() => import('../features/warning/point-detail-page').then((m) => ({ default: m.PointDetailPage }))),
};

// 一张图 (issue 21 item 4): the city map with every module's layers
const CityMapPage = lazy(() => import('../features/map/city-map-page').then((m) => ({ default: m.CityMapPage })));
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/change-password', element: <ChangePasswordPage /> },
  // 预警叫应: the phone page an SMS answer link opens, without an account
  {
    path: '/a/:token',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <warning.answer />
      </Suspense>
    ),
  },
  // 一公开: readable without an account, outside the signed-in layout
  {
    path: '/public',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [
      { path: 'draws', element: <PublicDrawsPage /> },
      { path: 'draws/:id', element: <PublicDrawPage /> },
      { path: 'case-decisions', element: <PublicDecisionsPage /> },
      { path: 'progress-reports', element: <findings.publicReports /> },
      { path: 'progress-reports/:id', element: <findings.publicReport /> },
    ],
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'search', element: <SearchPage /> },
      {
        path: 'org/users',
        element: (
          <RequirePermission permission="user.read">
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'org/departments',
        element: (
          <RequirePermission permission="department.read">
            <DepartmentsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'enterprises',
        element: (
          <RequirePermission permission="enterprise.read">
            <EnterprisesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'enterprises/import',
        element: (
          <RequirePermission permission="enterprise.import">
            <EnterpriseImportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'enterprises/transfers',
        element: (
          <RequirePermission permission="enterprise.read">
            <EnterpriseTransfersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'enterprises/alerts',
        element: (
          <RequirePermission permission="enterprise.alerts">
            <EnterpriseAlertsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'enterprises/:id',
        element: (
          <RequirePermission permission="enterprise.read">
            <EnterpriseDetailPage />
          </RequirePermission>
        ),
      },
      ...(
        [
          ['inspections', 'inspection.read', inspection.list],
          ['inspections/new', 'inspection.record', inspection.create],
          ['inspections/:id/record', 'inspection.record', inspection.record],
          ['inspections/:id', 'inspection.read', inspection.detail],
          ['findings', 'inspection.read', inspection.findings],
          ['inspection-catalogue', 'inspection.read', inspection.catalogue],
        ] as const
      ).map(([path, permission, Page]) => ({
        path,
        element: (
          <RequirePermission permission={permission}>
            <Page />
          </RequirePermission>
        ),
      })),
      {
        path: 'inspection/inspectors',
        element: (
          <RequirePermission permission="inspection.inspectors">
            <InspectorsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'inspection/plans',
        element: (
          <RequirePermission permission="inspection.read">
            <PlansPage />
          </RequirePermission>
        ),
      },
      {
        path: 'inspection/plans/:id',
        element: (
          <RequirePermission permission="inspection.read">
            <PlanDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'inspection/draws/:id',
        element: (
          <RequirePermission permission="inspection.read">
            <DrawDetailPage />
          </RequirePermission>
        ),
      },
      ...(
        [
          ['risk', 'risk.read', <RiskDistributionPage />],
          ['risk/proposals', 'risk.read', <RiskProposalsPage />],
          ['risk/expiring', 'risk.read', <RiskExpiringPage />],
          ['risk/map', 'risk.read', <RiskMapPage />],
          ['risk/import', 'risk.assess', <RiskImportPage />],
        ] as const
      ).map(([path, permission, page]) => ({ path, element: <RequirePermission permission={permission}>{page}</RequirePermission> })),
      {
        path: 'inspections/progress',
        element: (
          <RequirePermission permission="inspection.read">
            <InspectionProgressPage />
          </RequirePermission>
        ),
      },
      {
        path: 'inspections/stats',
        element: (
          <RequirePermission permission="inspection.read">
            <InspectionStatsPage />
          </RequirePermission>
        ),
      },
      // hazards (issue 5): records, statistics, map, listed supervision, campaigns; enforcement cases (issue 6)
      ...(
        [
          ['hazards/dashboard', 'hazard.stats', hazardViews.dashboard],
          ['hazards/clearing', 'hazard.stats', hazardViews.clearing],
          ['hazards/self-found', 'hazard.stats', hazardViews.selfFound],
          ['hazards/map', 'hazard.stats', hazardViews.map],
          ['hazards/supervisions', 'hazard.stats', hazardViews.supervisions],
          ['hazards/supervisions/:id', 'hazard.stats', hazardViews.supervision],
          ['hazards/campaigns', 'hazard.read', hazardViews.campaigns],
          ['hazards', 'hazard.read', hazard.list],
          ['hazards/new', 'hazard.report', hazard.create],
          ['hazards/:id', 'hazard.read', hazard.detail],
          // enforcement cases (issue 6)
          ['cases', 'case.read', caseModule.list],
          ['cases/new', 'case.handle', caseModule.create],
          ['cases/catalogue', 'case.read', caseModule.catalogue],
          ['cases/stats', 'case.read', caseModule.stats],
          ['cases/reviews', 'case.file_review', caseModule.reviews],
          ['cases/reviews/:id', 'case.file_review', caseModule.review],
          ['cases/review-tasks', 'case.read', caseModule.reviewTasks],
          ['cases/:id', 'case.read', caseModule.detail],
        ] as const
      ).map(([path, permission, Page]) => ({
        path,
        element: (
          <RequirePermission permission={permission}>
            <Page />
          </RequirePermission>
        ),
      })),
      ...(
        [
          ['accidents', 'accident.read', accident.list],
          ['accidents/new', 'accident.report', accident.create],
          ['accidents/stats', 'accident.read', accident.stats],
          ['accidents/:id', 'accident.read', accident.detail],
          ['duty', 'duty.read', accident.duty],
        ] as const
      ).map(([path, permission, Page]) => ({
        path,
        element: (
          <RequirePermission permission={permission}>
            <Page />
          </RequirePermission>
        ),
      })),
      ...(
        [
          ['drill/plans', 'drill.read', drill.plans],
          ['drill/plans/:id', 'drill.read', drill.plan],
          ['drill/compliance', 'drill.read', drill.compliance],
          ['drill/drills', 'drill.read', drill.drills],
          ['drill/drills/new', 'drill.record', drill.create],
          ['drill/drills/:id', 'drill.read', drill.detail],
          ['drill/tasks', 'drill.read', drill.tasks],
          ['drill/training', 'drill.read', drill.training],
          ['drill/calendar', 'drill.read', drill.calendar],
          ['rectification/rounds', 'findings.read', findings.rounds],
          ['rectification/rounds/:id', 'findings.read', findings.round],
          ['rectification/measures', 'findings.read', findings.measures],
          ['rectification/measures/:id', 'findings.read', findings.measure],
          ['rectification/reports', 'findings.read', findings.reports],
          ['rectification/reports/:id', 'findings.read', findings.report],
          ['reports', 'report.read', ReportPage],
          ['reports/records/:id', 'report.read', ReportRecordsPage],
          ['resources/stock', 'resources.read', resources.stock],
          ['resources/alerts', 'resources.read', resources.alerts],
          ['resources/loans', 'resources.read', resources.loans],
          ['resources/loans/:id', 'resources.read', resources.loan],
          ['shelters', 'shelter.read', resources.shelters],
          ['resources/stocktakes/:id', 'resources.read', resources.stocktake],
          ['fire', 'fire.read', fire.board],
          ['fire/incidents/:id', 'fire.read', fire.incident],
          ['fire/cameras', 'fire.read', fire.cameras],
          ['fire/stats', 'fire.read', fire.stats],
          ['resources/flood-checks', 'resources.read', resources.floodChecks],
          ['resources/flood-checks/:id/units/:code', 'resources.read', resources.floodCheckUnit],
          ['resources/warehouses', 'resources.read', supplies.warehouses],
          ['resources/warehouses/:id', 'resources.read', supplies.warehouse],
          ['resources/warehouses/:id/receipt', 'resources.manage', supplies.receipt],
          ['resources/warehouses/:id/out', 'resources.manage', supplies.movement],
          ['resources/items', 'resources.read', supplies.items],
          ['shelters/import', 'shelter.manage', shelterPages.importCensus],
          ['shelters/:id', 'shelter.read', shelterPages.shelter],
        ] as const
      ).map(([path, permission, Page]) => ({
        path,
        element: (
          <RequirePermission permission={permission}>
            <Page />
          </RequirePermission>
        ),
      })),
      {
        path: 'audit',
        element: (
          <RequirePermission permission="audit.read">
            <AuditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'settings',
        element: (
          <RequirePermission permission="settings.read">
            <SettingsPage />
          </RequirePermission>
        ),
      },
      { path: 'notifications', element: <NotificationsPage /> },
      ...(
        [
          ['warnings', 'warning.read', warning.list],
          ['warnings/new', 'warning.issue', warning.create],
          ['warnings/chain', 'warning.read', warning.chain],
          ['warnings/stats', 'warning.read', warning.stats],
          ['warnings/:id', 'warning.read', warning.detail],
          ['warnings/:id/update', 'warning.issue', warning.update],
          ['warnings/responses', 'warning.read', warning.responses],
          ['warnings/responses/:id', 'warning.read', warning.response],
          ['warnings/points', 'warning.read', warning.points],
          ['warnings/points/:id', 'warning.read', warning.point],
        ] as const
      ).map(([path, permission, Page]) => ({
        path,
        element: (
          <RequirePermission permission={permission}>
            <Page />
          </RequirePermission>
        ),
      })),
      // each layer checks its own permission: the page lists only the ones the user may read
      { path: 'map', element: <CityMapPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
