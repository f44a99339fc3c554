import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { TLogin } from '@yingji/domain/org/org.schema';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { authApi } from '../api/org.api';
import { useAcceptSession, useMe } from './auth';
import { BrandMark, PLATFORM_NAME } from './brand';

export function LoginPage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const acceptSession = useAcceptSession();
  const [form] = Form.useForm<TLogin>();
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  const login = useMutation({
    mutationFn: authApi.login,
    meta: { authFlow: true },
    onSuccess: (answer) => {
      acceptSession(answer);
      void navigate(from === '/login' ? '/' : from, { replace: true });
    },
    onError: (e) => {
      setError(isApiError(e) ? e.message : '登录失败，请稍后再试');
      form.setFieldValue('password', '');
    },
  });

  if (me && !login.isPending) return <Navigate to="/" replace />;

  return (
    <div className="login-screen">
      <div className="login-panel">
        <div className="login-brand">
          <BrandMark size={48} />
          <div>
            <h1 className="login-title">{PLATFORM_NAME}</h1>
            <div className="login-subtitle">安全生产监管 · 应急管理</div>
          </div>
        </div>
        <Form<TLogin>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={(values) => {
            setError(null);
            login.mutate(values);
          }}
          onValuesChange={() => setError(null)}
        >
          {error && <Alert type="error" showIcon title={error} className="form-alert" data-testid="login-error" />}
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" placeholder="请输入用户名" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
        <div className="login-footer">连续多次输错密码将临时锁定账号。忘记密码请联系系统管理员重置。</div>
      </div>
    </div>
  );
}
