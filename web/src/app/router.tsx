import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './app-layout';
import { ChangePasswordPage } from './change-password-page';
import { NotFoundPage, RequirePermission, RequireSession } from './guards';
import { HomePage } from './home-page';
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
const InspectionProgressPage = lazy(() => import('../features/inspection/progress-page').then((m) => ({ default: m.ProgressPage })));
const InspectionStatsPage = lazy(() => import('../features/inspection/stats-page').then((m) => ({ default: m.StatsPage })));
const AuditPage = lazy(() => import('../features/audit/audit-page').then((m) => ({ default: m.AuditPage })));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/change-password', element: <ChangePasswordPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomePage /> },
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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
