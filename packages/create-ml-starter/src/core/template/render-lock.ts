/**
 * uv sorts `[[package]]` tables by name. A template lock is rendered with the project's own name, so its
 * table may now be out of place: re-sort, so the file is byte-identical to what `uv lock` writes.
 */
export function sortLockPackages(lock: string): string {
  const marker = "\n[[package]]\n";
  const [head = "", ...tables] = lock.split(marker);
  if (tables.length === 0) return lock;
  const nameOf = (table: string) => /^name = "([^"]+)"/.exec(table)?.[1] ?? "";
  const sorted = tables
    .map((table, index) => ({
      table: table.endsWith("\n") ? table : `${table}\n`,
      index,
      name: nameOf(table),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.index - b.index))
    .map((t) => t.table);
  return `${head}${marker}${sorted.join(marker)}`;
}
