import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser, screenshot } from './support/browser';
import { adminSetup, apiPoster, choose, clickUntil, firstLogin, named, selectOption } from './support/journey';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const ADMIN_NEW_PASSWORD = 'Yingji#Bureau2026';
const OFFICER = { username: 'plans.liu', displayName: '刘预案', password: 'Plans@Bureau2026' };
const TOWN = { username: 'wuguishan.he', displayName: '何镇街', password: 'Town@Wuguishan2026' };
const LEADER = { username: 'leader.chen', displayName: '陈局长', password: 'Leader@Bureau2026' };
const PLAN = '中山市森林火灾应急预案';
const DRILL = '2026年森林火灾应急综合演练（单盲）';
const PHASES: [string, string, string, string, string][] = [
  ['火情上报', '09:00', '09:08', '09:00', '09:12'],
  ['交通管制', '09:08', '09:30', '09:12', '09:40'],
  ['人员疏散', '09:30', '10:00', '09:40', '10:05'],
  ['火场指挥调度', '09:10', '11:00', '09:15', '11:10'],
  ['明火处置', '10:00', '11:00', '10:05', '11:05'],
  ['火场清理', '11:00', '12:00', '11:05', '12:00'],
];

const newDesktop = async (browser: Browser): Promise<Page> => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(15_000);
  return context.newPage();
};

