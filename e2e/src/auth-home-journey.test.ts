import { completeCreditCode } from '@yingji/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser } from './support/browser';
import { adminSetup, firstLogin } from './support/journey';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const TANZHOU = '442000107';
const FIRM = '中山市坦洲镇海湾五金制品有限公司';

/**
 * Issue 14 items 17 and 18: the login page is clean (no failing request, no console error at all, not even the
 * browser's "status of 401" line), and an enterprise user's home names the firm as the data scope, not the town.
 */
describe.skipIf(skip)('login page and home page scope', () => {
  let server: TRunningServer;
  let browser: Browser;

  /** Every console error, page error and answer ≥ 400 the page meets, unfiltered. */
  const watch = (page: Page, problems: string[]) => {
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    return page;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a visitor opening the app or the login page meets no error in the console (no 401 from /api/auth/me)', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const problems: string[] = [];
    const page = watch(await context.newPage(), problems);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').waitFor();
    await page.goto(server.url);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('用户名').waitFor();
    // let any late request land before judging
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("an enterprise user's home says the scope is the firm, by name", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const post = await adminSetup(page, server.url, server.adminPassword, 'Yingji#Bureau2026');
    const firm = await post('/api/enterprises', {
      creditCode: completeCreditCode('9144200000000777'),
      name: FIRM,
      divisionCode: TANZHOU,
      address: '中山市坦洲镇海湾路 1 号',
      supervisionCategory: 'it_machinery',
      tags: [],
      reason: '工贸企业纳入镇街监管',
    });
    const created = await post('/api/users', {
      username: 'haiwan.chen',
      displayName: '陈海湾',
      role: 'enterprise_user',
      divisionCode: TANZHOU,
      enterpriseId: firm.id,
    });
    await context.clearCookies();
    const problems: string[] = [];
    watch(page, problems);
    await firstLogin(page, server.url, 'haiwan.chen', created.oneTimePassword as string, 'Haiwan@Safe2026x');
    const scope = page.getByTestId('home-scope');
    await expect.poll(() => scope.textContent()).toBe(`${FIRM}（仅限本企业的数据）`);
    await expect(page.getByText('所属企业').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText('所属区划').count()).resolves.toBe(0);
    await context.close();
  });
});
