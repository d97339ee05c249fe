import { readFile } from "node:fs/promises";
import { formatIssues, VerifyReportSchema, type VerifyReport } from "@ml-starter/schema";

export type ReadReportResult = { ok: true; report: VerifyReport } | { ok: false; message: string };

/** Reads and validates a report file for `compare`; every schema issue is listed. */
export async function readReportFile(file: string): Promise<ReadReportResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return {
      ok: false,
      message: `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${file}: not JSON (${(error as Error).message})` };
  }
  const parsed = VerifyReportSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      message: `${file}: not a verify report:\n  ${formatIssues(parsed.error).slice(0, 10).join("\n  ")}`,
    };
  }
  return { ok: true, report: parsed.data };
}
