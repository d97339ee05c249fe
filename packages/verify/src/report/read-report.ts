import { formatIssues, VerifyReportSchema, type VerifyReport } from "@ml-starter/schema";
import { readRegularText } from "../read/safe-read.js";
import { parseJson } from "../read/parse-json.js";

/** Far above a report of a very large environment; a larger file is refused, not read whole. */
const REPORT_MAX_BYTES = 512 * 1024 * 1024;

export type ReadReportResult = { ok: true; report: VerifyReport } | { ok: false; message: string };

/** Reads and validates a report file for `compare`; every schema issue is listed. */
export async function readReportFile(file: string): Promise<ReadReportResult> {
  let text: string | null;
  try {
    text = await readRegularText(file, { label: file, maxBytes: REPORT_MAX_BYTES });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      message: code === undefined ? (error as Error).message : `${file}: cannot be read (${code})`,
    };
  }
  if (text === null) return { ok: false, message: `${file}: cannot be read (ENOENT)` };
  let json: unknown;
  try {
    json = parseJson(text);
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
