import { describe, expect, it } from "vitest";
import { parseJunit } from "../../src/check/junit.js";

const xml = `<?xml version="1.0" encoding="utf-8"?>
<testsuites name="pytest tests"><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="5" time="0.9" timestamp="2026-11-25T02:00:00" hostname="box">
<testcase classname="tests.test_train" name="test_metrics[seed=0 &amp; &quot;x&quot;]" time="0.001" />
<testcase classname="tests.test_train" name="test_fails" time="0.01"><failure message="assert 1 == 2">def test_fails():
&gt;   assert 1 == 2
E   assert 1 == 2</failure></testcase>
<testcase classname="tests.test_io" name="test_setup_error" time="0.0"><error message="failed on setup with &quot;ValueError&quot;">trace</error></testcase>
<testcase classname="tests.test_kaggle" name="test_download" time="0.0"><skipped type="pytest.skip" message="no Kaggle credentials">skip</skipped></testcase>
<testcase classname='tests.test_io' name='test_unicode_μ' time='0.002'></testcase>
</testsuite></testsuites>`;

describe("parseJunit", () => {
  it("turns pytest's JUnit XML into sorted ids, outcomes and counts", () => {
    const summary = parseJunit(xml);
    expect(summary).toEqual({
      total: 5,
      passed: 2,
      failed: 1,
      errors: 1,
      skipped: 1,
      cases: [
        { id: "tests.test_io::test_setup_error", outcome: "error" },
        { id: "tests.test_io::test_unicode_μ", outcome: "passed" },
        { id: "tests.test_kaggle::test_download", outcome: "skipped" },
        { id: "tests.test_train::test_fails", outcome: "failed" },
        { id: 'tests.test_train::test_metrics[seed=0 & "x"]', outcome: "passed" },
      ],
    });
  });

  it("gives an empty summary for a file without test cases", () => {
    expect(parseJunit("<testsuites/>")).toMatchObject({ total: 0, cases: [] });
  });
});
