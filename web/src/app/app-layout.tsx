import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CarryOutOutlined,
  IdcardOutlined,
  CheckSquareOutlined,
  BarChartOutlined,
  BookOutlined,
  FileAddOutlined,
  PieChartOutlined,
  ProfileOutlined,
  SolutionOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  FieldTimeOutlined,
  FlagOutlined,
  LineChartOutlined,
  PercentageOutlined,
  ThunderboltOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  SettingOutlined,
  ShopOutlined,
  SwapOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
  WarningOutlined,
  ExceptionOutlined,
  FormOutlined,
  SearchOutlined,
  ScheduleOutlined,
  CalendarOutlined,
  ReadOutlined,
  InboxOutlined,
  FireOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { TPermission } from '@yingji/domain/org/org.policy';
import { ROLE_LABELS, type TRole } from '@yingji/domain/org/org.schema';
import { Avatar, Button, Drawer, Dropdown, Grid, Input, Layout, Menu, Tag } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useCan, useCurrentMe, useLogout, useMe } from './auth';
import { BrandMark, PLATFORM_NAME } from './brand';
import { FullPageSpin } from './guards';
import { NotificationBell } from '../features/notification/notification-bell';

interface TNavItem {
  path: string;
  label: string;
  icon: React.ReactNode;
  permission?: TPermission;
  /** The menu group it sits in, and its shorter name there (the full label shows elsewhere, e.g. the home page). */
  group?: keyof typeof NAV_GROUPS;
  menuLabel?: string;
  /** Shown only to these roles, or to all but these. */
  roles?: readonly TRole[];
  notRoles?: readonly TRole[];
}

const NAV_GROUPS = {
  enterprise: { label: '企业台账', icon: <ShopOutlined /> },
  inspection: { label: '监督检查', icon: <FileSearchOutlined /> },
  risk: { label: '风险分级', icon: <DashboardOutlined /> },
  hazard: { label: '隐患治理', icon: <WarningOutlined /> },
  case: { label: '行政执法', icon: <SolutionOutlined /> },
  accident: { label: '事故与值班', icon: <AlertOutlined /> },
  drill: { label: '预案与演练', icon: <ScheduleOutlined /> },
  findings: { label: '整改销号', icon: <CheckSquareOutlined /> },
  resources: { label: '应急物资', icon: <InboxOutlined /> },
  warning: { label: '预警叫应', icon: <ThunderboltOutlined /> },
  fire: { label: '森林防火', icon: <FireOutlined /> },
} as const;

