// the e2e package type-checks without the web's path mapping, so the domain comes through its index
import { completeCreditCode, idNumberValid } from '@yingji/domain';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser, PHONE, screenshot } from './support/browser';
import { photoPng } from './support/files';
import { adminSetup, changePassword, choose, clickUntil, login, selectOption } from './support/journey';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const ADMIN_NEW_PASSWORD = 'Yingji#Bureau2026';
const TANZHOU = '442000107';
const CITY = '4420';
/** Files the case, investigates, proposes, notifies, serves and records the payment. */
const OFFICER = {
  username: 'tanzhou.zhang',
  displayName: '张承办',
  password: 'Case@Tanzhou2026',
  certificateNo: 'GDZS-TZ-0201',
  role: 'town_officer',
  divisionCode: TANZHOU,
};
/** The second case officer (art. 42: two or more). */
const SECOND = {
  username: 'tanzhou.li',
  displayName: '李协办',
  password: 'Case2@Tanzhou2026',
  certificateNo: 'GDZS-TZ-0202',
  role: 'town_officer',
  divisionCode: TANZHOU,
};
/** Approves the filing, chairs the collective deliberation, decides and approves the closing. */
const LEADER = {
  username: 'city.leader',
  displayName: '陈局长',
  password: 'Lead@Zhongshan2026',
  role: 'bureau_leader',
  divisionCode: CITY,
};
/** The legal reviewer (法制审核), who did not investigate. */
const REVIEWER = {
  username: 'city.fazhi',
  displayName: '法规科林审核',
  password: 'Review@Zhongshan2026',
  role: 'legal_reviewer',
  divisionCode: CITY,
};

const FIRM = {
  name: '中山市坦洲华盛五金制品有限公司',
  creditCode: completeCreditCode('9144200000000077'),
  address: '广东省中山市坦洲镇工业大道 18 号',
};
const VIOLATION =
  '未在有较大危险因素的场所和设施设备上设置明显的安全警示标志，安全设备未经常性维护保养，关闭、破坏监控报警设备，未为从业人员提供劳动防护用品';
const ID_NUMBER = (() => {
  const base = '44200019800101123';
  return base + [...'0123456789X'].find((c) => idNumberValid(base + c))!;
})();
/** The hazard the case comes from (the hazard page links to /cases/new with it). */
const HAZARD_REF = 42;

/** Today in the bureau's calendar, and a day some days before. */
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const daysBefore = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** A button whose visible text is exactly `text` (antd spaces two-character labels). */
const named = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

/** The action panel of the case page titled `label`, opened. */
async function action(page: Page, label: string): Promise<Locator> {
  const panel = page
    .locator('.case-actions .ant-collapse-item')
    .filter({ has: page.locator('.ant-collapse-header', { hasText: new RegExp(`^${label}$`) }) });
  const header = panel.locator('.ant-collapse-header');
  await header.waitFor();
  // the header says whether it is open (the form may still be fading in, so its visibility does not)
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await expect.poll(() => header.getAttribute('aria-expanded')).toBe('true');
  await panel.locator('form').waitFor();
  return panel;
}

/** Submits the open action form and waits for the header's stage tag. */
async function submit(page: Page, panel: Locator, stage: string): Promise<void> {
  await panel.locator('button[type=submit]').click();
  await page.locator('.case-header-card').getByText(stage, { exact: true }).waitFor();
}

async function snap(page: Page, name: string): Promise<void> {
  await page.mouse.move(5, DESKTOP.height - 5);
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, name);
}

