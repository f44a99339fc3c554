import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/**
 * Prints one plain closing line, `N passed, N failed` (`, N skipped` when any were skipped),
 * counting test cases across every project, so CI and people read the same figure.
 *
 * A run can fail without a failing test case: a test file that does not load, a `beforeAll`
 * that throws, an unhandled error. Each of those counts as one failure, so the line never says
 * `0 failed` for a red run.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      let moduleFailedCases = 0;
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'skipped') skipped += 1;
        else {
          // 'failed', or 'pending' when the run stopped before the test finished.
          failed += 1;
          moduleFailedCases += 1;
        }
      }
      if (testModule.state() === 'failed' && moduleFailedCases === 0) failed += 1;
    }
    failed += unhandledErrors.length;
    if (reason !== 'passed' && failed === 0) failed = 1;

    const line = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    process.stdout.write(`\n${line}\n`);
  }
}
