import type { VerifyReport } from "@ml-starter/schema";
import { writeFileAtomic } from "@ml-starter/fs-utils";
import { sortKeysDeep } from "./sort-keys.js";

/** Stable JSON: keys sorted recursively, two-space indent, LF, trailing newline. */
export function serializeReport(report: VerifyReport): string {
  return `${JSON.stringify(sortKeysDeep(report), null, 2)}\n`;
}

/** Writes the report (sorted keys) atomically; returns the serialised text. */
export async function writeReport(file: string, report: VerifyReport): Promise<string> {
  const text = serializeReport(report);
  await writeFileAtomic(file, text);
  return text;
}