describe.skipIf(skip)(
  'case journey: file a case from a hazard, legal review, collective deliberation, notice, decision, payment, closing, 双公示, file review',
  () => {
    let server: TRunningServer;
    let browser: Browser;
    const contexts: Record<string, BrowserContext> = {};
    const pages: Record<string, Page> = {};
    const oneTime: Record<string, string> = {};
    let firmId = 0;
    let caseUrl = '';
    const errors: string[] = [];
    /** Refused changes, printed when a step fails. */
    const answers: string[] = [];

    /** The page of an actor, signed in (the first time with the one-time password replaced). */
    async function as(who: typeof OFFICER | typeof LEADER): Promise<Page> {
      if (pages[who.username]) return pages[who.username]!;
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      context.setDefaultTimeout(15_000);
      contexts[who.username] = context;
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('response', (r) => {
        if (r.request().method() !== 'GET' && r.status() >= 400)
          void r.text().then((t) => answers.push(`${who.username} ${r.request().method()} ${r.url()} ${r.status()} ${t}`));
      });
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
      });
      await login(page, server.url, who.username, oneTime[who.username]!);
      await page.waitForURL(/\/change-password$/);
      await changePassword(page, oneTime[who.username]!, who.password);
      await page.waitForURL(`${server.url}/`);
      pages[who.username] = page;
      return page;
    }
    const open = async (who: typeof OFFICER | typeof LEADER) => {
      const page = await as(who);
      await page.goto(caseUrl);
      await page.locator('.case-header-card').waitFor();
      return page;
    };

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startServer();
    });
    // a failed step leaves a picture of each actor's page
    afterEach(async (ctx) => {
      if (ctx.task.result?.state !== 'fail') return;
      console.warn(answers.join('\n'));
      for (const [who, page] of Object.entries(pages)) await screenshot(page, `case-failed-${who}`).catch(() => undefined);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('the administrator creates two 坦洲 officers with certificates, a leader and a legal reviewer, and registers the firm (through the API)', async () => {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      const post = await adminSetup(page, server.url, server.adminPassword, ADMIN_NEW_PASSWORD);
      for (const who of [OFFICER, SECOND, LEADER, REVIEWER]) {
        const user = await post('/api/users', {
          username: who.username,
          displayName: who.displayName,
          role: who.role,
          divisionCode: who.divisionCode,
        });
        oneTime[who.username] = user.oneTimePassword as string;
        if ('certificateNo' in who)
          await post('/api/inspectors', {
            userId: (user.user as { id: number }).id,
            certificateNo: who.certificateNo,
            certificateExpiresOn: `${Number(TODAY.slice(0, 4)) + 1}-06-30`,
          });
      }
      const firm = await post('/api/enterprises', {
        creditCode: FIRM.creditCode,
        name: FIRM.name,
        divisionCode: TANZHOU,
        address: FIRM.address,
        supervisionCategory: 'it_machinery',
        tags: [],
        reason: '工贸企业纳入镇街监管',
      });
      firmId = firm.id as number;
      await context.close();
    });

    it('the officer files a case from a hazard: the link fills the source and the firm; parties, violation, officers, facts', async () => {
      const page = await as(OFFICER);
      await page.getByRole('menuitem', { name: '行政执法' }).click();
      await page.getByRole('menuitem', { name: '案件台账' }).click();
      await page.waitForURL(/\/cases$/);
      await page.getByText('没有案件').waitFor();

      await page.goto(`${server.url}/cases/new?source=hazard&ref=${HAZARD_REF}&enterpriseId=${firmId}`);
      await page.getByRole('heading', { name: '立案登记' }).waitFor();
      await page.locator('form').getByText(`${FIRM.name}（坦洲镇）`).waitFor();
      expect(await page.getByLabel('隐患编号').inputValue()).toBe(String(HAZARD_REF));
      await page.getByLabel('当事人包括个人（如主要负责人）').check();
      await page.getByLabel('姓名', { exact: true }).fill('王建华');
      await page.getByLabel('身份证号码').fill(ID_NUMBER);
      await page.getByLabel('职务').fill('主要负责人');
      await choose(page, '违法行为（违法行为目录）', [`${VIOLATION}（SAFL-99）`], { type: 'SAFL-99', multiple: true });
      await page.getByText('依据 《中华人民共和国安全生产法》第九十九条', { exact: false }).first().waitFor();
      const occurred = page.getByLabel('违法行为发生（终了）日期');
      await occurred.click();
      await occurred.fill(daysBefore(3));
      await occurred.press('Enter');
      await choose(
        page,
        '承办人（至少 2 名，须持有效执法证，行政处罚法第四十二条）',
        [`${OFFICER.displayName}（执法证 ${OFFICER.certificateNo}）`, `${SECOND.displayName}（执法证 ${SECOND.certificateNo}）`],
        { multiple: true },
      );
      await page
        .getByLabel('案情摘要')
        .fill('隐患排查发现该公司抛光车间未设置明显的安全警示标志，未为从业人员提供防尘口罩，经责令改正逾期未改正。');
      await snap(page, 'case-new');
      await page.getByRole('button', { name: '提交立案审批' }).click();
      await page.waitForURL(/\/cases\/\d+$/);
      caseUrl = page.url();
      await page.locator('.case-header-card').getByText('待立案审批', { exact: true }).waitFor();
      await page.getByText(`${FIRM.name}、王建华`).first().waitFor();
      // the officer cannot approve their own filing: no such panel
      await page.getByText('当前阶段您没有可办理的事项').waitFor();
    });

    it('the leader approves the filing: numbered 立案审批表, the 90-day clock starts', async () => {
      const page = await open(LEADER);
      const panel = await action(page, '批准立案');
      await panel.getByLabel('审批意见').fill('同意立案，由张承办、李协办承办。');
      await submit(page, panel, '已立案');
      await page
        .getByText(/坦洲应急立〔\d{4}〕1号/)
        .first()
        .waitFor();
      const clock = page.locator('[data-testid=case-clocks] [data-clock=decision]');
      await expect.poll(() => clock.textContent()).toMatch(/作出决定期限.*剩余 90 天/);
    });

    it('the officer investigates, adds a photo with its hash, and sees the discretion band while proposing', async () => {
      const page = await open(OFFICER);
      await submit(page, await action(page, '开始调查取证'), '调查取证');
      const evidence = await action(page, '添加证据');
      await evidence.getByLabel('证据名称').fill('现场照片（抛光车间入口）');
      await evidence.locator('input[type=file]').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: photoPng() });
      await evidence.locator('.photo-thumb').waitFor();
      await evidence.locator('button[type=submit]').click();
      await page.getByText(/SHA-256 [0-9a-f]{64}/).waitFor();
      // 询问笔录: one question and answer, numbered
      const inquiry = await action(page, '制作询问笔录');
      await inquiry.getByLabel('被询问人').fill('王建华');
      await inquiry.getByLabel('职务').fill('总经理');
      await inquiry.getByLabel('询问地点').fill('坦洲镇应急管理办公室');
      await inquiry.getByLabel('问 1').fill('抛光车间为何未设置安全警示标志？');
      await inquiry.getByLabel('答 1').fill('车间改造后警示标志未及时恢复。');
      await inquiry.locator('button[type=submit]').click();
      await page
        .locator('.ant-list-item', { hasText: '询问笔录' })
        .getByText(/坦洲应急询〔\d{4}〕1号/)
        .waitFor();

      // ledger: the running clocks, before the decision
      await page.goto(`${server.url}/cases`);
      await page.getByRole('link', { name: `${FIRM.name}、王建华` }).waitFor();
      await page.getByText('剩余 90 天').waitFor();
      await snap(page, 'case-ledger');

      await page.goto(caseUrl);
      const propose = await action(page, '调查终结，提出处罚意见');
      await propose
        .getByLabel('调查认定的事实（调查终结报告）')
        .fill('经查，该公司抛光车间未设置安全警示标志，未为从业人员提供劳动防护用品；主要负责人王建华未履行安全生产管理职责。');
      await selectOption(page, propose.getByLabel('处罚对象'), '个人');
      // 安全生产法 art. 99 fines the person only once the order is found unmet at a 复查 (第二档)
      await propose.getByText('第一档（责令限期改正）对个人没有罚款规定').waitFor();
      await propose.getByLabel('第二档（逾期未改正）').check();
      await propose.getByText('第二档（逾期未改正）法定幅度 10,000 元 至 20,000 元；裁量基准（一般）12,000 元 至 15,000 元').waitFor();
      await propose.getByLabel('责令限期整改指令书文号').fill('坦洲应急责改〔2026〕9号');
      for (const [label, n] of [
        ['指令日期', 30],
        ['整改期限', 20],
        ['复查日期', 10],
      ] as const) {
        const field = propose.getByLabel(label, { exact: true });
        await field.click();
        await field.fill(daysBefore(n));
        await field.press('Enter');
      }
      await propose.getByLabel('逾期未改正（拒不执行）').check();
      // above the band: a written reason is asked for (legal review sees it); inside the band it goes away
      await propose.getByLabel('拟罚款（元）').fill('16000');
      await propose.getByLabel('超出裁量基准的理由（法制审核时可见）').waitFor();
      await snap(page, 'case-propose-outside-band');
      await propose.getByLabel('拟罚款（元）').fill('15000');
      await propose.getByLabel('超出裁量基准的理由（法制审核时可见）').waitFor({ state: 'detached' });
      await submit(page, propose, '拟处罚');
      await page
        .locator('[data-testid=case-order]')
        .getByText(/坦洲应急责改〔2026〕9号.*逾期未改正/)
        .waitFor();
      await page.locator('.case-header-card').getByText('须法制审核').waitFor();
      await page.locator('.case-header-card').getByText('须集体讨论').waitFor();

      // notice before the legal review is refused, naming the rule and its article; nothing changes
      const notify = await action(page, '告知（陈述、申辩、听证权利）');
      await notify.locator('button[type=submit]').click();
      await notify
        .locator('.case-refusal')
        .getByText(/第五十八条/)
        .waitFor();
      await snap(page, 'case-refusal');
      await page.locator('.case-header-card').getByText('拟处罚', { exact: true }).waitFor();
      await submit(page, await action(page, '提交法制审核'), '法制审核');
    });

    it('the legal reviewer passes the review', async () => {
      const page = await open(REVIEWER);
      const panel = await action(page, '法制审核');
      await panel.getByLabel('审核意见').fill('事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意。');
      await panel.locator('button[type=submit]').click();
      await page.locator('.case-header-card').getByText('法制审核已通过').waitFor();
    });

    it('the officer asks for collective deliberation; the leader records it with three participants', async () => {
      const officer = await open(OFFICER);
      await submit(officer, await action(officer, '提请集体讨论'), '集体讨论');
      const page = await open(LEADER);
      const panel = await action(page, '集体讨论');
      const who = panel.getByLabel('参加人员（至少 3 人，输入姓名后回车）');
      for (const name of ['陈局长', '黄副局长', '法规科科长']) {
        await who.fill(name);
        await who.press('Enter');
      }
      await panel.getByLabel('讨论决定').fill('同意对王建华处以罚款 15,000 元。');
      await panel.locator('button[type=submit]').click();
      await page.locator('.case-header-card').getByText('已集体讨论').waitFor();
    });

    it('the officer notifies the party (听证告知书), who waives the rights; the leader decides; the officer serves and records the payment', async () => {
      const officer = await open(OFFICER);
      const notify = await action(officer, '告知（陈述、申辩、听证权利）');
      await notify.getByText('本案可要求听证').waitFor();
      await submit(officer, notify, '已告知');
      await officer
        .getByText(/坦洲应急听告〔\d{4}〕1号|听证告知书/)
        .first()
        .waitFor();
      await officer.locator('[data-testid=case-clocks]').getByText('听证申请期限').waitFor();
      const waive = await action(officer, '当事人放弃陈述申辩和听证');
      await waive.getByLabel('说明').fill('当事人书面声明放弃陈述、申辩和听证权利。');
      await waive.locator('button[type=submit]').click();
      await officer.getByText('当事人放弃陈述申辩和听证', { exact: true }).last().waitFor();

      const leader = await open(LEADER);
      await submit(leader, await action(leader, '作出处罚决定'), '已决定');
      await leader.locator('.ant-list-item', { hasText: '行政处罚决定书' }).waitFor();

      await officer.goto(caseUrl);
      const serve = await action(officer, '送达决定书');
      await serve.getByLabel('签收人').fill('王建华');
      await submit(officer, serve, '已送达');
      await officer.locator('[data-testid=case-clocks]').getByText('缴纳罚款期限').waitFor();
      const pay = await action(officer, '登记缴款');
      expect(await pay.getByLabel('缴纳罚款（元）').inputValue()).toBe('15000.00');
      await pay.getByLabel('票据号').fill('GD-FS-2026-000123');
      await submit(officer, pay, '已缴清');
      await officer.getByText('已缴清', { exact: true }).last().waitFor();
    });

    it('the leader approves the closing; every document has its number and downloads as Word', async () => {
      const page = await open(LEADER);
      const close = await action(page, '结案审批');
      await close.getByLabel('结案意见').fill('罚款已缴清，同意结案。');
      await submit(page, close, '已结案');
      const docs = page.locator('.ant-list-item');
      for (const kind of ['立案审批表', '询问笔录', '听证告知书', '行政处罚决定书', '送达回执', '结案审批表'])
        await docs.filter({ hasText: kind }).waitFor();
      const numbers = await docs.locator('.mono').allTextContents();
      expect(numbers.every((n) => /〔\d{4}〕\d+号$/.test(n))).toBe(true);
      const href = await docs.filter({ hasText: '行政处罚决定书' }).getByRole('link').getAttribute('href');
      const res = await page.request.get(`${server.url}${href}`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('wordprocessingml');
      await snap(page, 'case-closed');

      await page.goto(`${server.url}/cases/stats`);
      await page.getByTestId('fine-totals').getByText('15,000 元').first().waitFor();
      await page.getByText(/作出行政处罚 1 件，罚款 15,000 元（1\.50 万元）/).waitFor();
      await snap(page, 'case-stats');
      await page.goto(`${server.url}/cases/catalogue`);
      await page.getByText('SAFL-99').waitFor();
      await snap(page, 'case-catalogue');
    });

    it('the closed decision is on the public 双公示 page, without an account, the person’s name masked', async () => {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await page.goto(`${server.url}/public/case-decisions`);
      const card = page.getByTestId('public-decision');
      await card.getByText(/坦洲应急罚〔\d{4}〕1号/).waitFor();
      expect(await card.textContent()).toContain(FIRM.name);
      expect(await card.textContent()).not.toContain('王建华');
      await screenshot(page, 'case-public-decisions');
      await context.close();
    });

    it('the leader reviews the file in a review round (案卷评查); the problem goes back to the town as a correction task', async () => {
      const page = await as(LEADER);
      await page.goto(`${server.url}/cases/reviews`);
      await page.getByText('还没有评查活动').waitFor();
      await page.getByRole('button', { name: '发起评查' }).click();
      const drawer = page.getByRole('dialog').filter({ hasText: '发起案卷评查' });
      await drawer.getByLabel('抽取数量（件）').fill('1');
      await choose(page, '评查人员（不评查本人承办的案卷，系统轮流分配）', [`${LEADER.displayName}（本人）`], {
        multiple: true,
        within: drawer,
      });
      await drawer.locator('button[type=submit]').click();
      await page.waitForURL(/\/cases\/reviews\/\d+$/);
      await page.getByText('评查案卷（已评 0 / 1）').waitFor();
      await page.getByRole('button', { name: named('评分') }).click();
      const sheet = page.getByRole('dialog').filter({ hasText: '评查案卷' });
      await sheet.getByLabel('文书（满分 100）').fill('85');
      await clickUntil(sheet.getByRole('button', { name: '添加问题' }), sheet.getByPlaceholder('问题描述'));
      await sheet.getByPlaceholder('问题描述').fill('送达回执未载明送达地点');
      await sheet.getByRole('button', { name: '保存评分' }).click();
      await page.getByText('评查案卷（已评 1 / 1）').waitFor();
      const report = page.getByTestId('review-report');
      await report.getByText('坦洲镇').first().waitFor();
      await report.getByText('送达回执未载明送达地点').waitFor();
      await snap(page, 'case-review-round');

      const officer = await as(OFFICER);
      await officer.goto(`${server.url}/cases/review-tasks`);
      const task = officer.getByRole('row').filter({ hasText: '送达回执未载明送达地点' });
      await task.getByRole('button', { name: '整改完成' }).click();
      await officer.getByText('没有整改任务').waitFor();

      // the same pages on a phone: the ledger as one column per case, the detail in one column
      await officer.setViewportSize(PHONE);
      await officer.goto(`${server.url}/cases`);
      await officer.getByRole('link', { name: `${FIRM.name}、王建华` }).waitFor();
      await snap(officer, 'case-phone-ledger');
      await officer.goto(caseUrl);
      await officer.locator('.case-header-card').getByText('已结案', { exact: true }).waitFor();
      await snap(officer, 'case-phone-detail');
    });

    it('the administrator edits a discretion band of the catalogue; a band outside the statutory range is refused on the field', async () => {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await login(page, server.url, 'admin', ADMIN_NEW_PASSWORD);
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/cases/catalogue`);
      await page
        .getByRole('row')
        .filter({ hasText: 'SAFL-99' })
        .getByRole('button', { name: /修\s*改/ })
        .click();
      const drawer = page.getByRole('dialog').filter({ hasText: '修改：' });
      await drawer.getByText('自由裁量基准').waitFor();
      const firstMax = drawer.getByPlaceholder('上限（元）').first();
      await firstMax.fill('60000');
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await drawer.getByText(/超出法定幅度/).waitFor();
      await screenshot(page, 'case-catalogue-edit');
      await firstMax.fill('12000');
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('已保存').waitFor();
      await page
        .getByRole('row')
        .filter({ hasText: 'SAFL-99' })
        .getByText(/单位 · 轻微\s*0 元–12,000 元/)
        .waitFor();
      await context.close();
      expect(errors).toEqual([]);
    });
  },
);
