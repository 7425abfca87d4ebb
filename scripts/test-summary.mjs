// The closing line of the test command: Rego and TypeScript test counts together.
import { readFileSync } from 'node:fs';

const [opaCounts, vitestJson] = process.argv.slice(2);
const [opaPassed, opaFailed, opaSkipped] = readFileSync(opaCounts, 'utf8').trim().split(/\s+/).map(Number);
let vt = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
try {
  vt = JSON.parse(readFileSync(vitestJson, 'utf8'));
} catch {
  vt.numFailedTests = 1; // vitest wrote no report: count the run as failed
}
const passed = opaPassed + vt.numPassedTests;
const failed = opaFailed + vt.numFailedTests;
const skipped = opaSkipped + vt.numPendingTests + vt.numTodoTests;
console.log(
  `rego: ${opaPassed} passed, ${opaFailed} failed; vitest: ${vt.numPassedTests} passed, ${vt.numFailedTests} failed, ${vt.numPendingTests + vt.numTodoTests} skipped`,
);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
