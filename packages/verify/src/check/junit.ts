import type { TestSummary } from "@ml-starter/schema";

type Outcome = TestSummary["cases"][number]["outcome"];

/**
 * pytest's JUnit XML → test ids (`classname::name`) and outcomes, sorted by id, with counts. A small parser
 * for the subset pytest writes (testcase elements with failure/error/skipped children); no XML dependency.
 */
export function parseJunit(xml: string): TestSummary {
  const cases: TestSummary["cases"] = [];
  const testcase = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(testcase)) {
    const attrs = parseAttributes(match[1] ?? "");
    const body = match[3] ?? "";
    const name = attrs.get("name") ?? "";
    const classname = attrs.get("classname") ?? "";
    cases.push({ id: classname ? `${classname}::${name}` : name, outcome: outcomeOf(body) });
  }
  cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const count = (o: Outcome) => cases.filter((c) => c.outcome === o).length;
  return {
    total: cases.length,
    passed: count("passed"),
    failed: count("failed"),
    errors: count("error"),
    skipped: count("skipped"),
    cases,
  };
}

// --- internal ---

function outcomeOf(body: string): Outcome {
  if (/<failure\b/.test(body)) return "failed";
  if (/<error\b/.test(body)) return "error";
  if (/<skipped\b/.test(body)) return "skipped";
  return "passed";
}

function parseAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.set(m[1] as string, decodeEntities(m[2] ?? m[3] ?? ""));
  }
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[lower] ?? _;
  });
}
