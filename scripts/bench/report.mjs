import { trainScalingTable } from "./train-scaling.mjs";
// The targets of issue 10 checked against the figures, and the tables `pnpm bench` prints.

/** Each target: the figure, its limit, and whether it is met (the bench reports; it does not fail). */
/** Issue 16: the canonical profile's train within 60 s and the project's pytest within 10 s, on 2 cores. */
const PROJECT_TIME_LIMITS = {
  "text-classification": { train: 60, pytest: 10 },
  forecasting: { train: 60, pytest: 10 },
};

export function checkTargets({ footprint, startup, scaffold, figures = {} }) {
  const ratio = (a, b) => Math.round((a / b) * 100) / 100;
  const rows = [
    ["installed scaffolder size (MB)", Math.round(footprint.bytes / 1e4) / 100, 10],
    ["installed scaffolder packages", footprint.packages, 40],
    ["scaffold / ccds --no-input", ratio(scaffold.ours, scaffold.ccds), 0.4],
    ["scaffold / plain writer of the same bytes", ratio(scaffold.ours, scaffold.writer), 2.5],
    ["--help / node -e ''", ratio(startup.help, startup.node), 1.5],
    ["cold npx @ml-starter/create --version (s)", Math.round(footprint.npxColdMs / 10) / 100, 5],
  ];
  for (const [id, limits] of Object.entries(PROJECT_TIME_LIMITS)) {
    for (const [step, limit] of Object.entries(limits)) {
      const ms = figures[`${id}: ${step} (ms)`];
      if (ms !== undefined) rows.push([`${id}: ${step} (s)`, Math.round(ms / 100) / 10, limit]);
    }
  }
  return rows.map(([target, value, limit]) => ({ target, value, limit, pass: value <= limit }));
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The `train` scaling table (scripts/bench/train-scaling.mjs) and its verdict on linearity. */
export function printTrainScaling(result) {
  const { header, cells, note } = trainScalingTable(result);
  console.log(`\n${table(header, cells)}\n${note}`);
}

export function printReport({ footprint, startup, scaffold, targets }) {
  const lines = [
    `Footprint: ${footprint.packages} packages, ${(footprint.bytes / 1e6).toFixed(2)} MB (npm install ${footprint.installMs} ms); largest: ${footprint.largest.join(", ")}`,
    "",
    table(
      ["start-up (median ms)", "ms", "× node -e ''"],
      Object.entries(startup).map(([k, v]) => [k, v, (v / startup.node).toFixed(2)]),
    ),
    "",
    table(
      ["scaffold, same run, interleaved (median ms)", "ms", "ours ÷ this"],
      Object.entries(scaffold).map(([k, v]) => [k, v, (scaffold.ours / v).toFixed(2)]),
    ),
    "",
    table(
      ["target", "value", "limit", "result"],
      targets.map((t) => [t.target, t.value, `≤ ${t.limit}`, t.pass ? "pass" : "FAIL"]),
    ),
  ];
  console.log(lines.join("\n"));
}
