import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser, PHONE, screenshot } from './support/browser';
import { adminSetup, firstLogin, selectOption } from './support/journey';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const ADMIN_NEW_PASSWORD = 'Yingji#Bureau2026';
const DUTY = { username: 'sanfang.li', displayName: '李三防', password: 'Duty@Sanfang2026' };
const TOWNS = [
  {
    code: '442000107',
    name: '坦洲镇',
    leader: '13900107009',
    villages: [
      { name: '新前进村', holder: '何村长', phone: '13900107001' },
      { name: '合胜村', holder: '梁支书', phone: '13900107002' },
    ],
  },
  { code: '442000114', name: '三乡镇', leader: '13900114009', villages: [{ name: '古鹤村', holder: '郑主任', phone: '13900114001' }] },
  { code: '442000117', name: '神湾镇', leader: '13900117009', villages: [{ name: '外沙村', holder: '黄委员', phone: '13900117001' }] },
];
const SILENT = TOWNS[0]!.villages[1]!; // 合胜村梁支书 never answers

describe.skipIf(skip)(
  'warning journey: a rainstorm warning to three towns, answers from phones, the silent one escalated by the duty officer to the town leader, live on the board',
  () => {
    let server: TRunningServer;
    let browser: Browser;
    let admin: BrowserContext;
    let oneTime = '';

    /** The answer links the loopback gateway received for a phone, newest last. */
    async function linksTo(phone: string): Promise<string[]> {
      const res = await admin.request.get(`${server.url}/api/notification-gateway/outbox?to=${phone}`);
      const items = ((await res.json()) as { items: { text: string }[] }).items;
      return items.flatMap((m) => /(https?:\/\/\S+\/a\/[A-Za-z0-9_.-]+)/.exec(m.text)?.[1] ?? []);
    }
    async function waitForLink(phone: string, count = 1): Promise<string> {
      for (let i = 0; i < 300; i++) {
        const links = await linksTo(phone);
        if (links.length >= count) return links[links.length - 1]!;
        await new Promise((r) => setTimeout(r, 300));
      }
      throw new Error(`no SMS link reached ${phone}`);
    }

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startServer();
      admin = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await admin.newPage();
      const post = await adminSetup(page, server.url, server.adminPassword, ADMIN_NEW_PASSWORD);
      oneTime = (
        await post('/api/users', { username: DUTY.username, displayName: DUTY.displayName, role: 'duty_officer', divisionCode: '4420' })
      ).oneTimePassword as string;
      // The chain: each town's leader on duty and its village posts (set up through the API; the journey is about the call).
      for (const t of TOWNS) {
        const leader = await post('/api/warning-chain/posts', { divisionCode: t.code, title: '镇带班领导', townLeader: true });
        await post(`/api/warning-chain/posts/${leader.id as number}/holders`, { name: `${t.name.slice(0, 2)}领导`, phone: t.leader });
        for (const v of t.villages) {
          const p = await post('/api/warning-chain/posts', { divisionCode: t.code, villageName: v.name, title: '村三防责任人' });
          await post(`/api/warning-chain/posts/${p.id as number}/holders`, { name: v.holder, phone: v.phone });
        }
      }
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('the bureau issues the warning, villages answer on phones, the silent one goes to the town leader live', async () => {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      context.setDefaultTimeout(15_000);
      const page: Page = await context.newPage();
      await firstLogin(page, server.url, DUTY.username, oneTime, DUTY.password);
      await page.goto(`${server.url}/warnings/new`);
      await page.locator('label.ant-radio-button-wrapper', { hasText: '红色' }).click();
      for (const t of TOWNS) await selectOption(page, page.getByLabel('预警镇街', { exact: true }), t.name, { type: t.name.slice(0, 2) });
      await page.keyboard.press('Escape');
      await page.getByLabel('预警内容').fill('预计未来3小时坦洲、三乡、神湾将出现100毫米以上的强降雨，请立即做好防御，危险区域人员转移。');
      await screenshot(page, 'warning-new');
      await page.getByTestId('issue-warning').click();
      await page.waitForURL(/\/warnings\/\d+$/);
      const tanzhou = page.getByTestId(`board-town-${TOWNS[0]!.code}`);
      await expect.poll(() => tanzhou.getByTestId('town-figures').textContent()).toBe('0/3 已应答');

      // Everyone but 梁支书 answers from the link in his SMS, on a phone.
      const phone = await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const handset = await phone.newPage();
      const answering = TOWNS.flatMap((t) => [...t.villages.filter((v) => v !== SILENT).map((v) => v.phone), t.leader]);
      for (const [i, number] of answering.entries()) {
        await handset.goto(await waitForLink(number));
        if (i === 0) await handset.getByPlaceholder(/备注/).fill('已通知村民，低洼处人员已转移');
        if (i === 0) await screenshot(handset, 'warning-answer-phone');
        await handset.getByTestId('answer-button').click();
        await handset.getByText('已应答：已知悉').waitFor();
      }
      await screenshot(handset, 'warning-answered-phone');
      // The bureau's open board moved without a reload.
      await expect.poll(() => tanzhou.getByTestId('town-figures').textContent(), { timeout: 15_000 }).toBe('2/3 已应答');
      await expect
        .poll(() => page.getByTestId(`board-town-${TOWNS[1]!.code}`).getByTestId('town-figures').textContent())
        .toBe('2/2 已应答');
      await expect.poll(() => tanzhou.getByTestId('silent-person').allTextContents()).toEqual([expect.stringContaining('梁支书')]);

      // The duty officer does not wait for the timer (tested in the server test with a clock): 立即升级, with a
      // reason, calls 坦洲's leader on duty, and the board says so.
      await tanzhou.getByTestId('escalate-now').click();
      await page.getByLabel('升级原因').fill('电话两次无人接听，合胜村低洼处已积水');
      await screenshot(page, 'warning-escalate-now');
      await page.getByRole('button', { name: '立即升级' }).last().click();
      const escalation = await waitForLink(TOWNS[0]!.leader, 2);
      await expect
        .poll(() => tanzhou.getByTestId('silent-person').allTextContents(), { timeout: 20_000 })
        .toEqual([expect.stringContaining('梁支书'), expect.stringMatching(/坦洲领导.*带班领导/)]);
      await tanzhou.getByText('已升级 1').waitFor();
      await screenshot(page, 'warning-board-escalated');
      const sms = await admin.request.get(`${server.url}/api/notification-gateway/outbox?to=${TOWNS[0]!.leader}`);
      expect(JSON.stringify(await sms.json())).toContain('梁支书未应答');

      // The leader answers the escalation: the board settles it.
      await handset.goto(escalation);
      await handset.getByTestId('answer-button').click();
      await handset.getByText('已应答：已知悉').waitFor();
      await expect
        .poll(() => tanzhou.getByTestId('silent-person').allTextContents(), { timeout: 15_000 })
        .toEqual([expect.stringContaining('梁支书')]);
      await page.getByRole('tab', { name: '叫应记录' }).click();
      await page.getByRole('cell', { name: '升级' }).first().waitFor();
      await screenshot(page, 'warning-log');

      // The rain eases: the duty officer lowers the warning to orange, a new version that calls the area again.
      await page.getByRole('button', { name: '更新预警' }).click();
      await page.waitForURL(/\/warnings\/\d+\/update$/);
      await page.getByText('更新预警（当前第 1 版）').waitFor();
      await page.locator('label.ant-radio-button-wrapper', { hasText: '橙色' }).click();
      await page.getByLabel('预警内容').fill('降雨减弱，预警降为橙色，坦洲、三乡、神湾低洼处人员暂不返回。');
      await screenshot(page, 'warning-update');
      await page.getByTestId('update-warning').click();
      await page.waitForURL(/\/warnings\/\d+$/);
      await page.getByText('生效中 · 第2版').waitFor();
      await phone.close();
      await context.close();
    }, 180_000);
  },
);
