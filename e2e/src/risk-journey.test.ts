// the e2e package type-checks without the web's path mapping, so the domain comes through its index
import { completeCreditCode, RISK_COLOUR_NAMES } from '@yingji/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser, PHONE, screenshot } from './support/browser';
import { adminSetup, changePassword, login } from './support/journey';
import { expectTowns, TOWN_NAME_RGB } from './support/map';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const ADMIN_NEW_PASSWORD = 'Yingji#Bureau2026';
const OFFICER = { username: 'fengxian.li', password: 'Risk@Grade2026' };
const FIRM = '中山市坦洲宏达化工有限公司';
const OTHER = '中山市小榄安达气体有限公司';
/**
 * In the page, on the city map's canvas: the middle of 较大风险's orange dot (#fa8c16, drawn at ECharts' 0.8 opacity over
 * the town's fill), in CSS pixels from its corner.
 */
const FIND_ORANGE = `(() => {
  const canvas = document.querySelector('[data-testid="city-map"] canvas');
  const { width, height } = canvas;
  const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  let n = 0, x = 0, y = 0;
  for (let i = 0; i < pixels.length; i += 4)
    if (pixels[i] > 220 && pixels[i + 1] > 125 && pixels[i + 1] < 180 && pixels[i + 2] < 100) {
      n++;
      x += (i / 4) % width;
      y += Math.floor(i / 4 / width);
    }
  const scale = canvas.getBoundingClientRect().width / width;
  return n === 0 ? null : { x: (x / n) * scale, y: (y / n) * scale };
})()`;
const code = (n: number) => completeCreditCode('91442000' + String(n).padStart(8, '0'));

