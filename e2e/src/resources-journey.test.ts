import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser, PHONE, screenshot } from './support/browser';
import { adminSetup, apiPoster, choose, clickUntil, clickUntilGone, firstLogin, login, named } from './support/journey';
import { expectTowns, TOWN_NAME_RGB } from './support/map';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const ADMIN_NEW_PASSWORD = 'Yingji#Bureau2026';
const TOWN = { username: 'tanzhou.chen', displayName: '陈镇街', password: 'Town@Tanzhou2026' };
const LEADER = { username: 'leader.li', displayName: '李局长', password: 'Leader@City2026' };
const KEEPER = { username: 'keeper.wang', displayName: '王保管', password: 'Keeper@City2026' };
const GUIDANCE_DOC = '广东省应急物资储备指导标准（示例文号）';

describe.skipIf(skip)(
  'resources journey: a town borrows pumps, the approver approves, the keeper issues on a phone, part comes back damaged',
  () => {
    let server: TRunningServer;
    let browser: Browser;
    let loanUrl = '';

    const desktop = async () => {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      context.setDefaultTimeout(15_000);
      return { context, page: await context.newPage() };
    };

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startServer();
      const admin = await desktop();
      const post = await adminSetup(admin.page, server.url, server.adminPassword, ADMIN_NEW_PASSWORD);
      const oneTime: Record<string, string> = {};
      for (const [u, role, divisionCode] of [
        [TOWN, 'town_officer', '442000107'],
        [LEADER, 'bureau_leader', '4420'],
        [KEEPER, 'bureau_officer', '4420'],
      ] as const)
        oneTime[u.username] = (await post('/api/users', { username: u.username, displayName: u.displayName, role, divisionCode }))
          .oneTimePassword as string;
      await admin.context.close();
      // every account changes its one-time password; the keeper sets up the warehouse and its pumps through the API
      for (const u of [TOWN, LEADER, KEEPER]) {
        const { context, page } = await desktop();
        await firstLogin(page, server.url, u.username, oneTime[u.username]!, u.password);
        if (u === KEEPER) {
          const keeper = apiPoster(page, server.url);
          const w = await keeper('/api/resources/warehouses', {
            name: '市三防物资仓库',
            kind: 'city',
            divisionCode: '4420',
            address: '石岐街道民生路 1 号',
            keeper: '王保管',
            keeperPhone: '0760-88881234',
            longitude: 113.38,
            latitude: 22.52,
          });
          const pump = await keeper('/api/resources/items', {
            code: 'FL-PUMP',
            name: '排涝水泵',
            category: 'flood',
            unit: '台',
            spec: '6 寸',
            requires3c: false,
            unitPriceFen: 800_000,
          });
          await keeper('/api/resources/receipts', {
            warehouseId: w.id,
            source: 'allocation',
            receivedOn: '2026-01-05',
            acceptors: ['王保管', '赵验收'],
            lines: [{ itemId: pump.id, quantity: 6, unitPriceFen: 800_000 }],
          });
        }
        await context.close();
      }
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it("the bureau's admin enters the province's reserve guidance on the settings page, and exports it", async () => {
      const { context, page } = await desktop();
      await login(page, server.url, 'admin', ADMIN_NEW_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${server.url}/settings`);
      const card = page.getByTestId('reserve-guidance');
      await card.getByRole('button', { name: '添加一条' }).click();
      await choose(page, '第 1 条仓库层级', ['市级仓库'], { within: card });
      await choose(page, '第 1 条物资', [/排涝水泵/], { within: card });
      await card.getByLabel('第 1 条最低储备').fill('5');
      await card.getByLabel('第 1 条依据文件').fill(GUIDANCE_DOC);
      await card.getByRole('button', { name: '保存指导标准' }).click();
      await page.getByText('储备指导标准已保存').waitFor();
      const file = await page.request.get(`${server.url}${await card.getByTestId('guidance-export').getAttribute('href')}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toContain('spreadsheetml');
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'desktop-r00-reserve-guidance');
      await page.setViewportSize(PHONE);
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'phone-r00-reserve-guidance');
      await context.close();
    });

    it("the keeper picks a new warehouse's place on the city map", async () => {
      const { context, page } = await desktop();
      await login(page, server.url, KEEPER.username, KEEPER.password);
      await page.waitForURL(`${server.url}/`);
      // a click on the map fills 经度 and 纬度 of the new warehouse's form
      await page.goto(`${server.url}/resources/warehouses`);
      await page.getByRole('button', { name: '新增仓库' }).click();
      const picker = page.getByTestId('map-point-picker');
      await picker.locator('canvas').first().waitFor();
      // the towns (boundaries and names) under the point, as on every map (issue 14 item 13)
      await expectTowns(page, 'map-point-picker', TOWN_NAME_RGB);
      // the dialog may still be moving in: click its map's middle until the fields fill
      // a click while the dialog still scales in can land on its mask, which closes it (seen in CI on a loaded
      // machine): click only once the map's box has stood still between two looks
      let last = '';
      await expect
        .poll(
          async () => {
            const box = (await picker.boundingBox())!;
            const now = JSON.stringify(box);
            const still = now === last;
            last = now;
            if (still) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
            return page.getByLabel('经度').inputValue();
          },
          { timeout: 30_000 },
        )
        .toMatch(/^113\.\d+/);
      expect(await page.getByLabel('纬度').inputValue()).toMatch(/^22\.\d+/);
      await screenshot(page, 'warehouse-map-picker');
      await context.close();
    });

    it('the town asks to borrow four pumps', async () => {
      const { context, page } = await desktop();
      await login(page, server.url, TOWN.username, TOWN.password);
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/resources/loans`);
      await clickUntil(page.getByRole('button', { name: '申请借用' }), page.getByRole('dialog'));
      const dialog = page.getByRole('dialog');
      await choose(page, '出借仓库', ['市三防物资仓库（中山市）'], { within: dialog });
      await dialog.getByLabel('借用单位', { exact: true }).fill('坦洲镇应急管理办公室');
      await dialog.getByLabel('联系人').fill('陈主任');
      await dialog.getByLabel('联系电话').fill('13800000001');
      await choose(page, '物资 1', ['排涝水泵 6 寸'], { within: dialog });
      await dialog.getByLabel('数量 1').fill('4');
      await dialog.getByLabel('用途').fill('申堂村低洼地段排涝');
      await screenshot(page, 'desktop-r01-request');
      await dialog.getByRole('button', { name: '提交申请' }).click();
      await page.waitForURL(/\/resources\/loans\/\d+$/);
      loanUrl = page.url();
      await expect.poll(() => page.getByText('待审批').first().isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: '审批同意' }).count()).toBe(0);
      await context.close();
    });

    it('the approver approves', async () => {
      const { context, page } = await desktop();
      await login(page, server.url, LEADER.username, LEADER.password);
      await page.waitForURL(`${server.url}/`);
      await page.goto(loanUrl);
      await clickUntil(page.getByRole('button', { name: '审批同意' }), page.getByRole('dialog'));
      await page.getByLabel('审批意见').fill('同意借用，汛后归还');
      await clickUntilGone(page.getByRole('dialog').getByRole('button', { name: named('确定') }), page.getByRole('dialog'));
      await expect.poll(() => page.getByText('已批准待出库').first().isVisible()).toBe(true);
      await context.close();
    });

    it('the keeper issues on a phone and records a partial return, one damaged', async () => {
      const context = await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      context.setDefaultTimeout(15_000);
      const page: Page = await context.newPage();
      await login(page, server.url, KEEPER.username, KEEPER.password);
      await page.waitForURL(`${server.url}/`);
      await page.goto(loanUrl);
      await clickUntil(page.getByRole('button', { name: '确认出库' }), page.getByText('已出借').first());
      await screenshot(page, 'phone-r02-issued');
      await clickUntil(page.getByRole('button', { name: '登记归还' }), page.getByRole('dialog'));
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('归还数量 1').fill('2');
      await dialog.getByRole('button', { name: /再加一行/ }).click();
      await dialog.getByLabel('归还数量 2').fill('1');
      await dialog.getByLabel('归还说明 2').fill('叶轮破损');
      await screenshot(page, 'phone-r03-return');
      await clickUntilGone(dialog.getByRole('button', { name: named('保存') }), dialog);
      await expect.poll(() => page.getByText('部分归还').first().isVisible()).toBe(true);
      await expect.poll(() => page.getByText(/完好归还 2 · 损坏 1 · 消耗 0 · 丢失 0 · 未归还 1/).isVisible()).toBe(true);
      await context.close();
    });

    it('the ledger and the alerts show the change', async () => {
      const { context, page } = await desktop();
      await login(page, server.url, LEADER.username, LEADER.password);
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/resources/loans`);
      const row = page.getByRole('row').filter({ hasText: '坦洲镇应急管理办公室' });
      await expect.poll(() => row.textContent()).toContain('部分归还');
      const href = await page.getByTestId('loans-export').getAttribute('href');
      const file = await page.request.get(`${server.url}${href}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toContain('spreadsheetml');
      // 6 received, 4 lent, 2 back in good condition: 4 in stock, below the guidance's minimum of 5 for a city warehouse
      await page.goto(`${server.url}/resources/alerts`);
      await expect.poll(() => page.getByText(`排涝水泵：未过期结存 4台，最低储备 5台（指导标准：${GUIDANCE_DOC}）`).isVisible()).toBe(true);
      await screenshot(page, 'desktop-r04-alerts');
      await context.close();
    });

    it('a town shelter shows the supplies stored at it, from the ledger, on desktop and phone', async () => {
      const { context, page } = await desktop();
      await login(page, server.url, TOWN.username, TOWN.password);
      await page.waitForURL(`${server.url}/`);
      const town = apiPoster(page, server.url);
      const shelter = await town('/api/shelters', {
        name: '坦洲中学',
        kind: 'school',
        indoor: true,
        level: 'town',
        shelterClass: 'short_term',
        divisionCode: '442000107',
        address: '坦洲镇德政路 1 号',
        longitude: 113.46,
        latitude: 22.27,
        areaM2: 1500,
        managingUnit: '坦洲镇教育办',
        contact: '黄老师',
        contactPhone: '0760-86000000',
        facilities: {},
      });
      const point = await town('/api/resources/warehouses', {
        name: '坦洲中学物资储备点',
        kind: 'prepositioned',
        divisionCode: '442000107',
        address: '坦洲镇德政路 1 号',
        keeper: '黄保管',
        keeperPhone: '13800000001',
        longitude: 113.46,
        latitude: 22.27,
        shelterId: shelter.id,
      });
      const items = (await (await page.request.get(`${server.url}/api/resources/items`)).json()) as {
        items: { id: number; code: string }[];
      };
      await town('/api/resources/receipts', {
        warehouseId: point.id,
        source: 'allocation',
        receivedOn: '2026-01-05',
        acceptors: ['黄保管', '陈镇街'],
        lines: [{ itemId: items.items.find((i) => i.code === 'FL-PUMP')!.id, quantity: 3, unitPriceFen: 800_000 }],
      });
      await page.goto(`${server.url}/shelters/${shelter.id}`);
      await expect.poll(() => page.getByRole('link', { name: '坦洲中学物资储备点' }).first().isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('row').filter({ hasText: '排涝水泵' }).textContent()).toContain('3台');
      await screenshot(page, 'desktop-r05-shelter-stock');
      await page.setViewportSize(PHONE);
      await screenshot(page, 'phone-r05-shelter-stock');
      await context.close();
    });
  },
);
