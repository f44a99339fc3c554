import type { Locator, Page } from 'playwright-core';

/** Signs in through the login page. */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Fills the change-password form and submits it. */
export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel('当前密码').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码').fill(next);
  await page.getByRole('button', { name: '确认修改' }).click();
}

/** Runs `attempt` until it returns without throwing, for up to `timeout` ms; then throws its last error. */
async function retry(attempt: () => Promise<void>, timeout = 30_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (Date.now() > until) throw e;
    }
  }
}

/**
 * Opens a page from the side menu: the group, then its item, until the address is `url`. A click on an item while its
 * group is still unfolding can be lost on a busy machine (CI, 2026-12-06: the hazard journey waited 30 s for the page).
 */
export async function openMenu(page: Page, group: string, item: string, url: RegExp): Promise<void> {
  await retry(async () => {
    if (url.test(page.url())) return;
    const entry = page.getByRole('menuitem', { name: item });
    if (!(await entry.isVisible())) await page.getByRole('menuitem', { name: group }).click({ timeout: 5_000 });
    await entry.click({ timeout: 5_000 });
    await page.waitForURL(url, { timeout: 5_000 });
  });
}

/** The dropdowns of antd Selects and TreeSelects that are open (one that is closing may linger beside the new one). */
const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-tree-select-dropdown:not(.ant-select-dropdown-hidden)';

/**
 * Chooses `option` (its exact title) in the antd Select or TreeSelect whose input is `field`, typing `type` first to
 * narrow a long or remote list, and waits until the field shows it chosen.
 *
 * On a busy machine a click that lands while the dropdown is still moving is lost, and the field stays empty; the
 * choice is then made again. An option the field already shows is never clicked again (in a multiple select a second
 * click would take it away).
 */
export async function selectOption(page: Page, field: Locator, option: string | RegExp, { type }: { type?: string } = {}): Promise<void> {
  const select = field.locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]");
  // antd 6 titles a single select's content with its choice (.ant-select-content-has-value), or its inner value when the
  // option is styled (.ant-select-content-value); each choice of a multiple select is an .ant-select-selection-item
  const shown = '.ant-select-content-has-value, .ant-select-content-value, .ant-select-selection-item';
  const chosen = select.locator(shown).and(page.getByTitle(option, { exact: true }));
  const item = page.locator(OPEN_DROPDOWN).getByTitle(option, { exact: true });
  await retry(async () => {
    if ((await chosen.count()) > 0) return;
    if (!(await item.first().isVisible())) {
      await field.click({ timeout: 5_000 });
      if (type) await field.fill(type, { timeout: 5_000 });
    }
    await item.first().click({ timeout: 5_000 });
    await chosen.first().waitFor({ state: 'attached', timeout: 3_000 });
  });
}

/**
 * Clicks `target` until `then` shows. On a busy machine a click that lands while the page is still moving (a dialog
 * opening, a list re-rendering) is lost. Only for clicks that are safe to repeat: it never clicks once `then` shows,
 * but a click whose effect shows after more than 3 s would be repeated. `then` must be absent before the click (a
 * row behind a dialog is not: it would stop before clicking); to close something use `clickUntilGone`.
 */
export async function clickUntil(target: Locator, then: Locator): Promise<void> {
  await retry(async () => {
    if (await then.first().isVisible()) return;
    await target.click({ timeout: 5_000 });
    await then.first().waitFor({ timeout: 3_000 });
  });
}

/** Clicks `target` until `gone` is hidden (a dialog's close button whose click was lost while the dialog moved). */
export async function clickUntilGone(target: Locator, gone: Locator): Promise<void> {
  await retry(async () => {
    if (!(await gone.first().isVisible())) return;
    await target.click({ timeout: 5_000 });
    await gone.first().waitFor({ state: 'hidden', timeout: 3_000 });
  });
}

/** Picks an option of an antd Select or TreeSelect in the open dialog by its visible text, typing to narrow long lists. */
export async function pick(page: Page, label: string, option: string, { search = false } = {}): Promise<void> {
  await selectOption(page, page.getByRole('dialog').getByLabel(label), option, search ? { type: option.slice(0, 2) } : {});
}

/**
 * Signs out with the header button (desktop) or the user menu (phone). A click on the phone's menu can be lost while
 * the dropdown is still opening on a loaded machine (seen in CI: the page stayed signed in): tried again until the
 * login page opens.
 */
