#!/usr/bin/env node
// Bin entry: everything lives in runCli; this only turns its result into the exit code.
import { runCli } from "./cli/run.js";

process.exitCode = await runCli(process.argv.slice(2));
