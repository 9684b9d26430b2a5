export type Counts = { passed: number; failed: number };

type VitestReport = { numPassedTests: number; numFailedTests: number; numFailedTestSuites?: number };

export function countVitest(json: unknown): Counts {
  const r = json as VitestReport;
  // A file that fails to load has no failed tests but a failed suite; count it.
  const brokenFiles = Math.max(0, (r.numFailedTestSuites ?? 0) - r.numFailedTests);
  return { passed: r.numPassedTests, failed: r.numFailedTests + (r.numFailedTests === 0 ? brokenFiles : 0) };
}

type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] };

export function countPlaywright(json: unknown): Counts {
  const { stats, errors = [] } = json as PlaywrightReport;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected + (errors.length ? 1 : 0) };
}
