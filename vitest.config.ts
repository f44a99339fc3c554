import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Test files of a project share their worker's module cache (isolate: false): every server file imported the
      // whole server again (about 2 s each on this machine's two cores, 146 s a run). Each file still gets its own
      // database and app from the harness; the server and domain suites take less than half the time.
      { test: { name: 'domain', include: ['domain/src/**/*.test.ts'], isolate: false } },
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/src/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['e2e/src/support/global-setup.ts'],
          setupFiles: ['e2e/src/support/diagnostics-setup.ts'],
          // a page that waits for the server may take seconds on a busy 2-core machine (CI runs both engines at once)
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
    // Vitest's default on two cores is one worker, which ran every file one after another. With two, the server and
    // domain files run beside the browser journeys (one journey at a time, `fileParallelism: false` above), which
    // spend most of their time waiting on the browser and the journey's own server.
    maxWorkers: 2,
    reporters: ['default', './server/test/summary-reporter.ts'],
  },
});
