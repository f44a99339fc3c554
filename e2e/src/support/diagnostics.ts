import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * What the browser saw, kept so that a failed journey says why: the last requests the pages made (method, path,
 * status, time taken), failed requests, page errors and console errors. On a failure the setup file prints them,
 * with each open page's address and the error texts it shows, as lines starting "E2E DIAG:" (CI repeats them at the
 * end of its log).
 */
const MAX_EVENTS = 40;
const events: string[] = [];
const browsers = new Set<Browser>();
/** What the page's Content-Security-Policy refused (server/src/http/app.ts): each one is a defect of the page. */
const cspViolations: string[] = [];

const stamp = () => new Date().toISOString().slice(11, 23);
function record(line: string): void {
  events.push(`${stamp()} ${line}`);
  if (events.length > MAX_EVENTS) events.shift();
}

const pathOf = (url: string) => {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
};

function watchPage(page: Page): void {
  page.on('pageerror', (e) => record(`page error: ${e.message.split('\n')[0]}`));
  page.on('console', (m) => {
    if (m.type() === 'error') record(`console error: ${m.text().split('\n')[0]!.slice(0, 200)}`);
    if (m.text().includes('Content Security Policy')) cspViolations.push(`${pathOf(page.url())}: ${m.text().slice(0, 300)}`);
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) record(`navigated to ${pathOf(f.url())}`);
  });
}

function watchContext(context: BrowserContext): void {
  const started = new WeakMap<object, number>();
  context.on('request', (r) => {
    if (pathOf(r.url()).startsWith('/api/')) started.set(r, Date.now());
  });
  context.on('requestfinished', (r) => {
    const t0 = started.get(r);
    if (t0 === undefined) return;
    void r
      .response()
      .then((res) => record(`${r.method()} ${pathOf(r.url())} → ${res?.status() ?? '?'} in ${Date.now() - t0} ms`))
      .catch(() => undefined);
  });
  context.on('requestfailed', (r) => record(`request failed: ${r.method()} ${pathOf(r.url())}: ${r.failure()?.errorText ?? ''}`));
  context.on('page', watchPage);
  for (const page of context.pages()) watchPage(page);
}

/** Makes every context of this browser report to the recorder. */
export function watchBrowser(browser: Browser): Browser {
  browsers.add(browser);
  browser.on('disconnected', () => browsers.delete(browser));
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args);
    watchContext(context);
    return context;
  };
  return browser;
}

const SHOWN_ERRORS = '.ant-form-item-explain-error, .ant-message-notice, .ant-notification-notice, .ant-alert-error, .ant-result-title';

/** The lines to print when a test fails; never throws, never waits long. With `pictures`, each open page is also saved there. */
export async function diagnose(pictures?: string): Promise<string[]> {
  let n = 0;
  const lines = [...events];
  for (const browser of browsers) {
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        let shown: string[] = [];
        try {
          shown = await page.locator(SHOWN_ERRORS).allInnerTexts();
        } catch {
          // the page is gone or busy: its address is still worth printing
        }
        let picture = '';
        if (pictures) {
          picture = `${pictures}-${++n}.png`;
          await page.screenshot({ path: picture, fullPage: true }).catch(() => (picture = ''));
        }
        const texts = shown.length ? ` shows: ${shown.map((s) => s.trim()).join(' | ')}` : '';
        lines.push(`open page ${pathOf(page.url())}${texts}${picture ? ` (picture: ${picture})` : ''}`);
      }
    }
  }
  events.length = 0;
  return lines.map((l) => `E2E DIAG: ${l}`);
}

/** Forgets what earlier tests saw. */
export function resetDiagnostics(): void {
  events.length = 0;
}

/** The Content-Security-Policy refusals seen since the last call. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}
