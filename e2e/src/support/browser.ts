import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { watchBrowser } from './diagnostics';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_INSTALL = 'apt-get install -y chromium fonts-wqy-zenhei';
export const hasChromium = existsSync(CHROMIUM_PATH);
/** On CI a missing browser is a failure, never a silent skip. */
export const isCI = process.env['CI'] === 'true';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../screenshots');

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Debian's Chromium, headless; with fonts-wqy-zenhei so Chinese text renders instead of boxes. */
export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium) throw new Error(`找不到 ${CHROMIUM_PATH}，请先安装：${CHROMIUM_INSTALL}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return watchBrowser(browser);
}

/**
 * Pictures are for the people who look at them: taken on a developer's machine, not in CI (whose checkout is thrown
 * away), unless YINGJI_SCREENSHOTS=1.
 */
export const takePictures = process.env['YINGJI_SCREENSHOTS'] === '1' || (!isCI && process.env['YINGJI_SCREENSHOTS'] !== '0');

/** Saves a full-page screenshot to e2e/screenshots/<name>.png and returns its path (in CI, only the path). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  if (!takePictures) return file;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // let antd finish its motion before the picture
  await page.waitForTimeout(400);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
