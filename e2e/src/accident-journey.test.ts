import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser, PHONE, screenshot } from './support/browser';
import { adminSetup, firstLogin, login, named, pick, selectOption } from './support/journey';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const ADMIN_NEW_PASSWORD = 'Yingji#Bureau2026';
const TOWN = { username: 'tanzhou.he', displayName: '何镇街', password: 'Town@Tanzhou2026' };
const DUTY = { username: 'duty.zhou', displayName: '周值班', password: 'Duty@Room2026' };
const TITLE = '坦洲镇某五金加工场机械伤害事故';

/** A wall-clock time in Asia/Shanghai, `minutes` from now, as the date pickers take it (`YYYY-MM-DD HH:mm`). */
const shanghai = (minutes: number): string => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + minutes * 60_000));
  const p = (t: string) => parts.find((x) => x.type === t)!.value;
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
};

/** Types a time into an antd date picker and confirms it. */
async function typeTime(page: Page, label: string, value: string, scope = page.locator('body')): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe.skipIf(skip)(
  'accident journey: a town reports on a phone, the duty room passes it up late, casualties regrade it, a recommendation becomes a case',
  () => {
    let server: TRunningServer;
    let browser: Browser;
    const oneTime = { town: '', duty: '' };
    let accidentUrl = '';
    // the accident happened three hours ago: the town's 2-hour clock has run out
    const base = shanghai(-180);

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startServer();
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const post = await adminSetup(await context.newPage(), server.url, server.adminPassword, ADMIN_NEW_PASSWORD);
      oneTime.town = (
        await post('/api/users', {
          username: TOWN.username,
          displayName: TOWN.displayName,
          role: 'town_officer',
          divisionCode: '442000107',
        })
      ).oneTimePassword as string;
      oneTime.duty = (
        await post('/api/users', { username: DUTY.username, displayName: DUTY.displayName, role: 'duty_officer', divisionCode: '4420' })
      ).oneTimePassword as string;
      await context.close();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('a town officer reports an accident from a 390 px phone', async () => {
      const context = await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await firstLogin(page, server.url, TOWN.username, oneTime.town, TOWN.password);
      await page.goto(`${server.url}/accidents/new`);
      await page.getByLabel('标题').fill(TITLE);
      await page.getByLabel('当事单位名称').fill('坦洲镇某五金加工场');
      await selectOption(page, page.getByLabel('事故类别（GB 6441）'), '机械伤害');
      await page.getByLabel('地点').fill('坦洲镇界狮南路 28 号车间');
      await typeTime(page, '发生时间', base);
      await typeTime(page, '单位知悉时间', base);
      await typeTime(page, '镇街接报时间', base);
      await page.getByLabel('简要经过').fill('工人清理冲床时右手被压伤，送医救治');
      await page.getByLabel('已采取的措施').fill('已送医，冲床停机');
      await page.getByLabel('重伤（人，含急性工业中毒）').fill('1');
      await expect.poll(() => page.locator('.ant-alert').first().textContent()).toContain('一般事故');
      await screenshot(page, 'phone-a01-report');
      await page.getByRole('button', { name: '提交报告' }).click();
      await page.waitForURL(/\/accidents\/\d+$/);
      await expect.poll(() => page.getByText('已超时').first().textContent()).toContain('未报');
      await screenshot(page, 'phone-a02-reported');
      await context.close();
    });

    it('the duty officer sees it, passes it up late and sees 迟报; casualties change the grade; an investigation opens', async () => {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await firstLogin(page, server.url, DUTY.username, oneTime.duty, DUTY.password);
      await page.goto(`${server.url}/accidents`);
      const row = page.getByRole('row').filter({ hasText: TITLE });
      await expect.poll(() => row.textContent()).toContain('待镇街上报');
      await row.getByRole('link', { name: TITLE }).click();
      await page.waitForURL(/\/accidents\/\d+$/);

      await page.getByRole('button', { name: '登记接报/上报' }).click();
      await pick(page, '层级', '镇街');
      // a single select closes on its choice; its dropdown would cover the time field below
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
      const dialog = page.getByRole('dialog');
      await typeTime(page, '向上级报告时间', shanghai(-30), dialog);
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect
        .poll(() =>
          page
            .getByText(/迟报 \d+ 分钟/)
            .first()
            .textContent(),
        )
        .toMatch(/迟报 (29|30|31) 分钟/);
      await screenshot(page, 'desktop-a03-late');

      await page.getByRole('button', { name: named('续报') }).click();
      await dialog.getByLabel('死亡', { exact: true }).fill('3');
      await dialog.getByLabel('续报说明').fill('伤者中 3 人经抢救无效死亡');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => page.getByText('较大事故').first().isVisible()).toBe(true);
      expect(await page.getByText('须报至省应急管理厅').count()).toBeGreaterThan(0);

      await page.getByRole('button', { name: '启动调查' }).click();
      await dialog.getByLabel('牵头单位').fill('中山市应急管理局');
      await typeTime(page, '开始日期', shanghai(0).slice(0, 10), dialog);
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => page.getByText('调查中').first().isVisible()).toBe(true);
      await screenshot(page, 'desktop-a04-investigation');

      // the investigation report names the liable firm and recommends a penalty
      await page.getByRole('button', { name: '提交调查报告' }).click();
      await typeTime(page, '提交日期', shanghai(0).slice(0, 10), dialog);
      await dialog.getByLabel('责任单位或责任人').fill('坦洲镇某五金加工场');
      await dialog.getByLabel('责任认定').fill('未对冲床设置安全防护装置，对事故负有责任');
      await dialog.getByLabel('处理建议').fill('依法给予行政处罚');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('建议依法给予行政处罚').waitFor();
      accidentUrl = page.url();
      await context.close();
    });

    it('the town officer turns the recommendation into a case in one action: the case form opens with the accident as its source', async () => {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await login(page, server.url, TOWN.username, TOWN.password);
      await page.waitForURL(`${server.url}/`);
      await page.goto(accidentUrl);
      const accidentId = /\/accidents\/(\d+)$/.exec(accidentUrl)![1]!;
      // the cases opened from the accident are listed on its page (none yet)
      await page.getByText('由此事故立案的案件（0）').waitFor();
      await page.getByText('尚无由此事故立案的案件', { exact: false }).waitFor();
      await page.getByRole('link', { name: '立案查处' }).click();
      await page.waitForURL(new RegExp(`/cases/new\\?source=accident&ref=${accidentId}`));
      const source = page.locator('.ant-form-item').filter({ has: page.getByLabel('案件来源', { exact: true }) });
      await expect.poll(() => source.textContent()).toContain('生产安全事故');
      await expect.poll(() => page.getByLabel('事故编号').inputValue()).toBe(accidentId);
      await screenshot(page, 'desktop-a05-case-from-accident');
      await context.close();
    });
  },
);