export async function logout(page: Page): Promise<void> {
  await retry(async () => {
    if (/\/login$/.test(page.url())) return;
    const button = page.getByRole('button', { name: '退出登录' });
    if (await button.isVisible()) {
      await button.click({ timeout: 5_000 });
    } else {
      const item = page.getByRole('menuitem', { name: '退出登录' });
      if (!(await item.isVisible())) await page.getByTestId('header-user').click({ timeout: 5_000 });
      await item.click({ timeout: 5_000 });
    }
    await page.waitForURL(/\/login$/, { timeout: 5_000 });
  });
}

/** Clicks a row action guarded by a Popconfirm, then its confirm button (antd spaces two-character labels). */
export async function confirm(page: Page, row: Locator, action: string, ok = action): Promise<void> {
  const spaced = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
  const popup = page.locator('.ant-popconfirm:visible');
  const okButton = popup.getByRole('button', { name: spaced(ok) });
  // a click that lands while the previous confirm is still fading out may not open the new one
  for (let attempt = 1; ; attempt++) {
    await popup.waitFor({ state: 'hidden' });
    await row.getByRole('button', { name: spaced(action) }).click();
    try {
      await okButton.waitFor({ timeout: 3_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
  await okButton.click();
  await popup.waitFor({ state: 'hidden' });
}

/** A poster through the signed-in page's session that sends the server's own Origin as a browser does (the server refuses a change without it); it fails the journey on any answer but 2xx, naming the URL and the server's answer. */
export function apiPoster(page: Page, baseUrl: string): (url: string, data: object) => Promise<Record<string, unknown>> {
  return async (url, data) => {
    const res = await page.request.post(`${baseUrl}${url}`, { headers: { origin: baseUrl }, data });
    if (res.status() >= 300) throw new Error(`POST ${url} answered ${res.status()}: ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
}

/**
 * The administrator's first sign-in (the one-time password changed to `newPassword`), then a poster for set-up through
 * the API (see `apiPoster`).
 */
export async function adminSetup(
  page: Page,
  baseUrl: string,
  oneTimePassword: string,
  newPassword: string,
): Promise<(url: string, data: object) => Promise<Record<string, unknown>>> {
  await login(page, baseUrl, 'admin', oneTimePassword);
  await page.waitForURL(/\/change-password$/);
  await changePassword(page, oneTimePassword, newPassword);
  await page.waitForURL(`${baseUrl}/`);
  return apiPoster(page, baseUrl);
}

/** Signs in with the one-time password and replaces it, as a new account does on its first visit. */
export async function firstLogin(page: Page, url: string, username: string, oneTime: string, password: string): Promise<void> {
  await login(page, url, username, oneTime);
  await page.waitForURL(/\/change-password$/);
  await changePassword(page, oneTime, password);
  await page.waitForURL(`${url}/`);
}

/** A button whose visible text is exactly `text` (antd spaces two-character labels; an icon adds its own name). */
export const named = (text: string): RegExp => new RegExp(`(^|\\s)${[...text].join('\\s*')}$`);

/**
 * Picks options of a labelled antd Select (within `within`, the page by default), typing first when `type` is given;
 * closes a multiple select after.
 */
export async function choose(
  page: Page,
  label: string,
  options: (string | RegExp)[],
  { type, multiple = false, within }: { type?: string; multiple?: boolean; within?: Locator } = {},
): Promise<void> {
  const field = (within ?? page).getByLabel(label, { exact: true });
  for (const option of options) await selectOption(page, field, option, { type });
  if (multiple) {
    await page.keyboard.press('Escape');
    await page.locator(OPEN_DROPDOWN).first().waitFor({ state: 'hidden' });
  }
}

/** Draws a scrawl on the inspection record's signature pad and confirms it. */
export async function signOnPad(page: Page): Promise<void> {
  const pad = page.getByLabel('签名区：用手指在此签名');
  await pad.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 110);
  await page.mouse.down();
  for (const [dx, dy] of [
    [70, 40],
    [110, 120],
    [150, 50],
    [200, 130],
    [260, 60],
  ] as const)
    await page.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
  await page.mouse.up();
  await page.getByRole('button', { name: '确认签名' }).click();
  await page.getByRole('img', { name: '企业陪同人员签名' }).waitFor();
}
