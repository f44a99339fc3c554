import { Layout } from 'antd';
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
        <nav className="public-nav" aria-label="公开信息">
          <Link to="/public/draws">双随机抽查</Link>
          <Link to="/public/case-decisions">行政处罚决定</Link>
          <Link to="/public/progress-reports">整改进展</Link>
        </nav>
      </header>
      <main className="public-main">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </main>
    </Layout>
  );
}
