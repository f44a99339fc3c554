import type { TPermission } from '@yingji/domain/org/org.policy';
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { mustChangePassword, useCan, useMe } from './auth';

export function FullPageSpin() {
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

/** Signed in, with a current password; otherwise off to the login or change-password page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { data: me, isPending, isError, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (isError)
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle="请检查网络或稍后再试。"
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            重试
          </Button>
        }
      />
    );
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (mustChangePassword(me)) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

/** Pages the user's role may not open answer with a 403 page instead of an empty table. */
export function RequirePermission({ permission, children }: { permission: TPermission; children: ReactNode }) {
  const can = useCan();
  const navigate = useNavigate();
  if (!can(permission))
    return (
      <Result
        status="403"
        title="没有访问权限"
        subTitle="您的角色不能访问此页面，如需开通请联系系统管理员。"
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            返回首页
          </Button>
        }
      />
    );
  return <>{children}</>;
}

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}