describe.skipIf(skip)(
  'drill journey: a plan overdue for a drill, a blind drill with six phases and two findings, a task signed off by another user',
  () => {
    let server: TRunningServer;
    let browser: Browser;
    const oneTime = { officer: '', town: '', leader: '' };
    let officer: Page;

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startServer();
      const page = await newDesktop(browser);
      const post = await adminSetup(page, server.url, server.adminPassword, ADMIN_NEW_PASSWORD);
      const user = async (u: { username: string; displayName: string }, role: string, divisionCode: string) =>
        (await post('/api/users', { ...u, role, divisionCode })).oneTimePassword as string;
      oneTime.officer = await user(OFFICER, 'bureau_officer', '4420');
      oneTime.town = await user(TOWN, 'town_officer', '442000006');
      oneTime.leader = await user(LEADER, 'bureau_leader', '4420');
      await page.context().close();
      // the plans officer's plan is set up through the API: the journey is about its drill
      officer = await newDesktop(browser);
      await firstLogin(officer, server.url, OFFICER.username, oneTime.officer, OFFICER.password);
      await apiPoster(officer, server.url)('/api/drill/plans', {
        name: PLAN,
        level: 'city',
        kind: 'special',
        ownerUnit: '中山市应急管理局',
        issuedOn: '2022-05-01',
        disasterTypes: ['forest_fire'],
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('the plans officer sees the plan overdue for a drill and records a blind drill with its six phases', async () => {
      const page = officer;
      await page.goto(`${server.url}/drill/plans`);
      await expect.poll(() => page.getByText(/1 项预案超过规定周期未演练/).isVisible()).toBe(true);
      await page.getByRole('link', { name: '只看逾期' }).click();
      const row = page.getByRole('row').filter({ hasText: PLAN });
      await expect.poll(() => row.textContent()).toMatch(/逾期 \d+ 天/);
      await screenshot(page, 'desktop-d01-overdue');
      await row.getByRole('link', { name: PLAN }).click();
      await page.waitForURL(/\/drill\/plans\/\d+$/);
      await page.getByRole('button', { name: '登记演练' }).click();
      await page.waitForURL(/\/drill\/drills\/new\?planId=\d+$/);
      await expect.poll(() => page.getByTitle(PLAN).count()).toBeGreaterThan(0);
      await page.getByLabel('演练名称').fill(DRILL);
      await page.getByLabel('综合演练', { exact: true }).check();
      await page.getByLabel('单盲', { exact: true }).check();
      await page.getByLabel('组织单位', { exact: true }).fill('中山市森林消防支队');
      await page.getByLabel('军地联训联演').check();
      for (const [i, [name, ps, pe, as, ae]] of PHASES.entries()) {
        await clickUntil(page.getByRole('button', { name: '添加环节' }), page.getByLabel(`环节 ${i + 1} 名称`));
        await page.getByLabel(`环节 ${i + 1} 名称`).fill(name);
        await page.getByLabel(`环节 ${i + 1} 计划开始`).fill(ps);
        await page.getByLabel(`环节 ${i + 1} 计划结束`).fill(pe);
        await page.getByLabel(`环节 ${i + 1} 实际开始`).fill(as);
        await page.getByLabel(`环节 ${i + 1} 实际结束`).fill(ae);
      }
      await screenshot(page, 'desktop-d02-drill-form');
      await page.getByRole('button', { name: named('保存') }).click();
      await page.waitForURL(/\/drill\/drills\/\d+$/);
      await expect.poll(() => page.getByText('单盲').first().isVisible()).toBe(true);
      const phaseRows = page.getByRole('row').filter({ hasText: /分钟|按时/ });
      await expect.poll(() => phaseRows.count()).toBe(6);
      expect(await page.getByRole('row').filter({ hasText: '交通管制' }).textContent()).toContain('+6 分钟');
    });

    it('records two findings of the review, each becoming a task', async () => {
      const page = officer;
      const findings: [string, string, string][] = [
        ['交通管制', '五桂山街道交通管制点位设置滞后，社会车辆进入警戒区', '五桂山街道办事处'],
        ['火情上报', '火情上报比计划多用 4 分钟，村级报告链不畅', '五桂山街道桂南村'],
      ];
      for (const [i, [phase, finding, unit]] of findings.entries()) {
        await choose(page, '环节', [phase]);
        await page.getByLabel('责任单位').fill(unit);
        await choose(page, '整改责任人', [TOWN.displayName]);
        await page.getByLabel('发现的问题').fill(finding);
        await page.getByRole('button', { name: '登记问题并生成整改任务' }).click();
        await expect.poll(() => page.getByRole('row').filter({ hasText: '整改中' }).count()).toBe(i + 1);
      }
      expect(await page.getByText('未销号 2 项').count()).toBe(1);
      await screenshot(page, 'desktop-d03-review');
    });

    it('the owner completes one task; the owner cannot sign it off, another user does', async () => {
      const town = await newDesktop(browser);
      await firstLogin(town, server.url, TOWN.username, oneTime.town, TOWN.password);
      await town.goto(`${server.url}/drill/tasks?mine=owner`);
      const row = town.getByRole('row').filter({ hasText: '交通管制点位' });
      await clickUntil(row.getByRole('button', { name: '提交完成' }), town.getByRole('dialog'));
      await town.getByRole('dialog').getByLabel('整改完成情况').fill('已重新设置 4 个交通管制点，修订街道交通管制分工');
      await town
        .getByRole('dialog')
        .getByRole('button', { name: named('提交') })
        .click();
      await town.getByRole('dialog').waitFor({ state: 'hidden' });
      await town.goto(`${server.url}/drill/tasks`);
      const done = town.getByRole('row').filter({ hasText: '交通管制点位' });
      await expect.poll(() => done.textContent()).toContain('待验收');
      // the owner is offered no sign-off: the server refuses it too (tested on the API)
      expect(await done.getByRole('button', { name: '验收销号' }).count()).toBe(0);
      await town.context().close();

      const leader = await newDesktop(browser);
      await firstLogin(leader, server.url, LEADER.username, oneTime.leader, LEADER.password);
      await leader.goto(`${server.url}/drill/tasks?mine=signer`);
      const toSign = leader.getByRole('row').filter({ hasText: '交通管制点位' });
      await toSign.getByRole('button', { name: '验收销号' }).click();
      await expect.poll(() => leader.getByRole('row').filter({ hasText: '交通管制点位' }).count()).toBe(0);
      await leader.goto(`${server.url}/drill/tasks`);
      await expect.poll(() => leader.getByRole('row').filter({ hasText: '交通管制点位' }).textContent()).toContain('已销号');
      expect(await leader.getByRole('row').filter({ hasText: '火情上报比计划' }).textContent()).toContain('整改中');
      await screenshot(leader, 'desktop-d04-signed-off');
      await leader.context().close();
    });

    it('a sign-in sheet whose columns are not recognised is shown back to be mapped, then imported', async () => {
      const page = officer;
      await apiPoster(page, server.url)('/api/drill/training', {
        topic: '森林防灭火专题培训',
        kind: 'sanfang',
        organiser: '中山市应急管理局',
        heldOn: '2026-02-10',
        sanfangStaff: 2,
      });
      await page.goto(`${server.url}/drill/training`);
      await clickUntil(page.getByText('森林防灭火专题培训', { exact: true }).first(), page.getByRole('dialog'));
      const sheet = '学员,公司,成绩\n张三,五桂山街道办事处,85\n李四,南朗街道办事处,52\n';
      await page
        .getByRole('dialog')
        .locator('input[type=file]')
        .setInputFiles({ name: '签到表.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet, 'utf8') });
      await expect.poll(() => page.getByText('找到的列：学员、公司、成绩').isVisible()).toBe(true);
      await selectOption(page, page.getByRole('dialog').getByLabel('姓名', { exact: true }), '学员');
      await screenshot(page, 'desktop-d05-attendance-mapping');
      await page.getByRole('button', { name: '按此对应关系导入' }).click();
      await expect.poll(() => page.getByRole('dialog').getByRole('row').filter({ hasText: '张三' }).count()).toBe(1);
      expect(await page.getByRole('dialog').getByRole('row').filter({ hasText: '李四' }).textContent()).toContain('不合格'); // 成绩 52, recognised
    });

    it('the plan is no longer overdue', async () => {
      const page = officer;
      await page.goto(`${server.url}/drill/plans?overdue=true`);
      await expect.poll(() => page.getByText('没有符合条件的应急预案').isVisible()).toBe(true);
      await page.goto(`${server.url}/drill/plans`);
      await expect.poll(() => page.getByRole('row').filter({ hasText: PLAN }).textContent()).toContain('按期');
      await page.context().close();
    });
  },
);
