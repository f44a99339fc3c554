import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
// the e2e package type-checks without the web's path mapping, so the domain comes through its index
import { completeCreditCode } from '@yingji/domain';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, CHROMIUM_PATH, DESKTOP, hasChromium, isCI, launchBrowser, PHONE, screenshot } from './support/browser';
import { changePassword, confirm, login, pick, selectOption } from './support/journey';
import { startServer, type TRunningServer } from './support/server';

const skip = !hasChromium && !isCI;
if (skip) console.warn(`[e2e] 跳过浏览器测试：找不到 ${CHROMIUM_PATH}。安装：${CHROMIUM_INSTALL}`);

const ADMIN_NEW_PASSWORD = 'Yingji#Bureau2026';
const OFFICER = { username: 'qiye.chen', displayName: '陈企管', password: 'Registry@Safe2026' };
const TOWN_OFFICER = { username: 'tanzhou.wu', displayName: '吴坦洲', password: 'Tanzhou@Safe2026', divisionCode: '442000107' };

const code = (n: number) => completeCreditCode('91442000' + String(n).padStart(8, '0'));
/** A code whose last character (the GB 32100 check) is wrong. */
function badCheckDigit(n: number): string {
  const good = code(n);
  return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
}

const OLD_NAME = '中山市坦洲精密五金有限公司';
const NEW_NAME = '中山市坦洲智造科技有限公司';
const FIRMS = [
  { creditCode: code(1), name: OLD_NAME, legal: '李海', status: '存续', address: '广东省中山市坦洲镇界狮南路 18 号', industry: 'C3311' },
  {
    creditCode: code(2),
    name: '中山市东升绿源五金制品厂',
    legal: '黄明',
    status: '在营（开业）',
    address: '广东省中山市东升镇同茂工业大道 6 号',
    industry: 'C3389',
  },
  {
    creditCode: code(3),
    name: '中山市小榄镇泰丰灯饰有限公司',
    legal: '何静',
    status: '存续',
    address: '广东省中山市小榄镇泰丰工业区 3 号',
    industry: 'C3872',
  },
  {
    creditCode: code(4),
    name: '中山市三乡雅居家具有限公司',
    legal: '吴强',
    status: '存续',
    address: '广东省中山市三乡镇雅居乐路 5 号',
    industry: 'C2110',
  },
  {
    creditCode: code(5),
    name: '中山市古镇星光照明有限公司',
    legal: '梁芳',
    status: '存续',
    address: '广东省中山市古镇镇曹二村东岸路 9 号',
    industry: 'C3871',
  },
];
const INVALID = {
  creditCode: badCheckDigit(6),
  name: '中山市错码示例有限公司',
  legal: '赵六',
  status: '存续',
  address: '广东省中山市坦洲镇十四村',
  industry: 'C3311',
};
const HEADERS = ['统一社会信用代码', '企业名称', '法定代表人', '登记状态', '住所', '国民经济行业代码'];

