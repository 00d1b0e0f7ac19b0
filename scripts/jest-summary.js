#!/usr/bin/env node
// Reads jest --json outputs and prints which suites ran against which store, then one closing line
// "N passed, N failed" (plus skipped) over all of them. Usage: jest-summary.js <label>=<file> ...
const fs = require('node:fs');
const path = require('node:path');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const arg of process.argv.slice(2)) {
  const [label, file] = arg.split('=');
  if (!fs.existsSync(file)) {
    process.stdout.write(`${label}: no results (${file} missing)\n`);
    failed += 1;
    continue;
  }
  const result = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + (result.numRuntimeErrorTestSuites || 0);
  skipped += result.numPendingTests + (result.numTodoTests || 0);
  process.stdout.write(
    `${label}: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${result.numPendingTests} skipped in ${result.numTotalTestSuites} suites\n`,
  );
  for (const suite of result.testResults) {
    const name = path.relative(process.cwd(), suite.name);
    const counts = {};
    for (const test of suite.assertionResults) counts[test.status] = (counts[test.status] || 0) + 1;
    const text =
      Object.entries(counts)
        .map(([status, n]) => `${n} ${status}`)
        .join(', ') || suite.status;
    const mark = suite.status === 'passed' ? 'ok  ' : suite.status === 'failed' ? 'FAIL' : 'skip';
    process.stdout.write(`  ${mark} ${name} (${text})\n`);
  }
}
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
