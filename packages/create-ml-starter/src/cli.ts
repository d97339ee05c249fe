#!/usr/bin/env node
// Bin entry: everything lives in runCli; this only turns its result into the exit code.
import { runCli } from "./cli/run.js";

// A closed or full stdout/stderr (`| head -c1`, `> /dev/full`) must not crash a run half-way with a stack
// trace: the output is lost, the generation still completes or rolls back, and the exit code tells.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

process.exitCode = await runCli(process.argv.slice(2));
