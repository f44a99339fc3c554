// the e2e package type-checks without the web's path mapping, so the domain comes through its index
import {
  completeCreditCode,
  HAZARD_CATEGORIES,
  HAZARD_LEVELS,
  HAZARD_SOURCES,
  HAZARD_STATES,
  INSPECTION_KINDS,
  INSPECTION_STATUSES,
  RISK_BASES,
  RISK_COLOURS,
  SPECIAL_TAGS,
  SUPERVISION_CATEGORIES,
} from '@yingji/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser, PHONE, screenshot } from './support/browser';
import { adminSetup, apiPoster, firstLogin } from './support/journey';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const ADMIN_NEW_PASSWORD = 'Yingji#Bureau2026';
const OFFICERS = [
  { username: 'pages.he', displayName: '何检查', password: 'Pages@Tanzhou2026', certificateNo: 'GDZS-TZ-0301' },
  { username: 'pages.lu', displayName: '陆检查', password: 'Pages@Tanzhou2027', certificateNo: 'GDZS-TZ-0302' },
];
const TANZHOU = '442000107';
const FIRM = '中山市坦洲明辉电器有限公司';
const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Every code of the enums a user meets on these pages: none may be shown as it is. */
const CODES = new Set<string>([
  ...HAZARD_STATES,
  ...HAZARD_CATEGORIES,
  ...HAZARD_SOURCES,
  ...HAZARD_LEVELS,
  ...INSPECTION_KINDS,
  ...INSPECTION_STATUSES,
  ...RISK_COLOURS,
  ...RISK_BASES,
  ...SUPERVISION_CATEGORIES.map((c) => c.code),
  ...SPECIAL_TAGS.map((t) => t.code),
]);
const SNAKE = /^[a-z]+(_[a-z]+)+$/;

/**
 * The visible text nodes of the page (trimmed, non-empty) and whether the body is wider than the window. A string: the
 * e2e package type-checks without the DOM library.
 */
const READ_PAGE = `(() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.textContent || '').trim();
    const el = n.parentElement;
    if (!text || !el || el.closest('script,style,noscript')) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
    texts.push(text);
  }
  return { texts, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth };
})()`;

describe.skipIf(skip)('pages journey: the main pages show Chinese labels, never a bare code, and fit a phone', () => {
  let server: TRunningServer;
  let browser: Browser;
  let firmId = 0;
  let hazardId = 0;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the administrator sets up two 坦洲 inspectors and a firm; an inspector records a hazard and an inspection (API)', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const post = await adminSetup(page, server.url, server.adminPassword, ADMIN_NEW_PASSWORD);
    const oneTime: string[] = [];
    const inspectorIds: number[] = [];
    for (const officer of OFFICERS) {
      const user = await post('/api/users', {
        username: officer.username,
        displayName: officer.displayName,
        role: 'town_officer',
        divisionCode: TANZHOU,
      });
      oneTime.push(user.oneTimePassword as string);
      // an inspection names its inspectors by their user ids
      inspectorIds.push((user.user as { id: number }).id);
      await post('/api/inspectors', {
        userId: (user.user as { id: number }).id,
        certificateNo: officer.certificateNo,
        certificateExpiresOn: `${YEAR + 1}-06-30`,
      });
    }
    const firm = await post('/api/enterprises', {
      creditCode: completeCreditCode('91442000' + '00000041'),
      name: FIRM,
      divisionCode: TANZHOU,
      address: '广东省中山市坦洲镇德政路 9 号',
      supervisionCategory: 'it_machinery',
      tags: ['confined_space'],
      reason: '工贸企业纳入镇街监管',
    });
    firmId = firm.id as number;
    await context.close();

    const officerContext = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const officerPage = await officerContext.newPage();
    await firstLogin(officerPage, server.url, OFFICERS[0]!.username, oneTime[0]!, OFFICERS[0]!.password);
    const officerPost = apiPoster(officerPage, server.url);
    const hazard = await officerPost('/api/hazards', {
      enterpriseId: firmId,
      source: 'self_check',
      category: 'electrical',
      description: '配电箱未接地，柜门缺失',
      location: '二号车间',
      foundOn: TODAY,
      foundBy: OFFICERS[0]!.displayName,
      responsiblePerson: '黄主任',
      deadline: TODAY,
    });
    hazardId = hazard.id as number;
    const lists = (await (await officerPage.request.get(`${server.url}/api/checklists`)).json()) as
      { id: number }[] | { items: { id: number }[] };
    const checklistId = (Array.isArray(lists) ? lists : lists.items)[0]!.id;
    await officerPost('/api/inspections', {
      kind: 'ad_hoc',
      enterpriseId: firmId,
      inspectedOn: TODAY,
      place: '坦洲镇德政路 9 号',
      inspectorIds,
      checklistId,
    });
    await officerContext.close();
    expect(hazardId).toBeGreaterThan(0);
  });

  for (const [device, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`at ${viewport.width} px every main page shows labels, not codes${device === 'phone' ? ', and no page is wider than the phone' : ''}`, async () => {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: device === 'phone' });
      context.setDefaultTimeout(20_000);
      const page: Page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      const { username, password } = OFFICERS[0]!;
      await page.goto(`${server.url}/login`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL(`${server.url}/`);
      // each page with a text that shows its data has come
      const pages: [string, string, string | RegExp][] = [
        ['home', '/', /工作台|待办/],
        ['firms', '/enterprises', FIRM],
        ['firm', `/enterprises/${firmId}`, FIRM],
        ['hazards', '/hazards', '配电箱未接地'],
        ['hazard', `/hazards/${hazardId}`, '配电箱未接地'],
        ['inspections', '/inspections', FIRM],
        ['risk', '/risk', /风险/],
        ['risk-proposals', '/risk/proposals', /调整/],
      ];
      const found: string[] = [];
      for (const [name, url, shows] of pages) {
        await page.goto(`${server.url}${url}`);
        await page.getByText(shows).first().waitFor();
        await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
        await screenshot(page, `pages-${device}-${name}`);
        const seen = (await page.evaluate(READ_PAGE)) as { texts: string[]; scrollWidth: number; innerWidth: number };
        for (const text of seen.texts) if (CODES.has(text) || SNAKE.test(text)) found.push(`${url}: ${text}`);
        if (device === 'phone' && seen.scrollWidth > seen.innerWidth)
          found.push(`${url}: 页面宽 ${seen.scrollWidth} px，超出手机 ${seen.innerWidth} px`);
      }
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
