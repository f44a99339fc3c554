import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSimulateArgs, simulate } from '../../server/src/modules/fire/fire-simulate';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser, screenshot } from './support/browser';
import { adminSetup, clickUntil, clickUntilGone, firstLogin, named } from './support/journey';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const ADMIN_NEW_PASSWORD = 'Yingji#Bureau2026';
const DUTY = { username: 'duty.fire', displayName: '林值班', password: 'Duty@Fire2026' };

describe.skipIf(skip)(
  'fire journey: the simulator posts a burst, the duty officer sees one incident, verifies it real, dispatches it, the province gets it once',
  () => {
    let server: TRunningServer;
    let browser: Browser;
    let receiver: http.Server;
    const received: { key: string; incidentId: number }[] = [];
    let key = '';
    let oneTime = '';

    beforeAll(async () => {
      receiver = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          received.push({
            key: String(req.headers['idempotency-key']),
            incidentId: (JSON.parse(body) as { payload: { incidentId: number } }).payload.incidentId,
          });
          res.end('ok');
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      browser = await launchBrowser();
      server = await startServer();
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      const post = await adminSetup(page, server.url, server.adminPassword, ADMIN_NEW_PASSWORD);
      oneTime = (
        await post('/api/users', { username: DUTY.username, displayName: DUTY.displayName, role: 'duty_officer', divisionCode: '4420' })
      ).oneTimePassword as string;
      const site = await post('/api/fire/sites', {
        code: 'WGS-01',
        name: '五桂山主峰高点',
        divisionCode: '442000006',
        longitude: 113.445,
        latitude: 22.43,
        heightM: 531,
      });
      const channel = await post(`/api/fire/sites/${site.id}/channels`, {
        code: 'WGS-01-1',
        name: '可见光',
        kind: 'optical',
        headingDeg: 120,
        fovDeg: 60,
        rangeM: 10000,
      });
      key = (await post('/api/fire/keys', { platform: '五桂山监控平台', channelIds: [channel.id] })).key as string;
      const settings = (await (await page.request.get(`${server.url}/api/settings`)).json()) as { fire: Record<string, unknown> };
      const put = await page.request.put(`${server.url}/api/settings/fire`, {
        headers: { origin: server.url },
        data: { value: { ...settings.fire, forwardUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/province` } },
      });
      expect(put.status()).toBe(200);
      await context.close();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      receiver?.closeAllConnections();
      await new Promise((r) => receiver?.close(r));
    });

    it('shows one incident for five alarms, verified, dispatched and forwarded once', async () => {
      const lines: string[] = [];
      const posted = await simulate(
        parseSimulateArgs([
          '--url',
          server.url,
          '--key',
          key,
          '--channels',
          'WGS-01-1',
          '--fires',
          '1',
          '--burst',
          '5',
          '--alarm-gap',
          '100',
          '--fire-gap',
          '0',
          '--seed',
          '7',
        ]),
        (l) => lines.push(l),
      );
      expect(posted).toBe(5);

      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await firstLogin(page, server.url, DUTY.username, oneTime, DUTY.password);
      await page.goto(`${server.url}/fire`);
      const rows = page.getByTestId('fire-incidents').locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => rows.first().innerText()).toContain('待核实');
      await screenshot(page, 'fire-board');

      await clickUntil(rows.first().getByRole('link'), page.getByTestId('fire-actions'));
      await expect.poll(() => page.getByTestId('fire-alarm-count').innerText()).toBe('5');
      await clickUntil(page.getByRole('button', { name: named('确认火情') }), page.getByRole('button', { name: named('派警') }));
      await page.getByRole('button', { name: named('派警') }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.innerText()).toContain('中山市森林消防大队');
      await clickUntilGone(dialog.getByRole('button', { name: named('确定') }), dialog);
      await expect.poll(() => page.locator('.page-title').innerText()).toContain('已派警');

      // the worker delivers within a few seconds; the province gets the incident once
      await expect.poll(() => received.length, { timeout: 20_000, interval: 500 }).toBe(1);
      await expect.poll(() => page.getByTestId('fire-forwarding').innerText(), { timeout: 10_000 }).toContain('已投递');
      await screenshot(page, 'fire-incident');
      await new Promise((r) => setTimeout(r, 6000));
      expect(received).toHaveLength(1);
      expect(received[0]!.key).toMatch(/^yingji-fire-\d+$/);
      await context.close();
    }, 120_000);
  },
);
