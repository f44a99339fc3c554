// the e2e package type-checks without the web's path mapping, so the domain comes through its index
import { completeCreditCode } from '@yingji/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser, PHONE, screenshot } from './support/browser';
import { photoPng } from './support/files';
import { adminSetup, choose, clickUntil, clickUntilGone, firstLogin, named, signOnPad } from './support/journey';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const ADMIN_NEW_PASSWORD = 'Yingji#Bureau2026';
/** Drafts the plan, draws, publishes and leads the 四不两直 check. */
const PLANNER = { username: 'tanzhou.huang', displayName: '黄计划', password: 'Plan@Tanzhou2026', certificateNo: 'GDZS-TZ-0107' };
/** Approves the plan (四眼原则) and is the second inspector. */
const APPROVER = { username: 'tanzhou.zhou', displayName: '周审批', password: 'Check@Tanzhou2026', certificateNo: 'GDZS-TZ-0108' };
const TANZHOU = '442000107';

const code = (n: number) => completeCreditCode('91442000' + String(n).padStart(8, '0'));
const FIRMS = [
  { n: 21, name: '中山市坦洲粤华五金制品有限公司', tags: ['dust_explosion'], address: '广东省中山市坦洲镇界狮南路 28 号' },
  { n: 22, name: '中山市坦洲锦达机械有限公司', tags: [], address: '广东省中山市坦洲镇同胜社区工业路 6 号' },
  { n: 23, name: '中山市坦洲恒力铝制品有限公司', tags: ['dust_explosion'], address: '广东省中山市坦洲镇新前进村环洲北路 9 号' },
  { n: 24, name: '中山市坦洲新锐模具有限公司', tags: [], address: '广东省中山市坦洲镇七村社区腾达路 3 号' },
];
/** The firm checked unannounced (四不两直): a dust-explosion firm, so the dust checklist applies. */
const CHECKED = FIRMS[0]!;
const DUST_CHECKLIST = '粉尘涉爆检查表（14 项）';
const FINDING = '抛光车间除尘器未设置泄爆装置，积尘厚度明显';
const CONCLUSION = '发现问题 1 项，已当场责令限期 15 日内整改';

/** This year in the bureau's calendar, as the plan form proposes it. */
const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const PLAN_TITLE = `${YEAR}年度坦洲镇工贸企业双随机抽查计划`;

/** Opens the phone menu and follows group → item (the group may already be open). */
async function openFromMenu(page: Page, group: string, item: string): Promise<void> {
  await page.getByRole('button', { name: '打开菜单' }).click();
  const menu = page.locator('.ant-drawer .ant-menu');
  await menu.getByRole('menuitem', { name: group }).waitFor();
  const entry = menu.getByText(item, { exact: true });
  if (!(await entry.isVisible())) await menu.getByRole('menuitem', { name: group }).click();
  await entry.click();
}

/**
 * Confirms the open Popconfirm with its 确定 button. A click that lands while the popup is still opening can be lost on
 * a busy machine: the button is clicked again (antd ignores clicks while its request runs, so nothing is sent twice).
 */