const NAV_ITEMS: TNavItem[] = [
  { path: '/', label: '首页', icon: <HomeOutlined /> },
  { path: '/org/users', label: '用户管理', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/org/departments', label: '科室管理', icon: <ApartmentOutlined />, permission: 'department.read' },
  {
    path: '/enterprises',
    label: '企业台账',
    menuLabel: '台账',
    icon: <ShopOutlined />,
    permission: 'enterprise.read',
    group: 'enterprise',
  },
  { path: '/enterprises/import', label: '导入名单', icon: <CloudUploadOutlined />, permission: 'enterprise.import', group: 'enterprise' },
  { path: '/enterprises/transfers', label: '属地变更', icon: <SwapOutlined />, permission: 'enterprise.read', group: 'enterprise' },
  { path: '/enterprises/alerts', label: '注销预警', icon: <AlertOutlined />, permission: 'enterprise.alerts', group: 'enterprise' },
  {
    path: '/inspection/plans',
    label: '双随机抽查计划',
    menuLabel: '抽查计划',
    icon: <CarryOutOutlined />,
    permission: 'inspection.read',
    group: 'inspection',
  },
  {
    path: '/inspection/inspectors',
    label: '执法人员名录',
    icon: <IdcardOutlined />,
    permission: 'inspection.inspectors',
    group: 'inspection',
  },
  {
    path: '/inspections',
    label: '监督检查记录',
    menuLabel: '检查记录',
    icon: <FileSearchOutlined />,
    permission: 'inspection.read',
    group: 'inspection',
  },
  {
    path: '/findings',
    label: '检查发现的问题',
    menuLabel: '发现问题',
    icon: <WarningOutlined />,
    permission: 'inspection.read',
    group: 'inspection',
  },
  {
    path: '/inspection-catalogue',
    label: '检查事项清单',
    menuLabel: '检查事项',
    icon: <UnorderedListOutlined />,
    permission: 'inspection.read',
    group: 'inspection',
  },
  { path: '/risk', label: '风险分级总览', menuLabel: '分级总览', icon: <DashboardOutlined />, permission: 'risk.read', group: 'risk' },
  {
    path: '/risk/proposals',
    label: '等级调整审批',
    menuLabel: '调整审批',
    icon: <CheckSquareOutlined />,
    permission: 'risk.read',
    group: 'risk',
  },
  { path: '/risk/map', label: '风险分布图', menuLabel: '分布图', icon: <EnvironmentOutlined />, permission: 'risk.read', group: 'risk' },
  {
    path: '/risk/expiring',
    label: '评估到期提醒',
    menuLabel: '评估到期',
    icon: <FieldTimeOutlined />,
    permission: 'risk.read',
    group: 'risk',
  },
  {
    path: '/risk/import',
    label: '导入评估结果',
    menuLabel: '导入评估',
    icon: <CloudUploadOutlined />,
    permission: 'risk.assess',
    group: 'risk',
  },
  {
    path: '/inspections/progress',
    label: '计划执行进度',
    menuLabel: '计划进度',
    icon: <FundProjectionScreenOutlined />,
    permission: 'inspection.read',
    group: 'inspection',
  },
  { path: '/inspections/stats', label: '检查统计', icon: <BarChartOutlined />, permission: 'inspection.read', group: 'inspection' },
  // hazard records (issue 5): ledger, registration; an enterprise user sees its own firm's
  {
    path: '/hazards',
    label: '隐患台账',
    menuLabel: '隐患台账',
    icon: <ExceptionOutlined />,
    permission: 'hazard.read',
    group: 'hazard',
    notRoles: ['enterprise_user'],
  },
  {
    path: '/hazards/new',
    label: '登记隐患',
    icon: <FormOutlined />,
    permission: 'hazard.report',
    group: 'hazard',
    notRoles: ['enterprise_user'],
  },
  { path: '/hazards', label: '本企业隐患', icon: <ExceptionOutlined />, permission: 'hazard.read', roles: ['enterprise_user'] },
  { path: '/hazards/new', label: '上报隐患', icon: <FormOutlined />, permission: 'hazard.report', roles: ['enterprise_user'] },
  // end of hazard records
  // 隐患治理: statistics, map, listed supervision, campaigns (hazard views)
  {
    path: '/hazards/dashboard',
    label: '隐患治理总览',
    menuLabel: '治理总览',
    icon: <PieChartOutlined />,
    permission: 'hazard.stats',
    group: 'hazard',
  },
  {
    path: '/hazards/clearing',
    label: '重大隐患动态清零',
    menuLabel: '动态清零',
    icon: <LineChartOutlined />,
    permission: 'hazard.stats',
    group: 'hazard',
  },
  {
    path: '/hazards/self-found',
    label: '企业自查自报占比',
    menuLabel: '自查自报',
    icon: <PercentageOutlined />,
    permission: 'hazard.stats',
    group: 'hazard',
  },
  {
    path: '/hazards/map',
    label: '重大隐患分布图',
    menuLabel: '隐患分布图',
    icon: <EnvironmentOutlined />,
    permission: 'hazard.stats',
    group: 'hazard',
  },
  { path: '/hazards/supervisions', label: '挂牌督办', icon: <FlagOutlined />, permission: 'hazard.stats', group: 'hazard' },
  { path: '/hazards/campaigns', label: '专项行动', icon: <ThunderboltOutlined />, permission: 'hazard.read', group: 'hazard' },
  // end of hazard views
  { path: '/cases', label: '案件台账', icon: <ProfileOutlined />, permission: 'case.read', group: 'case' },
  { path: '/cases/new', label: '立案登记', icon: <FileAddOutlined />, permission: 'case.handle', group: 'case' },
  {
    path: '/cases/catalogue',
    label: '违法行为与裁量基准',
    menuLabel: '裁量基准',
    icon: <BookOutlined />,
    permission: 'case.read',
    group: 'case',
  },
  { path: '/cases/stats', label: '案件统计', icon: <PieChartOutlined />, permission: 'case.read', group: 'case' },
  { path: '/cases/reviews', label: '案卷评查', icon: <FileSearchOutlined />, permission: 'case.file_review', group: 'case' },
  {
    path: '/cases/review-tasks',
    label: '评查整改任务',
    menuLabel: '整改任务',
    icon: <CheckSquareOutlined />,
    permission: 'case.read',
    group: 'case',
  },
  { path: '/accidents', label: '事故台账', icon: <ProfileOutlined />, permission: 'accident.read', group: 'accident' },
  { path: '/accidents/new', label: '报告事故', icon: <FormOutlined />, permission: 'accident.report', group: 'accident' },
  { path: '/accidents/stats', label: '事故统计', icon: <BarChartOutlined />, permission: 'accident.read', group: 'accident' },
  { path: '/duty', label: '值班值守', icon: <FieldTimeOutlined />, permission: 'duty.read', group: 'accident' },
  { path: '/drill/plans', label: '应急预案', icon: <BookOutlined />, permission: 'drill.read', group: 'drill' },
  {
    path: '/drill/compliance',
    label: '预案演练履职',
    menuLabel: '演练履职',
    icon: <BarChartOutlined />,
    permission: 'drill.read',
    group: 'drill',
    notRoles: ['enterprise_user'],
  },
  { path: '/drill/drills', label: '演练计划与记录', menuLabel: '演练', icon: <FlagOutlined />, permission: 'drill.read', group: 'drill' },
  {
    path: '/drill/tasks',
    label: '演练整改任务',
    menuLabel: '整改任务',
    icon: <CheckSquareOutlined />,
    permission: 'drill.read',
    group: 'drill',
  },
  {
    path: '/drill/training',
    label: '培训记录',
    icon: <ReadOutlined />,
    permission: 'drill.read',
    group: 'drill',
    notRoles: ['enterprise_user'],
  },
  {
    path: '/drill/calendar',
    label: '演练与培训日历',
    menuLabel: '日历',
    icon: <CalendarOutlined />,
    permission: 'drill.read',
    group: 'drill',
  },
  {
    path: '/resources/stock',
    label: '物资库存台账',
    menuLabel: '库存台账',
    icon: <InboxOutlined />,
    permission: 'resources.read',
    group: 'resources',
  },
  {
    path: '/resources/loans',
    label: '物资出借台账',
    menuLabel: '出借台账',
    icon: <ProfileOutlined />,
    permission: 'resources.read',
    group: 'resources',
  },
  { path: '/resources/alerts', label: '物资预警', icon: <WarningOutlined />, permission: 'resources.read', group: 'resources' },
  {
    path: '/shelters',
    label: '应急避难场所',
    menuLabel: '避难场所',
    icon: <HomeOutlined />,
    permission: 'shelter.read',
    group: 'resources',
  },
  {
    path: '/warnings',
    label: '预警与叫应',
    menuLabel: '预警',
    icon: <ThunderboltOutlined />,
    permission: 'warning.read',
    group: 'warning',
  },
  { path: '/warnings/new', label: '发布预警', icon: <FormOutlined />, permission: 'warning.issue', group: 'warning' },
  { path: '/warnings/chain', label: '叫应链条', icon: <ApartmentOutlined />, permission: 'warning.read', group: 'warning' },
  { path: '/warnings/stats', label: '叫应统计', icon: <BarChartOutlined />, permission: 'warning.read', group: 'warning' },
  { path: '/warnings/responses', label: '应急响应', icon: <AlertOutlined />, permission: 'warning.read', group: 'warning' },
  { path: '/warnings/points', label: '内涝水浸点', icon: <EnvironmentOutlined />, permission: 'warning.read', group: 'warning' },
  { path: '/notifications', label: '通知中心', icon: <AlertOutlined /> },
  { path: '/fire', label: '火情看板', icon: <FireOutlined />, permission: 'fire.read', group: 'fire' },
  { path: '/fire/cameras', label: '监控设备', icon: <VideoCameraOutlined />, permission: 'fire.read', group: 'fire' },
  { path: '/fire/stats', label: '防火统计', icon: <BarChartOutlined />, permission: 'fire.read', group: 'fire' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/settings', label: '系统设置', icon: <SettingOutlined />, permission: 'settings.read' },
  { path: '/rectification/rounds', label: '整改轮次', icon: <CheckSquareOutlined />, permission: 'findings.read', group: 'findings' },
  { path: '/rectification/measures', label: '整改措施清单', icon: <ProfileOutlined />, permission: 'findings.read', group: 'findings' },
  { path: '/rectification/reports', label: '整改进展公开', icon: <ProfileOutlined />, permission: 'findings.read', group: 'findings' },
  { path: '/reports', label: '统计报告', icon: <BarChartOutlined />, permission: 'report.read' },
  {
    path: '/resources/flood-checks',
    label: '汛前检查（九必检 / 十个有）',
    menuLabel: '汛前检查',
    icon: <CheckSquareOutlined />,
    permission: 'resources.read',
    group: 'resources',
  },
  {
    path: '/resources/warehouses',
    label: '物资仓库与前置点',
    menuLabel: '仓库与前置点',
    icon: <EnvironmentOutlined />,
    permission: 'resources.read',
    group: 'resources',
  },
  {
    path: '/resources/items',
    label: '应急物资目录',
    menuLabel: '物资目录',
    icon: <BookOutlined />,
    permission: 'resources.read',
    group: 'resources',
  },
  // 一张图: every role but the firms' own users (each layer has its own permission)
  { path: '/map', label: '一张图', icon: <EnvironmentOutlined />, notRoles: ['enterprise_user'] },
];

/** The menu entries this user may open. */
export function useNavItems(): TNavItem[] {
  const can = useCan();
  const role = useMe().data?.user.role;
  return NAV_ITEMS.filter(
    (item) =>
      (!item.permission || can(item.permission)) &&
      (!item.roles || (role !== undefined && item.roles.includes(role))) &&
      !(role && item.notRoles?.includes(role)),
  );
}

function selectedKey(pathname: string): string {
  if (pathname === '/') return '/';
  const match = NAV_ITEMS.filter((i) => i.path !== '/' && pathname.startsWith(i.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? '';
}

/** Menu entries with grouped items gathered into a submenu where the group's first item stands. */
function menuItems(items: TNavItem[]): NonNullable<MenuProps['items']> {
  const out: NonNullable<MenuProps['items']> = [];
  const groups = new Map<
    string,
    { key: string; icon: React.ReactNode; label: string; children: { key: string; icon: React.ReactNode; label: string }[] }
  >();
  for (const i of items) {
    const entry = { key: i.path, icon: i.icon, label: i.menuLabel ?? i.label };
    if (!i.group) {
      out.push(entry);
      continue;
    }
    let group = groups.get(i.group);
    if (!group) {
      group = { key: `group:${i.group}`, icon: NAV_GROUPS[i.group].icon, label: NAV_GROUPS[i.group].label, children: [] };
      groups.set(i.group, group);
      out.push(group);
    }
    group.children.push(entry);
  }
  return out;
}

const groupOf = (path: string): string[] => {
  const group = NAV_ITEMS.find((i) => i.path === path)?.group;
  return group ? [`group:${group}`] : [];
};

function Brand({ collapsed }: { collapsed: boolean }) {
  return (
    <div className={collapsed ? 'side-brand side-brand-collapsed' : 'side-brand'}>
      <BrandMark size={28} />
      {!collapsed && <span className="side-brand-name">{PLATFORM_NAME}</span>}
    </div>
  );
}

export function AppLayout() {
  const me = useCurrentMe();
  const navItems = useNavItems();
  const screens = Grid.useBreakpoint();
  // useBreakpoint is empty on the first render; assume a desktop until it answers
  const isPhone = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const { user } = me;
  const divisionLabel = user.divisionName ?? user.divisionCode;

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      defaultOpenKeys={groupOf(selectedKey(location.pathname))}
      items={menuItems(navItems)}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
    />
  );

  const userMenu: MenuProps['items'] = [
    {
      key: 'info',
      type: 'group',
      label: (
        <div className="user-menu-info">
          <div>
            {user.displayName}（{user.username}）
          </div>
          <div>
            {ROLE_LABELS[user.role]} · {divisionLabel}
          </div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  return (
    <Layout className="app-shell">
      {isPhone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#0f1f3a' } }}
        >
          <Brand collapsed={false} />
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider width={220} collapsedWidth={64} collapsible collapsed={collapsed} trigger={null} className="app-sider">
          <Brand collapsed={collapsed} />
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <div className="app-header-left">
            {isPhone ? (
              <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} />
            ) : (
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                aria-label={collapsed ? '展开菜单' : '收起菜单'}
                onClick={() => setCollapsed((c) => !c)}
              />
            )}
            {isPhone && <span className="app-header-title">{PLATFORM_NAME}</span>}
          </div>
          <div className="app-header-right">
            {isPhone ? (
              <Button type="text" icon={<SearchOutlined />} aria-label="搜索" onClick={() => void navigate('/search')} />
            ) : (
              <Input.Search
                className="header-search"
                placeholder="搜索企业、隐患、案件、事故"
                aria-label="全局搜索"
                maxLength={50}
                allowClear
                onSearch={(value) => value.trim() && void navigate(`/search?q=${encodeURIComponent(value.trim())}`)}
              />
            )}
            {!isPhone && (
              <>
                <span className="header-division" data-testid="header-division">
                  <EnvironmentOutlined /> {divisionLabel}
                </span>
                <Tag color="blue" className="header-role">
                  {ROLE_LABELS[user.role]}
                </Tag>
              </>
            )}
            <NotificationBell />
            <Dropdown
              trigger={['click']}
              menu={{
                items: userMenu,
                onClick: ({ key }) => {
                  if (key === 'password') void navigate('/change-password');
                  if (key === 'logout') logout.mutate();
                },
              }}
            >
              <Button type="text" className="header-user" data-testid="header-user">
                <Avatar size="small" icon={<UserOutlined />} className="header-avatar" />
                <span className="header-user-name">{user.displayName}</span>
              </Button>
            </Dropdown>
            {!isPhone && (
              <Button type="text" icon={<LogoutOutlined />} onClick={() => logout.mutate()} loading={logout.isPending}>
                退出登录
              </Button>
            )}
          </div>
        </Layout.Header>
        <Layout.Content className={isPhone ? 'app-content app-content-phone' : 'app-content'}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
