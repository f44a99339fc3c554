import { Layout, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { BrandMark, PLATFORM_NAME } from '../../app/brand';
import { FullPageSpin } from '../../app/guards';
import './public.css';

/** The pages anyone may read without an account (一公开): a plain header, no menu, no session. */
export function PublicLayout() {
  return (
    <Layout className="public-shell">
      <header className="public-header">
        <Link to="/public/draws" className="public-brand">
          <BrandMark size={28} />
          <span>{PLATFORM_NAME}</span>
        </Link>
        <Typography.Text type="secondary" className="public-tagline">
          双随机一公开 · 公示
        </Typography.Text>
      </header>
      <main className="public-main">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </main>
    </Layout>
  );
}