async function confirmPopup(page: Page): Promise<void> {
  const popup = page.locator('.ant-popconfirm:visible');
  const ok = popup.getByRole('button', { name: named('确定') });
  for (let attempt = 1; ; attempt++) {
    await ok.click();
    try {
      await popup.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/**
 * A full-page picture, optionally once the last action's toasts are gone. Fixed bars are drawn where the window
 * stands, so the page is scrolled to the top (the header in place) or, for a page with a bottom bar, the bottom.
 */
async function snap(page: Page, name: string, { quiet = false, bottom = false } = {}): Promise<void> {
  if (quiet) {
    // a toast under the pointer stays open, so the pointer leaves the top of the screen first
    await page.mouse.move(5, PHONE.height - 5);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  }
  // a string: the e2e package type-checks without the DOM library
  await page.evaluate(bottom ? 'window.scrollTo(0, document.body.scrollHeight)' : 'window.scrollTo(0, 0)');
  await screenshot(page, name);
}

describe.skipIf(skip)('inspection journey on a phone: plan, approve, draw, publish, a 四不两直 check with a photo, the public page', () => {
  let server: TRunningServer;
  let browser: Browser;
  let planner: BrowserContext;
  let approver: BrowserContext;
  let plannerPage: Page;
  const oneTime = { planner: '', approver: '' };
  let planUrl = '';
  let drawUrl = '';
  let seed = '';
  let drawn: string[] = [];
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    return page;
  };
  const phoneContext = async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      isMobile: true,
      hasTouch: true,
    });
    context.setDefaultTimeout(15_000);
    return context;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
    planner = await phoneContext();
    approver = await phoneContext();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the administrator creates two 坦洲 officers, puts them in the inspector pool and registers four firms (through the API)', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = watch(await context.newPage());
    const post = await adminSetup(page, server.url, server.adminPassword, ADMIN_NEW_PASSWORD);
    for (const [key, officer] of [
      ['planner', PLANNER],
      ['approver', APPROVER],
    ] as const) {
      const user = await post('/api/users', {
        username: officer.username,
        displayName: officer.displayName,
        role: 'town_officer',
        divisionCode: TANZHOU,
      });
      oneTime[key] = user.oneTimePassword as string;
      await post('/api/inspectors', {
        userId: (user.user as { id: number }).id,
        certificateNo: officer.certificateNo,
        certificateExpiresOn: `${YEAR + 1}-06-30`,
      });
    }
    for (const f of FIRMS) {
      await post('/api/enterprises', {
        creditCode: code(f.n),
        name: f.name,
        divisionCode: TANZHOU,
        address: f.address,
        supervisionCategory: 'it_machinery',
        tags: f.tags,
        reason: '工贸企业纳入镇街监管',
      });
    }
    await context.close();
  });

  it('the first officer drafts this year’s plan on the phone; the author cannot approve it', async () => {
    const page = (plannerPage = watch(await planner.newPage()));
    await firstLogin(page, server.url, PLANNER.username, oneTime.planner, PLANNER.password);
    await openFromMenu(page, '监督检查', '抽查计划');
    await page.waitForURL(/\/inspection\/plans$/);
    await page.getByText('还没有检查计划').waitFor();

    await page.getByRole('button', { name: '起草计划' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '起草年度检查计划' });
    await drawer.waitFor();
    // the form proposes this year, its whole span and a title; the officer names the plan and its focus
    expect(await drawer.getByLabel('年度', { exact: true }).inputValue()).toBe(String(YEAR));
    await drawer.getByLabel('计划名称').fill(PLAN_TITLE);
    await drawer.getByLabel('检查重点').fill('粉尘涉爆、有限空间作业、重大事故隐患排查治理');
    await snap(page, 'inspection-phone-plan-form');
    // four ungraded firms: half of them each round, two rounds a year = once a year per firm, within the frequency cap
    await drawer.getByLabel('未定级', { exact: true }).fill('50');
    await drawer.getByLabel('每年抽查轮次').fill('2');
    await drawer.getByRole('button', { name: named('保存') }).click();

    await page.waitForURL(/\/inspection\/plans\/\d+$/);
    planUrl = page.url();
    await page.getByRole('heading', { name: PLAN_TITLE }).waitFor();
    await page.getByText('计划草稿已建立，请由另一名人员审批').waitFor();
    await page.getByText('抽查户次与频次对照（每轮共 2 家）').waitFor();
    expect(await page.locator('.page-header').getByText('草稿', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText(`${PLANNER.displayName} / 待审批`).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: named('审批') }).isDisabled()).toBe(true);
    // no draw before approval
    expect(await page.getByRole('button', { name: '新一轮抽取' }).count()).toBe(0);
    await snap(page, 'inspection-phone-plan-draft', { quiet: true });
  });

  it('the second officer approves the plan on their phone', async () => {
    const page = watch(await approver.newPage());
    await firstLogin(page, server.url, APPROVER.username, oneTime.approver, APPROVER.password);
    await openFromMenu(page, '监督检查', '抽查计划');
    await page.waitForURL(/\/inspection\/plans$/);
    await page.getByRole('link', { name: PLAN_TITLE }).click();
    await page.waitForURL(planUrl);
    await page.getByRole('button', { name: named('审批') }).click();
    await page.getByText('审批后计划不能再修改，确认审批？').waitFor();
    await confirmPopup(page);
    await page.getByText('计划已审批，可以抽取').waitFor();
    await page.locator('.page-header').getByText('已审批', { exact: true }).waitFor();
    await page.getByText(new RegExp(`${PLANNER.displayName} / ${APPROVER.displayName}（`)).waitFor();
    await snap(page, 'inspection-phone-plan-approved');
    await page.close();
  });

  it('the first officer commits to a seed, draws and publishes the draw', async () => {
    const page = plannerPage;
    await page.goto(planUrl);
    await page.getByRole('button', { name: '新一轮抽取' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '第一步：生成承诺' });
    await modal.waitFor();
    expect(await modal.getByLabel('批次名称').inputValue()).toBe('第 1 轮');
    // a click that lands while the dialog still zooms in is lost on a busy machine (CI): click until it closes
    await clickUntilGone(modal.getByRole('button', { name: '生成承诺' }), modal);

    await page.waitForURL(/\/inspection\/draws\/\d+$/);
    drawUrl = page.url();
    await page.locator('.page-header').getByText('已生成承诺，待抽取').waitFor();
    // the commitment and both lists' hashes are fixed before the draw; the seed stays secret until it runs
    await page.getByText('执行抽取后公开').waitFor();
    await page.getByText('候选企业名录哈希（4 家）').waitFor();
    await page.getByText('执法人员名录哈希（2 名）').waitFor();
    await snap(page, 'inspection-phone-draw-committed');

    await page.getByRole('button', { name: '执行抽取' }).click();
    await confirmPopup(page);
    await page.getByText('抽取完成：抽中 2 家企业，种子已公开').waitFor();
    await page.getByText('抽中企业（2 家）').waitFor();
    seed = (
      (await page
        .getByRole('row')
        .filter({ has: page.getByText('种子', { exact: true }) })
        .textContent()) ?? ''
    )
      .replace('种子', '')
      .trim();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    const rows = page.getByRole('row').filter({ hasText: '中山市坦洲' });
    expect(await rows.count()).toBe(2);
    const texts = await rows.allTextContents();
    drawn = FIRMS.map((f) => f.name).filter((name) => texts.some((t) => t.includes(name)));
    expect(drawn).toHaveLength(2);
    // each drawn firm gets both officers of the pool (two inspectors per firm)
    for (const t of texts)
      expect(t).toMatch(new RegExp(`${PLANNER.displayName}、${APPROVER.displayName}|${APPROVER.displayName}、${PLANNER.displayName}`));

    await page.getByRole('button', { name: '向社会公开' }).click();
    await confirmPopup(page);
    await page.getByText('抽取结果已向社会公开').waitFor();
    await page.getByRole('button', { name: '向社会公开' }).waitFor({ state: 'detached' });
    await snap(page, 'inspection-phone-draw-published');

    // the plan lists the draw as drawn and public
    await page.goto(planUrl);
    const draw = page.getByRole('row').filter({ hasText: '第 1 轮' });
    await draw.getByText('已公开', { exact: true }).waitFor();
    expect(await draw.textContent()).toContain('候选 4 家 / 抽中 2 家');
    await snap(page, 'inspection-phone-plan-draws');
  });

  it(
    'the first officer records a 四不两直 check: one item fails with a note and a photo, the firm signs, the result is published',
    { timeout: 180_000 },
    async () => {
      const page = plannerPage;
      await openFromMenu(page, '监督检查', '检查记录');
      await page.waitForURL(/\/inspections$/);
      await page.getByRole('button', { name: '新建检查' }).click();
      await page.waitForURL(/\/inspections\/new$/);

      await page.getByText('四不两直', { exact: true }).click();
      await page.getByText(/四不两直：不发通知、不打招呼/).waitFor();
      await choose(page, '被检查企业', [new RegExp(`^${CHECKED.name}`)], { type: '粤华' });
      // the place comes from the firm's address
      await expect.poll(() => page.getByLabel('检查地点').inputValue()).toBe(CHECKED.address);
      await choose(
        page,
        '执法人员（至少 2 名，须持有效执法证）',
        [`${PLANNER.displayName}（${PLANNER.certificateNo}）`, `${APPROVER.displayName}（${APPROVER.certificateNo}）`],
        { multiple: true },
      );
      await choose(page, '检查表', [DUST_CHECKLIST]);
      await snap(page, 'inspection-phone-new');
      await page.getByRole('button', { name: '开始检查' }).click();

      await page.waitForURL(/\/inspections\/\d+\/record$/);
      const summary = page.locator('.record-summary');
      await summary.getByText(CHECKED.name).waitFor();
      expect(await summary.textContent()).toContain('四不两直');
      const items = page.getByRole('group', { name: /^第 \d+ 项检查结果$/ });
      expect(await items.count()).toBe(14);

      // issue 14 item 16: an unfinished record is checked before the confirmation, which does not open
      await page
        .locator('.record-bar')
        .getByRole('button', { name: named('提交') })
        .click();
      await page.getByText(/^还有 \d+ 处未完成：/).waitFor();
      expect(await page.getByRole('dialog').filter({ hasText: '提交检查记录？' }).count()).toBe(0);

      // item 1 fails: what was wrong, and a photo taken on the spot
      const first = page.locator('.answer-card', { has: page.getByRole('group', { name: '第 1 项检查结果' }) });
      await first.getByRole('button', { name: named('不合格') }).click();
      await first.getByPlaceholder('必填：发现的问题（部位、情形）').fill(FINDING);
      await first.locator('input[type=file]').setInputFiles({ name: '除尘器.png', mimeType: 'image/png', buffer: photoPng() });
      await first.getByRole('img', { name: '现场照片' }).waitFor();
      // one item does not apply, the rest comply
      for (let n = 2; n <= 14; n++) {
        await page
          .getByRole('group', { name: `第 ${n} 项检查结果` })
          .getByRole('button', { name: named(n === 14 ? '不适用' : '合格') })
          .click();
      }
      await page.getByText('已填 14/14').waitFor();

      await page.getByPlaceholder('企业陪同人员姓名').fill('王安全');
      await signOnPad(page);
      await page.getByPlaceholder('发现问题 1 项，责令限期整改').fill(CONCLUSION);
      await snap(page, 'inspection-phone-record', { bottom: true });

      await page
        .locator('.record-bar')
        .getByRole('button', { name: named('提交') })
        .click();
      const ask = page.getByRole('dialog').filter({ hasText: '提交检查记录？' });
      await ask.getByText('共 14 项，已填 14 项，不合格 1 项。').waitFor();
      // as with 生成承诺: a click that lands while the dialog still zooms in is lost on a busy machine
      await clickUntilGone(ask.getByRole('button', { name: named('提交') }), ask);

      await page.waitForURL(/\/inspections\/\d+$/);
      await page.getByText('检查记录已提交，发现问题 1 项').waitFor();
      await page.getByText('已提交', { exact: true }).waitFor();
      await page.getByText('发现的问题（1）').waitFor();
      const finding = page.locator('.ant-card', { hasText: '发现的问题（1）' });
      expect(await finding.textContent()).toContain(FINDING);
      expect(await finding.getByRole('img', { name: '现场照片' }).count()).toBe(1);
      expect(await page.getByText(CONCLUSION).isVisible()).toBe(true);
      expect(await page.getByText(/待公示，期限 \d{4}-\d{2}-\d{2}/).isVisible()).toBe(true);
      await page.getByRole('img', { name: '企业陪同人员签名' }).waitFor();

      await page.getByRole('button', { name: '公示检查结果' }).click();
      await page.getByText('检查结果已公示').waitFor();
      await page.getByText(/^已公示 /).waitFor();
      expect(await page.getByRole('button', { name: '公示检查结果' }).count()).toBe(0);
      await snap(page, 'inspection-phone-detail', { quiet: true });
    },
  );

  it('anyone opens the public page on a phone, sees the drawn firms and the seed, and verifies the draw in the browser', async () => {
    const context = await phoneContext();
    const page = watch(await context.newPage());
    await page.goto(`${server.url}/public/draws`);
    const card = page.getByTestId('public-draw').filter({ hasText: PLAN_TITLE });
    await card.getByText('已公开', { exact: true }).waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('候选企业 4 家');
    expect(text).toContain('抽中 2 家');
    expect(text).toContain('坦洲镇');
    await snap(page, 'inspection-phone-public-list');

    await card.getByRole('link', { name: `${PLAN_TITLE} · 第 1 轮` }).click();
    await page.waitForURL(new RegExp(`/public/draws/${drawUrl.split('/').pop()}$`));
    await page.getByText('抽中企业（2 家）').waitFor();
    await page.getByText('为什么说抽取是公平的').waitFor();
    // the technical proof is folded away under 技术验证; the seed shows once it is opened
    expect(await page.getByText(seed).count()).toBe(0);
    // a click on the fold while the page still settles can be lost on a busy machine: click until the seed shows
    await clickUntil(page.getByText('技术验证（随机种子、哈希值与复算方法）'), page.getByText(seed));
    for (const name of drawn) await page.getByText(new RegExp(`\\d\\. ${name}$`)).waitFor();
    expect(await page.getByRole('row').filter({ hasText: '中山市坦洲' }).count()).toBe(2);

    const result = page.getByTestId('draw-verify-result');
    await clickUntil(page.getByRole('button', { name: '在浏览器中复算验证' }), result);
    expect(await result.textContent()).toMatch(
      /^验证通过：SHA-256\(种子\) 与承诺值相符.*复算 4 家候选企业得到的 2 家企业及执法人员与公布结果完全一致/,
    );
    await snap(page, 'inspection-phone-public-verified');
    await context.close();

    expect(errors).toEqual([]);
  });
});
