// `pnpm bench`: speed, memory, footprint and start-up figures, side by side with peers measured in the same
// run, written to bench-results/bench.json and checked against issue 10's targets (reported, never asserted:
// a noisy machine would make tests flaky). `pnpm bench -- --quick` skips the Python baselines (uv sync, train,
// the train scaling run); `pnpm bench -- --train-only` runs only the train scaling and updates bench.json.
import { spawnSync } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { measureFootprint } from "./bench/footprint.mjs";
import { interleaved } from "./bench/measure.mjs";
import { PEERS, ensurePeers, equivalentTemplates } from "./bench/peers.mjs";
import { checkTargets, printReport, printTrainScaling } from "./bench/report.mjs";
import { trainScaling } from "./bench/train-scaling.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = path.join(root, "packages/create-ml-starter/dist/cli.js");
const { createProject, loadRegistry, defaultTemplatesRoot } = await import(
  path.join(root, "packages/create-ml-starter/dist/index.js")
);
const quick = process.argv.includes("--quick");
const trainOnly = process.argv.includes("--train-only");
const RUNS = 5;
const SCAFFOLD_FLAGS = ["-a", "classification", "--no-git", "--no-install", "--no-interactive"];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const work = mkdtempSync(path.join(tmpdir(), "ml-starter bench "));
const results = {
  machine: {
    cpus: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  runs: RUNS,
  figures: {},
};

function timed(file, args, cwd) {
  const start = performance.now();
  const r = spawnSync(file, args, { cwd, encoding: "utf8" });
  if (r.status !== 0)
    throw new Error(`${file} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return performance.now() - start;
}

/** `--help` and `--version` of the installed bin against Node starting an empty script. */
function startup(bin) {
  return interleaved(
    [
      { name: "node", file: process.execPath, args: ["-e", ""] },
      { name: "help", file: process.execPath, args: [bin, "--help"] },
      { name: "version", file: process.execPath, args: [bin, "--version"] },
    ],
    RUNS * 2,
  );
}

/**
 * One scaffold of the same project by ours (installed bin), a plain writer, ccds and copier (rendering an
 * equivalent template: ccds's own is cloned from GitHub at run time, out of reach here), and create-vite.
 */
function scaffoldWithPeers(bin) {
  const peers = ensurePeers(path.join(root, "bench-results", "peers"));
  const name = "benchproj";
  const ref = path.join(work, "reference", name);
  spawnSync(process.execPath, [bin, ref, ...SCAFFOLD_FLAGS], { stdio: "ignore" });
  const templates = equivalentTemplates(ref, name, path.join(work, "peer templates"));
  const fresh = (tool) => (i) => {
    const cwd = path.join(work, "peers", `${tool}-${i}`);
    mkdirSync(cwd, { recursive: true });
    return { cwd, target: path.join(cwd, name) };
  };
  const withTarget = (tool, args) => (i) => {
    const { cwd, target } = fresh(tool)(i);
    return { cwd, args: args(target) };
  };
  const figures = interleaved(
    [
      {
        name: "ours",
        file: process.execPath,
        prepare: withTarget("ours", (t) => [bin, t, ...SCAFFOLD_FLAGS]),
      },
      {
        name: "writer",
        file: process.execPath,
        prepare: withTarget("writer", (t) => [
          path.join(root, "scripts/bench/plain-writer.mjs"),
          ref,
          t,
        ]),
      },
      {
        name: "ccds",
        file: peers.ccds,
        prepare: withTarget("ccds", () => ["--no-input", templates.ccds]),
      },
      {
        name: "copier",
        file: peers.copier,
        prepare: withTarget("copier", (t) => [
          "copy",
          "--defaults",
          "--quiet",
          templates.copier,
          t,
        ]),
      },
      {
        name: "createVite",
        file: process.execPath,
        prepare: withTarget("vite", () => [
          peers.createVite,
          "vite-app",
          "--template",
          "vanilla",
          "--no-interactive",
          "--no-immediate",
        ]),
      },
    ],
    RUNS,
  );
  results.figures["scaffolded project (files, bytes)"] = treeSize(ref);
  results.figures["create-vite vanilla project (files, bytes)"] = treeSize(
    path.join(work, "peers", "vite-0", "vite-app"),
  );
  return figures;
}

function treeSize(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return [files, bytes];
}

/** A 1 GiB train.csv (and a small test.csv) written at bench time; --from-data reads only a bounded sample of it. */
function fromDataBench() {
  const data = path.join(work, "big data");
  mkdirSync(data);
  const row = (i) =>
    `${i},${(i * 0.37) % 100},${["a", "b", "c"][i % 3]},${i % 7},some text ${i % 101},${i % 2}\n`;
  const block = Array.from({ length: 10_000 }, (_, i) => row(i)).join("");
  const fd = openSync(path.join(data, "train.csv"), "w");
  writeSync(fd, "id,x,cat,k,note,target\n");
  for (let written = 0; written < 2 ** 30; written += Buffer.byteLength(block))
    writeSync(fd, block);
  closeSync(fd);
  writeFileSync(
    path.join(data, "test.csv"),
    `id,x,cat,k,note\n${Array.from({ length: 100 }, (_, i) => row(i).split(",").slice(0, 5).join(",")).join("\n")}\n`,
  );
  const run = (i) => [
    cli,
    path.join(work, `from-data-${i}`),
    "--from-data",
    data,
    "--no-copy-data",
    "--no-install",
    "--no-git",
  ];
  const ms = median(Array.from({ length: 3 }, (_, i) => timed(process.execPath, run(i))));
  rmSync(data, { recursive: true, force: true });
  return ms;
}

/** bench.json with the train scaling replaced: the rest of an earlier full run is kept. */
function writeTrainOnly() {
  const out = path.join(root, "bench-results", "bench.json");
  let previous = {};
  try {
    previous = JSON.parse(readFileSync(out, "utf8"));
  } catch {
    // no earlier run: bench.json holds this figure alone
  }
  const trainScalingResult = trainScaling({ cli, work });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ ...previous, machine: results.machine, trainScaling: trainScalingResult }, null, 2)}\n`,
  );
  printTrainScaling(trainScalingResult);
  console.log(`\nwritten to ${out}`);
}

if (trainOnly) {
  try {
    writeTrainOnly();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
}

try {
  const archetypes = (await loadRegistry(defaultTemplatesRoot())).map((a) => a.manifest);
  const help = Array.from({ length: RUNS }, () => timed(process.execPath, [cli, "--help"]));
  results.figures["cli --help (ms, median)"] = Math.round(median(help));

  results.figures["--from-data on a 1 GB CSV (ms, to a written profile)"] =
    Math.round(fromDataBench());

  for (const m of archetypes) {
    const times = [];
    let peak = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await createProject({
        targetDir: path.join(work, `${m.id}-${i}`),
        archetype: m.id,
        git: false,
        install: false,
      });
      times.push(performance.now() - start);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    results.figures[`createProject ${m.id} (ms, median, in-process)`] = Math.round(median(times));
    results.figures[`createProject peak RSS (MiB)`] = Math.round(peak / 2 ** 20);
    const cliTimes = Array.from({ length: RUNS }, (_, i) =>
      timed(process.execPath, [
        cli,
        path.join(work, `cli-${m.id}-${i}`),
        "-a",
        m.id,
        "--no-install",
        "--no-git",
      ]),
    );
    results.figures[`create-ml-starter ${m.id} --no-install (ms, median, end to end)`] = Math.round(
      median(cliTimes),
    );

    if (!quick) {
      const project = path.join(work, `${m.id}-0`);
      const pkg =
        m.defaultProjectName &&
        (await import("node:fs")).readFileSync(path.join(project, "ml-starter.json"), "utf8");
      const importName = JSON.parse(pkg).answers.importName;
      results.figures[`${m.id}: uv sync --locked (ms, warm cache)`] = Math.round(
        timed("uv", ["sync", "--locked", "-q"], project),
      );
      results.figures[`${m.id}: synth (ms)`] = Math.round(
        timed("uv", ["run", "--locked", importName, "synth"], project),
      );
      results.figures[`${m.id}: train (ms)`] = Math.round(
        timed("uv", ["run", "--locked", importName, "train"], project),
      );
      results.figures[`${m.id}: pytest (ms)`] = Math.round(
        timed("uv", ["run", "--locked", "pytest", "-q", "-p", "no:cacheprovider"], project),
      );
    }
  }
  // compare: two reports whose every installed package differs (time must stay linear in the package count).
  const { compareReports, renderCompareTable } = await import(
    path.join(root, "packages/verify/dist/index.js")
  );
  const { emptyReport } = await import(
    path.join(root, "packages/verify/dist/report/report-draft.js")
  );
  for (const n of [40_000, 400_000]) {
    const report = (version) => {
      const r = emptyReport("host");
      r.installed = Array.from({ length: n }, (_, i) => ({ name: `pkg-${i}`, version }));
      return r;
    };
    const [a, b] = [report("1"), report("2")];
    const start = performance.now();
    renderCompareTable([a, b], compareReports([a, b]));
    results.figures[`compare + table, ${n} differing packages (ms)`] = Math.round(
      performance.now() - start,
    );
  }
  results.footprint = await measureFootprint({ root, work, runs: 3 });
  results.startup = startup(results.footprint.bin);
  results.scaffold = scaffoldWithPeers(results.footprint.bin);
  results.peers = PEERS;
  if (!quick) results.trainScaling = trainScaling({ cli, work });
  results.targets = checkTargets(results);
  mkdirSync(path.join(root, "bench-results"), { recursive: true });
  const out = path.join(root, "bench-results", "bench.json");
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results.figures, null, 2));
  printReport(results);
  if (results.trainScaling) printTrainScaling(results.trainScaling);
  console.log(`\nwritten to ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
