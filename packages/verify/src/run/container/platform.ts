/** Node's names for `uname -m` values, so container and host reports use the same vocabulary. */
const ARCH: Record<string, string> = {
  x86_64: "x64",
  amd64: "x64",
  aarch64: "arm64",
  arm64: "arm64",
  armv7l: "arm",
  i686: "ia32",
  i386: "ia32",
  ppc64le: "ppc64",
  s390x: "s390x",
  riscv64: "riscv64",
};

/** Parses the three lines of `uname -s; uname -r; uname -m` into the report's platform fields. */
export function parseUname(
  output: string,
): { os: string; osRelease: string; arch: string } | undefined {
  const [sys, release, machine] = output
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim());
  if (
    sys === undefined ||
    release === undefined ||
    machine === undefined ||
    sys === "" ||
    machine === ""
  )
    return undefined;
  return { os: sys.toLowerCase(), osRelease: release, arch: ARCH[machine] ?? machine };
}
