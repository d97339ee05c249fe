import { parse } from "smol-toml";

/** PEP 508 marker variables that differ between operating systems or CPU architectures. */
const PLATFORM_MARKER =
  /\b(sys_platform|platform_system|platform_machine|os_name|platform_release|platform_version)\b/;

interface Edge {
  from: string;
  to: string;
  marker: string | undefined;
}

/**
 * Names of locked packages that only some platforms install, from `uv.lock`: those reached from the project only
 * through dependency edges whose marker names the platform (`colorama; sys_platform == 'win32'`), plus packages
 * locked at several versions split by a platform marker. Compare allows exactly these to differ between OSes.
 */
export function platformSpecificPackages(lockText: string): string[] {
  const lock = parse(lockText) as { package?: unknown };
  const packages = Array.isArray(lock.package)
    ? (lock.package as Array<Record<string, unknown>>)
    : [];
  const edges: Edge[] = [];
  const incoming = new Map<string, number>();
  const names = new Set<string>();
  const splitByPlatform = new Set<string>();
  for (const pkg of packages) {
    const name = normaliseName(stringField(pkg, "name"));
    names.add(name);
    const resolution = pkg["resolution-markers"];
    if (Array.isArray(resolution) && resolution.some((m) => PLATFORM_MARKER.test(String(m))))
      splitByPlatform.add(name);
    for (const dep of dependencyEntries(pkg)) {
      const to = normaliseName(stringField(dep, "name"));
      const marker = typeof dep["marker"] === "string" ? dep["marker"] : undefined;
      edges.push({ from: name, to, marker });
      incoming.set(to, (incoming.get(to) ?? 0) + 1);
    }
  }
  // Roots: the project itself (editable/virtual sources) and anything nothing depends on.
  const roots = packages
    .filter((p) => {
      const source = p["source"] as Record<string, unknown> | undefined;
      return source !== undefined && ("editable" in source || "virtual" in source);
    })
    .map((p) => normaliseName(stringField(p, "name")));
  for (const name of names) if (!incoming.has(name)) roots.push(name);
  const everywhere = reachableWithoutPlatformMarkers(roots, edges);
  return [...names].filter((n) => !everywhere.has(n) || splitByPlatform.has(n)).sort();
}

/** PEP 503: runs of `-`, `_`, `.` become `-`, lower-cased. */
export function normaliseName(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

// --- internal ---

function stringField(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === "string" ? value : "";
}

function dependencyEntries(pkg: Record<string, unknown>): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const add = (list: unknown) => {
    if (Array.isArray(list))
      for (const d of list) if (d && typeof d === "object") out.push(d as Record<string, unknown>);
  };
  add(pkg["dependencies"]);
  for (const key of ["optional-dependencies", "dev-dependencies"]) {
    const groups = pkg[key];
    if (groups && typeof groups === "object") for (const list of Object.values(groups)) add(list);
  }
  return out;
}

function reachableWithoutPlatformMarkers(
  roots: readonly string[],
  edges: readonly Edge[],
): Set<string> {
  const seen = new Set<string>(roots);
  const queue = [...roots];
  while (queue.length > 0) {
    const from = queue.shift() as string;
    for (const edge of edges) {
      if (edge.from !== from || seen.has(edge.to)) continue;
      if (edge.marker !== undefined && PLATFORM_MARKER.test(edge.marker)) continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return seen;
}
