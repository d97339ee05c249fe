import { readdir, readFile } from "node:fs/promises";

/** Set in every host step's environment; whatever the step starts inherits it, daemons included. */
export const STEP_MARKER = "ML_STARTER_VERIFY_STEP";
const ROUNDS = 5;
const ROUND_PAUSE_MS = 50;

/**
 * Linux only: kills every process that still carries this step's marker in its environment, and every
 * descendant (by parent pid) of `pid` while it lives — what a step left behind that its process group does not
 * reach (a `setsid` daemon, a double fork reparented to init). A few rounds, since a dying forker may have
 * started one more. Elsewhere it does nothing: macOS has no /proc (only the process group is killed), Windows'
 * `taskkill /T` walks the live tree only.
 */
export async function killLeftovers(
  pid: number,
  markerValue: string,
  platform: NodeJS.Platform = process.platform,
): Promise<number[]> {
  if (platform !== "linux") return [];
  const killed = new Set<number>();
  for (let round = 0; round < ROUNDS; round++) {
    const found = await findLeftovers(pid, `${STEP_MARKER}=${markerValue}`);
    if (found.length === 0) break;
    for (const p of found) {
      try {
        process.kill(p, "SIGKILL");
        killed.add(p);
      } catch {
        // ESRCH: gone already; EPERM: not ours to kill.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, ROUND_PAUSE_MS));
  }
  return [...killed].sort((a, b) => a - b);
}

// --- internal ---

interface ProcInfo {
  pid: number;
  ppid: number;
  zombie: boolean;
}

async function findLeftovers(root: number, marker: string): Promise<number[]> {
  const procs = await listProcesses();
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const out = new Set<number>();
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    if (out.has(p)) continue;
    out.add(p);
    stack.push(...(children.get(p) ?? []));
  }
  for (const p of procs) {
    if (p.zombie || p.pid === process.pid || out.has(p.pid)) continue;
    if (await hasMarker(p.pid, marker)) out.add(p.pid);
  }
  const zombies = new Set(procs.filter((p) => p.zombie).map((p) => p.pid));
  return [...out].filter((p) => p !== process.pid && !zombies.has(p));
}

async function listProcesses(): Promise<ProcInfo[]> {
  const out: ProcInfo[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, "utf8");
      // `pid (comm) state ppid …`: comm may contain spaces and parentheses, so parse from the last ')'.
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.push({
        pid: Number(name),
        ppid: Number(rest[1]),
        zombie: rest[0] === "Z" || rest[0] === "X",
      });
    } catch {
      // exited while we looked
    }
  }
  return out;
}

async function hasMarker(pid: number, marker: string): Promise<boolean> {
  try {
    const environ = await readFile(`/proc/${pid}/environ`);
    return environ.toString("utf8").split("\0").includes(marker);
  } catch {
    return false; // gone, or another user's process (we could not kill it either)
  }
}
