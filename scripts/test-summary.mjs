// Adds up vitest's "Tests  N passed | M failed | K skipped" lines from a test:all log and prints one
// closing line, "N passed, M failed, K skipped", so CI can tell how many tests ran.
// Usage: node scripts/test-summary.mjs <log file>
import { readFileSync } from "node:fs";

// eslint-disable-next-line no-control-regex
const text = readFileSync(process.argv[2] ?? 0, "utf8").replace(/\u001b\[[0-9;]*m/g, "");
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const line of text.split("\n")) {
  const match = /\bTests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!match) continue;
  for (const part of match[1].split("|")) {
    const count = /(\d+)\s+(passed|failed|skipped)/.exec(part);
    if (count) totals[count[2]] += Number(count[1]);
  }
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
