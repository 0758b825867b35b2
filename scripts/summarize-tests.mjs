// Adds up the gates and every vitest test into one plain line: "N passed, N failed".
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const failures = [];

for (const line of readFileSync('test-results/gates.jsonl', 'utf8').split('\n').filter(Boolean)) {
  const g = JSON.parse(line);
  if (['typecheck', 'lint', 'build', 'security-gate', 'bench-small'].includes(g.name)) {
    if (g.ok) passed++;
    else {
      failed++;
      failures.push(`gate: ${g.name}`);
    }
  }
}

for (const [file, gateName] of [['test-results/vitest.json', 'vitest'], ['test-results/package.json', 'package'], ['test-results/e2e.json', 'e2e']]) {
  if (!existsSync(file)) {
    failed++;
    failures.push(`${gateName}: no results (the runner did not finish)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that failed to load counts as a failure even though it holds no test.
  for (const suite of report.testResults) {
    if (suite.status === 'failed' && suite.assertionResults.length === 0) {
      failed++;
      failures.push(`${gateName}: ${suite.name}: ${suite.message?.split('\n')[0] ?? 'failed to run'}`);
    }
    for (const t of suite.assertionResults) if (t.status === 'failed') failures.push(`${gateName}: ${t.fullName}`);
  }
  if (report.numPendingTests || report.numTodoTests) {
    // Tests must not skip themselves: a skipped test is a failure here.
    failed += report.numPendingTests + report.numTodoTests;
    failures.push(`${gateName}: ${report.numPendingTests + report.numTodoTests} skipped test(s)`);
  }
}

if (failures.length) console.log('\nFailures:\n  ' + failures.join('\n  '));
const summary = `${passed} passed, ${failed} failed`;
writeFileSync('test-results/summary.txt', summary + '\n');
console.log(summary);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