describe.skipIf(skip)('risk journey: a refused directive proposes a higher grade, an officer approves it', () => {
  let server: TRunningServer;
  let browser: Browser;
  let officerPassword = '';
  let firmId = 0;
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
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

  it('the administrator grades two firms and records a refused directive (through the API)', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = watch(await context.newPage());
    const post = await adminSetup(page, server.url, server.adminPassword, ADMIN_NEW_PASSWORD);
    officerPassword = (
      await post('/api/users', { username: OFFICER.username, displayName: '李风险', role: 'bureau_officer', divisionCode: '4420' })
    ).oneTimePassword as string;
    const firms = [
      { n: 1, name: FIRM, divisionCode: '442000107', longitude: 113.46, latitude: 22.26, colour: 'yellow' },
      { n: 2, name: OTHER, divisionCode: '442000118', longitude: 113.25, latitude: 22.66, colour: 'blue' },
    ];
    for (const f of firms) {
      const firm = await post('/api/enterprises', {
        creditCode: code(f.n),
        name: f.name,
        divisionCode: f.divisionCode,
        supervisionCategory: 'hc_production',
        longitude: f.longitude,
        latitude: f.latitude,
        reason: '危化品生产企业纳入监管',
      });
      if (f.n === 1) firmId = firm.id as number;
      await post(`/api/risk/enterprises/${firm.id as number}/grade`, {
        colour: f.colour,
        assessedOn: '2026-01-15',
        reason: '尚未开展专家评估，初始定级',
      });
    }
    const event = await post(`/api/risk/enterprises/${firmId}/events`, {
      kind: 'directive_refused',
      occurredOn: '2026-01-20',
      summary: '责令停止违规动火作业后拒不执行',
    });
    expect(event.proposalId).toBeTruthy();
    await context.close();
  });

  it('the officer approves the proposal with a comment; the list and the history show the new colour', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(15_000);
    const page = watch(await context.newPage());
    await login(page, server.url, OFFICER.username, officerPassword);
    await page.waitForURL(/\/change-password$/);
    await changePassword(page, officerPassword, OFFICER.password);
    await page.waitForURL(`${server.url}/`);

    await page.getByRole('menuitem', { name: '风险分级' }).click();
    await page.getByRole('menuitem', { name: '调整审批' }).click();
    await page.waitForURL(/\/risk\/proposals$/);
    const row = page.getByRole('row').filter({ hasText: FIRM });
    await expect.poll(() => row.textContent()).toContain('近12个月内拒不执行监管指令1次（2026-01-20）');
    await screenshot(page, 'desktop-r01-proposals');

    await row
      .getByRole('button', { name: /同\s*意/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('审批意见（可选）').fill('经现场核实，企业拒不整改，同意上调');
    await dialog.getByRole('button', { name: '同意调整' }).click();
    await page.getByText('没有待审批的调整建议').waitFor();

    await page.goto(`${server.url}/enterprises?riskColour=orange`);
    const listed = page.getByRole('row').filter({ hasText: FIRM });
    await expect.poll(() => listed.locator('.risk-tag').textContent()).toBe('橙');
    expect(await page.getByRole('row').filter({ hasText: OTHER }).count()).toBe(0);
    await screenshot(page, 'desktop-r02-list-orange');

    await listed.getByRole('link', { name: FIRM }).click();
    const panel = page.getByTestId('risk-panel');
    await expect.poll(() => panel.textContent()).toContain('黄 → 橙');
    expect(await panel.textContent()).toContain('审批意见：经现场核实，企业拒不整改，同意上调');
    await screenshot(page, 'desktop-r03-firm-risk-panel');

    await page.goto(`${server.url}/risk`);
    await expect.poll(() => page.getByTestId('risk-totals').textContent()).toContain('2已定级企业');
    // the grades by their names and colours (重大/较大/一般/低, 红橙黄蓝), as the domain spells them
    for (const name of Object.values(RISK_COLOUR_NAMES)) await page.getByTestId('risk-totals').getByText(name).waitFor();
    await screenshot(page, 'desktop-r04-distribution');
    await page.goto(`${server.url}/risk/map`);
    await page.getByTestId('risk-map').locator('canvas').first().waitFor();
    await expectTowns(page, 'risk-map', TOWN_NAME_RGB);
    await screenshot(page, 'desktop-r05-map');

    // The city map (一张图): hovering the firm's orange dot shows a tooltip that fetches its name (the points carry none).
    await page.goto(`${server.url}/map`);
    const map = page.getByTestId('city-map');
    await map.locator('canvas').first().waitFor();
    for (const name of Object.values(RISK_COLOUR_NAMES)) await page.getByRole('button', { name: new RegExp(`^${name}`) }).waitFor();
    // the city map's town names carry their counts in white-bordered text: their list beside the map is read instead
    await expectTowns(page, 'city-map');
    await page.getByText('坦洲', { exact: true }).waitFor();
    const findOrange = async () => (await page.evaluate(FIND_ORANGE)) as { x: number; y: number } | null;
    await expect.poll(findOrange, { timeout: 10_000 }).not.toBeNull();
    const dot = (await findOrange())!;
    const box = (await map.locator('canvas').first().boundingBox())!;
    await page.mouse.move(box.x + dot.x - 20, box.y + dot.y - 20);
    await page.mouse.move(box.x + dot.x, box.y + dot.y, { steps: 5 });
    await map.getByText(FIRM).waitFor();
    await screenshot(page, 'desktop-r06-city-map-tooltip');

    // A map whose box has no size (hidden; on a loaded machine, before its styles apply) while the window resizes and
    // the layer changes throws nothing (it threw "Cannot read properties of null (reading '0')"), and draws once shown.
    await map.evaluate((el: { style: { width: string } }) => (el.style.width = '0px'));
    await page.setViewportSize({ width: DESKTOP.width - 100, height: DESKTOP.height });
    await page.getByText('本月监督检查').click();
    await page.getByText('企业风险等级').first().click();
    await map.evaluate((el: { style: { width: string } }) => (el.style.width = ''));
    await page.setViewportSize(DESKTOP);
    await expect.poll(findOrange, { timeout: 10_000 }).not.toBeNull();
    expect(errors).toEqual([]);
    await context.close();

    const phone = await browser.newContext({
      viewport: PHONE,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      isMobile: true,
      hasTouch: true,
    });
    const small = watch(await phone.newPage());
    await login(small, server.url, OFFICER.username, OFFICER.password);
    await small.waitForURL(`${server.url}/`);
    await small.goto(`${server.url}/enterprises/${firmId}`);
    await small.getByTestId('risk-panel').getByText('黄 → 橙').waitFor();
    await screenshot(small, 'phone-r01-firm-risk-panel');
    await phone.close();
    expect(errors).toEqual([]);
  });

  it('every other map draws the towns on the city background: hazards, shelters, the fire board and its zones', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(15_000);
    const page = watch(await context.newPage());
    await login(page, server.url, OFFICER.username, OFFICER.password);
    await page.waitForURL(`${server.url}/`);
    // (the warehouse form's point picker is checked where resources-journey opens it)
    for (const [path, testId] of [
      ['/hazards/map', 'hazard-map'],
      ['/shelters', 'shelter-map'],
      ['/fire', 'fire-map'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByTestId(testId).locator('canvas').first().waitFor();
      await expectTowns(page, testId, TOWN_NAME_RGB);
    }
    await page.goto(`${server.url}/fire/cameras`);
    await page.getByRole('tab', { name: '屏蔽区' }).click();
    await page.getByTestId('fire-zone-map').locator('canvas').first().waitFor();
    await expectTowns(page, 'fire-zone-map', TOWN_NAME_RGB);
    await screenshot(page, 'desktop-r07-fire-zone-map');
    expect(errors).toEqual([]);
    await context.close();
  });
});
