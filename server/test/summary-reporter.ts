import path from 'node:path';
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
    const names: string[] = [];
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
          names.push(`${relative(testModule.moduleId)} > ${testCase.fullName}: ${firstLine(testCase.result().errors?.[0]?.message)}`);
        }
      }
      if (testModule.state() === 'failed' && moduleFailedCases === 0) {
        failed += 1;
        names.push(`${relative(testModule.moduleId)}: ${firstLine(testModule.errors()[0]?.message)}`);
      }
    }
    failed += unhandledErrors.length;
    for (const error of unhandledErrors) names.push(`unhandled error: ${firstLine(error.message)}`);
    if (reason !== 'passed' && failed === 0) failed = 1;

    const line = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    // Each failure on one line that starts with "FAILED TEST:", so CI can repeat them at the end of its log.
    const failures = names.map((name) => `FAILED TEST: ${name}\n`).join('');
    process.stdout.write(`\n${failures}${line}\n`);
  }
}

const relative = (file: string) => path.relative(process.cwd(), file);
const firstLine = (message: string | undefined) => (message ?? '').split('\n')[0]!.slice(0, 300);