async function writeSheet(file: string, firms: (typeof FIRMS)[number][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('市场主体名单');
  sheet.addRow(HEADERS);
  for (const f of firms) sheet.addRow([f.creditCode, f.name, f.legal, f.status, f.address, f.industry]);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** Picks an option of a filter Select (labelled by aria-label) by its visible text, typing to narrow it. */
async function pickFilter(page: Page, label: string, option: string): Promise<void> {
  await selectOption(page, page.getByLabel(label, { exact: true }), option, { type: option.slice(0, 2) });
}

const countOf = async (page: Page, key: string) => Number(await page.getByTestId(`count-${key}`).locator('.count-value').textContent());

describe.skipIf(skip)('enterprise journey: regulator imports, a renamed firm, the filtered export', () => {
  let server: TRunningServer;
  let browser: Browser;
  let admin: BrowserContext;
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let town: BrowserContext;
  let workDir = '';
  let officerPassword = '';
  let townPassword = '';
  const errors: string[] = [];

  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // refusals the journey provokes on purpose (4xx) are logged by the browser, not errors of the page
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    return page;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
    workDir = await mkdtemp(path.join(tmpdir(), 'yingji-e2e-sheets-'));
    admin = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    admin.setDefaultTimeout(15_000);
    desktop = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'UTC', acceptDownloads: true });
    desktop.setDefaultTimeout(15_000);
    phone = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
    phone.setDefaultTimeout(15_000);
    town = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    town.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('the administrator replaces the printed password and creates a bureau officer', async () => {
    const page = watch(await admin.newPage());
    await login(page, server.url, 'admin', server.adminPassword);
    await page.waitForURL(/\/change-password$/);
    await changePassword(page, server.adminPassword, ADMIN_NEW_PASSWORD);
    await page.waitForURL(`${server.url}/`);
    // the account itself is made through the API with the administrator's session; the users page has its own journey
    const res = await page.request.post(`${server.url}/api/users`, {
      // the server refuses a change without its own Origin (cross-site request forgery guard), as a browser sends it
      headers: { origin: server.url },
      data: { username: OFFICER.username, displayName: OFFICER.displayName, role: 'bureau_officer', divisionCode: '4420' },
    });
    expect(res.status(), await res.text()).toBe(201);
    officerPassword = ((await res.json()) as { oneTimePassword: string }).oneTimePassword;
    const townRes = await page.request.post(`${server.url}/api/users`, {
      headers: { origin: server.url },
      data: {
        username: TOWN_OFFICER.username,
        displayName: TOWN_OFFICER.displayName,
        role: 'town_officer',
        divisionCode: TOWN_OFFICER.divisionCode,
      },
    });
    expect(townRes.status(), await townRes.text()).toBe(201);
    townPassword = ((await townRes.json()) as { oneTimePassword: string }).oneTimePassword;
    await page.close();
  });

  it('the officer uploads the regulator list: the preview counts the firms and names the bad row', async () => {
    const page = watch(await desktop.newPage());
    await login(page, server.url, OFFICER.username, officerPassword);
    await page.waitForURL(/\/change-password$/);
    await changePassword(page, officerPassword, OFFICER.password);
    await page.waitForURL(`${server.url}/`);

    // the menu groups the registry's pages
    await page.getByRole('menuitem', { name: '企业台账' }).click();
    await page.getByRole('menuitem', { name: '导入名单' }).click();
    await page.waitForURL(/\/enterprises\/import$/);
    await screenshot(page, 'desktop-e01-import-empty');

    const first = await writeSheet(path.join(workDir, '市场主体名单-11月.xlsx'), [FIRMS[0]!, FIRMS[1]!, INVALID, ...FIRMS.slice(2)]);
    await page.locator('input[type=file]').setInputFiles(first);
    await page.getByTestId('import-preview').waitFor();
    expect(await countOf(page, 'new')).toBe(5);
    expect(await countOf(page, 'invalid')).toBe(1);
    expect(await countOf(page, 'changed')).toBe(0);
    // the invalid row is row 4 of the sheet (the header is row 1), with the check digit named
    const invalid = page.getByTestId('import-invalid');
    await invalid.waitFor();
    const invalidText = (await invalid.textContent()) ?? '';
    expect(invalidText).toContain('第 4 行');
    expect(invalidText).toContain('第 18 位校验码');
    // 东升镇 merged into 小榄镇: the address with the old name lands in 小榄镇
    await page.getByRole('tab', { name: /新增 5/ }).click();
    const dongsheng = page.getByRole('row', { name: new RegExp(FIRMS[1]!.name) });
    expect(await dongsheng.textContent()).toContain('小榄镇');
    await page.getByRole('tab', { name: /无效行 1/ }).click();
    await screenshot(page, 'desktop-e02-import-preview');

    // applying needs the skip box while the file has an invalid row
    const applyBar = page.locator('.apply-bar');
    expect(await applyBar.getByRole('button', { name: /应\s*用/ }).isDisabled()).toBe(true);
    await page.getByText(/跳过无效行并应用其余/).click();
    await confirm(page, applyBar, '应用');
    await page.getByText('名单已应用').waitFor();
    expect(await page.locator('.ant-result-subtitle').textContent()).toContain('新增 5 家');
    await screenshot(page, 'desktop-e03-import-applied');
    await page.close();
  });

  it('a second list renames one firm and drops another: the preview shows the field diff', async () => {
    const page = watch(await desktop.newPage());
    await page.goto(`${server.url}/enterprises/import`);
    const renamed = FIRMS.map((f) => (f.name === OLD_NAME ? { ...f, name: NEW_NAME } : f)).filter((f) => !f.name.includes('三乡'));
    const second = await writeSheet(path.join(workDir, '市场主体名单-12月.xlsx'), renamed);
    await page.locator('input[type=file]').setInputFiles(second);
    await page.getByTestId('import-preview').waitFor();
    expect(await countOf(page, 'changed')).toBe(1);
    expect(await countOf(page, 'missing')).toBe(1);
    expect(await countOf(page, 'unchanged')).toBe(3);
    expect(await countOf(page, 'invalid')).toBe(0);
    const changed = page.getByTestId('import-changed');
    const diff = (await changed.textContent()) ?? '';
    expect(diff).toContain('企业名称');
    expect(diff).toContain(OLD_NAME);
    expect(diff).toContain(NEW_NAME);
    await screenshot(page, 'desktop-e04-import-diff');
    await confirm(page, page.locator('.apply-bar'), '应用');
    await page.getByText('名单已应用').waitFor();
    await page.close();
  });

  it('the renamed firm is found by its old name, with its former name and the import in its timeline', async () => {
    const page = watch(await desktop.newPage());
    await page.goto(`${server.url}/enterprises`);
    await page.locator('.ant-table-row').first().waitFor();
    // the firm the second list dropped waits for its town: the quick filter counts it
    expect(await page.getByTestId('pending-filter').textContent()).toContain('1');
    const searched = page.waitForResponse((r) => r.url().includes('/api/enterprises?') && r.url().includes('q='));
    await page.getByLabel('关键字').fill('坦洲精密');
    await page.getByLabel('关键字').press('Enter');
    await searched;
    const rows = page.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(NEW_NAME);
    expect(await rows.first().textContent()).toContain(`曾用名：${OLD_NAME}`);
    await screenshot(page, 'desktop-e05-list-search');

    // the header's global search finds the firm by its old name too, and links to it
    await page.getByLabel('全局搜索').fill('坦洲精密');
    await page.getByLabel('全局搜索').press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const found = page.getByTestId('search-group-enterprise');
    await expect.poll(() => found.textContent()).toContain(NEW_NAME);
    expect(await found.textContent()).toContain('企业（1）');
    await screenshot(page, 'desktop-e05b-global-search');
    await found.getByRole('link', { name: NEW_NAME }).click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.goBack();
    await page.goBack();
    await page.waitForURL(/\/enterprises\?/);
    await expect.poll(() => rows.count()).toBe(1);

    await rows.first().getByRole('link', { name: NEW_NAME }).click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await expect(page.getByTestId('enterprise-name').textContent()).resolves.toBe(NEW_NAME);
    await expect(page.getByTestId('former-names').textContent()).resolves.toBe(OLD_NAME);
    const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
    expect(timeline).toContain(`企业名称 ${OLD_NAME} → ${NEW_NAME}`);
    expect(timeline).toContain('新纳入台账');
    await expect(page.getByTestId('supervising-body').textContent()).resolves.toContain('坦洲镇');
    await screenshot(page, 'desktop-e06-detail');

    // an edit with its reason shows up in the change history, field by field
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    const drawer = page.locator('.ant-drawer-section:visible');
    await drawer.getByLabel('主要负责人', { exact: true }).fill('李海');
    await drawer.getByLabel('主要负责人电话').fill('13800138001');
    // a licence running out within 90 days is flagged on the profile
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await drawer.getByRole('button', { name: /添加许可证/ }).click();
    await drawer.getByLabel('许可证类别').fill('危险化学品经营许可证');
    await drawer.getByLabel('许可证编号').fill('粤中危化经字〔2024〕000123');
    await drawer.getByPlaceholder('有效期至').fill(soon);
    await drawer.getByPlaceholder('有效期至').press('Enter');
    await drawer.getByLabel('修改原因').fill('现场检查核实负责人');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('现场检查核实负责人').first().waitFor();
    const history = (await page.locator('.history-list').textContent()) ?? '';
    expect(history).toContain('主要负责人电话');
    expect(history).toContain('13800138001');
    expect(history).toContain('危险化学品经营许可证');
    expect(await page.locator('.detail-card').filter({ hasText: '许可证' }).first().textContent()).toContain('90 天内到期');
    await screenshot(page, 'desktop-e07-detail-history');
    await page.close();
  });

  it('the officer confirms the firm the list dropped, and the create form checks a credit code like the server', async () => {
    const page = watch(await desktop.newPage());
    await page.goto(`${server.url}/enterprises`);
    await page.getByTestId('pending-filter').click();
    const row = page.getByRole('row', { name: /三乡雅居/ });
    await row.waitFor();
    await row.getByRole('link').click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.getByRole('button', { name: '确认在管' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('原因').fill('镇街现场核实仍在经营');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.locator('.page-header').getByText('在管', { exact: true }).waitFor();
    expect(await page.getByTestId('timeline').textContent()).toContain('待核实 → 在管');

    await page.goto(`${server.url}/enterprises`);
    await page.getByRole('button', { name: /新增企业/ }).click();
    const drawer = page.locator('.ant-drawer-section:visible');
    await drawer.getByLabel('统一社会信用代码').fill(badCheckDigit(7));
    await drawer.getByLabel('企业名称').click();
    await drawer.getByText(/统一社会信用代码第 18 位校验码应为/).waitFor();
    await screenshot(page, 'desktop-e08-create-check');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('the list filtered by town exports exactly those firms', async () => {
    const page = watch(await desktop.newPage());
    await page.goto(`${server.url}/enterprises`);
    await page.locator('.ant-table-row').first().waitFor();
    const filtered = page.waitForResponse((r) => r.url().includes('/api/enterprises?') && r.url().includes('divisionCode=442000118'));
    await pickFilter(page, '镇街', '小榄镇');
    await filtered;
    const rows = page.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    const shown = (await rows.allTextContents()).join('\n');
    expect(shown).toContain(FIRMS[1]!.name);
    expect(shown).toContain(FIRMS[2]!.name);
    await screenshot(page, 'desktop-e09-list-town');

    const link = page.getByTestId('enterprise-export');
    expect(await link.getAttribute('href')).toBe('/api/enterprises/export?divisionCode=442000118');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = path.join(workDir, 'export.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const exported: string[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) exported.push(String(r.getCell(2).value));
    });
    expect(exported.sort()).toEqual([FIRMS[1]!.name, FIRMS[2]!.name].sort());
    expect(String(sheet.getRow(2).getCell(4).value)).toBe('小榄镇');

    // a column switched on in 列设置 stays on after a reload
    await page.getByRole('button', { name: /列设置/ }).click();
    await page.locator('.column-chooser').getByText('更新时间').click();
    await page.getByRole('columnheader', { name: /更新时间/ }).waitFor();
    await screenshot(page, 'desktop-e10-column-chooser');
    await page.keyboard.press('Escape');
    await page.reload();
    await page.getByRole('columnheader', { name: /更新时间/ }).waitFor();
    await page.close();
  });

  it('the bureau moves a firm to another town at once, and the firm shows its new supervising body', async () => {
    const page = watch(await desktop.newPage());
    await page.goto(`${server.url}/enterprises?q=${encodeURIComponent('古镇星光')}`);
    await page.getByRole('link', { name: FIRMS[4]!.name }).click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.getByRole('button', { name: /属地变更/ }).click();
    const dialog = page.getByRole('dialog');
    await selectOption(page, dialog.getByLabel('变更为'), '横栏镇', { type: '横栏' });
    await dialog.getByLabel('原因').fill('厂区位于两镇交界，经核实在横栏镇境内');
    await screenshot(page, 'desktop-e11-transfer');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('supervising-body').getByText('横栏镇应急管理部门').waitFor();
    expect(await page.getByTestId('timeline').textContent()).toContain('属地由 古镇镇 变更为 横栏镇');
    await page.goto(`${server.url}/enterprises/transfers`);
    await page.locator('.ant-segmented').getByText('已接收', { exact: true }).click();
    await page.getByRole('row', { name: /古镇星光/ }).waitFor();
    await screenshot(page, 'desktop-e12-transfers');
    await page.close();
  });

  it('a town asks to move a firm to another town; the bureau accepts it', async () => {
    const page = watch(await town.newPage());
    await login(page, server.url, TOWN_OFFICER.username, townPassword);
    await page.waitForURL(/\/change-password$/);
    await changePassword(page, townPassword, TOWN_OFFICER.password);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/enterprises`);
    // the town sees only its own firms
    const rows = page.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(NEW_NAME);
    await rows.first().getByRole('link', { name: NEW_NAME }).click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.getByRole('button', { name: /属地变更/ }).click();
    const dialog = page.getByRole('dialog');
    // the town's data scope holds no other town, yet every town of the city is offered by name
    await pick(page, '变更为', '小榄镇', { search: true });
    await dialog.getByLabel('原因').fill('企业整体搬迁至小榄镇');
    await screenshot(page, 'desktop-e13-town-transfer-request');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已提交属地变更申请，等待接收镇街确认').waitFor();
    await page.goto(`${server.url}/enterprises/transfers`);
    await page.getByRole('row', { name: /坦洲智造/ }).waitFor();
    await page.close();

    const bureau = watch(await desktop.newPage());
    await bureau.goto(`${server.url}/enterprises/transfers`);
    const row = bureau.getByRole('row', { name: /坦洲智造/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('坦洲镇 → 小榄镇');
    await screenshot(bureau, 'desktop-e14-transfers-pending');
    await row.getByRole('button', { name: /接\s*收/ }).click();
    const decide = bureau.getByRole('dialog');
    await decide.getByLabel('意见').fill('同意，按新址监管');
    await decide.getByRole('button', { name: /接\s*收/ }).click();
    await bureau.getByText('没有待处理的属地变更申请').waitFor();
    await bureau.goto(`${server.url}/enterprises?q=${encodeURIComponent('坦洲智造')}`);
    const moved = bureau.getByRole('row', { name: /坦洲智造/ });
    await moved.waitFor();
    expect(await moved.textContent()).toContain('小榄镇');
    await bureau.close();
  });

  it('a sheet with unusual headers is read once the officer says which column is which', async () => {
    const page = watch(await desktop.newPage());
    await page.goto(`${server.url}/enterprises/import`);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('分局名单');
    sheet.addRow(['代码', '单位', '状况', '位置']);
    sheet.addRow([code(90), '中山市映射示例有限公司', '存续', '广东省中山市港口镇兴港路9号']);
    const file = path.join(workDir, '分局名单.xlsx');
    await workbook.xlsx.writeFile(file);
    await page.locator('input[type=file]').setInputFiles(file);
    const form = page.getByTestId('import-mapping');
    await form.waitFor();
    for (const [label, header] of [
      ['统一社会信用代码', '代码'],
      ['企业名称', '单位'],
      ['登记状态', '状况'],
      ['住所', '位置'],
    ] as const) {
      await selectOption(page, form.getByLabel(label, { exact: true }), header);
    }
    await screenshot(page, 'desktop-e15-import-mapping');
    await form.getByRole('button', { name: /按此对应关系重新读取/ }).click();
    await page.getByTestId('import-preview').waitFor();
    expect(await countOf(page, 'new')).toBe(1);
    await page.close();
  });

  it('on a phone the list is stacked cards and the detail reads top to bottom', async () => {
    const page = watch(await phone.newPage());
    await login(page, server.url, OFFICER.username, OFFICER.password);
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('button', { name: '打开菜单' }).click();
    const menu = page.locator('.ant-drawer .ant-menu');
    await menu.getByRole('menuitem', { name: '企业台账' }).click();
    await menu.getByText('台账', { exact: true }).click();
    await page.waitForURL(/\/enterprises$/);
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'phone-e01-list');
    await page.getByRole('link', { name: /小榄镇泰丰灯饰/ }).click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.getByTestId('timeline').waitFor();
    await screenshot(page, 'phone-e02-detail');

    await page.goto(`${server.url}/enterprises/import`);
    await page
      .locator('input[type=file]')
      .setInputFiles(await writeSheet(path.join(workDir, '手机预览.xlsx'), [...FIRMS.slice(1), INVALID]));
    await page.getByTestId('import-preview').waitFor();
    await screenshot(page, 'phone-e03-import-preview');

    await page.goto(`${server.url}/enterprises/transfers`);
    await page.getByText('没有待处理的属地变更申请').waitFor();
    await page.goto(`${server.url}/enterprises/alerts`);
    await page.getByText('目前没有需要预警的企业').waitFor();
    await screenshot(page, 'phone-e04-alerts');
    await page.close();

    expect(errors).toEqual([]);
  });
});
