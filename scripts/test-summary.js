// Prints `N passed, N failed, N skipped` summed over the vitest and Playwright JSON reports.
// A suite that failed before writing its report (lint, typecheck, build) counts as one failure.
import { existsSync, readFileSync } from 'node:fs'

const [vitestFile, playwrightFile, exitCode] = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0
if (vitestFile && existsSync(vitestFile)) {
  const r = JSON.parse(readFileSync(vitestFile, 'utf8'))
  passed += r.numPassedTests ?? 0
  failed += r.numFailedTests ?? 0
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
}
if (playwrightFile && existsSync(playwrightFile)) {
  const s = JSON.parse(readFileSync(playwrightFile, 'utf8')).stats ?? {}
  passed += (s.expected ?? 0) + (s.flaky ?? 0)
  failed += s.unexpected ?? 0
  skipped += s.skipped ?? 0
}
if (Number(exitCode) !== 0 && failed === 0) failed = 1
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
