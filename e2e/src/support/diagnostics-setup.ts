import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { SCREENSHOT_DIR, takePictures } from './browser';
import { diagnose, resetDiagnostics, takeCspViolations } from './diagnostics';

// Each browser test, when it fails, prints what the browser last did and what its pages show (see diagnostics.ts);
// where pictures are taken (not in CI, unless YINGJI_SCREENSHOTS=1), it saves each open page as failed-<test>-N.png.
beforeEach(({ task, onTestFailed }) => {
  resetDiagnostics();
  takeCspViolations();
  onTestFailed(async () => {
    let pictures: string | undefined;
    if (takePictures) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      pictures = path.join(SCREENSHOT_DIR, `failed-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40)}`);
    }
    const timeout = new Promise<string[]>((resolve) =>
      setTimeout(() => resolve(['E2E DIAG: (no answer from the browser in 10 s)']), 10_000),
    );
    console.error((await Promise.race([diagnose(pictures), timeout])).join('\n'));
  });
});

// Nothing a page does may be refused by its Content-Security-Policy (an inline script, an eval, a foreign font).
afterEach(() => {
  expect(takeCspViolations(), 'Content-Security-Policy refusals').toEqual([]);
});
