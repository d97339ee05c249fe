import path from "node:path";
import { execa } from "execa";

/**
 * Kills a process and all its descendants, best effort. POSIX: the child was spawned `detached`, so it leads
 * its own process group and `kill(-pid)` reaches every member (daemons that call setsid() escape). Windows:
 * `taskkill /T /F` walks the tree from the pid.
 */
export async function killTree(
  pid: number,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  if (platform === "win32") {
    const systemRoot = process.env["SystemRoot"] ?? process.env["SYSTEMROOT"] ?? "C:\\Windows";
    const taskkill = path.win32.join(systemRoot, "System32", "taskkill.exe");
    await execa(taskkill, ["/T", "/F", "/PID", String(pid)], {
      reject: false,
      stdio: "ignore",
      windowsHide: true,
    });
    return;
  }
  try {
    process.kill(-pid, "SIGKILL");
  } catch (error) {
    // ESRCH: the group is already gone. EPERM: not ours. Either way fall back to the pid itself.
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      void error;
    }
  }
}
