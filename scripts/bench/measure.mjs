// Timing for `pnpm bench`: wall-clock time of whole processes, as a user waits for them.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs one command to completion and returns its wall time in ms; a failure stops the bench with its output. */
export function timed(file, args, { cwd, env } = {}) {
  const start = performance.now();
  const r = spawnSync(file, args, {
    cwd,
    env: env ? { ...process.env, ...env } : process.env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ms = performance.now() - start;
  if (r.status !== 0)
    throw new Error(
      `${file} ${args.join(" ")} failed (${r.status ?? r.error?.message}):\n${r.stdout}\n${r.stderr}`,
    );
  return ms;
}

/**
 * Medians of several commands measured round-robin (a, b, c, a, b, c, …), so that load from other work on
 * the machine falls on all of them alike and their ratios stay meaningful. `prepare(i)` gives run i's
 * cwd (and may create it) outside the timed span. One warm-up round is run and discarded.
 */
export function interleaved(commands, runs) {
  const times = Object.fromEntries(commands.map((c) => [c.name, []]));
  for (let i = -1; i < runs; i++) {
    for (const c of commands) {
      const { cwd, args } = c.prepare ? c.prepare(i) : {};
      const ms = timed(c.file, args ?? c.args, { cwd, env: c.env });
      if (i >= 0) times[c.name].push(ms);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, xs]) => [name, Math.round(median(xs))]),
  );
}
