import path from "node:path";
import {
  formatIssues,
  PROJECT_FILE_NAME,
  ProjectFileSchema,
  type ProjectFile,
} from "@ml-starter/schema";
import { messages } from "../cli/messages.js";
import { InputRefusedError, readRegularText } from "./safe-read.js";
import { parseJson } from "./parse-json.js";

export type LoadProjectFileResult =
  | { ok: true; value: ProjectFile }
  | {
      ok: false;
      code: "project_file_missing" | "project_file_invalid";
      message: string;
      issues: string[];
    };

/** Reads and validates `ml-starter.json` at the project root; every schema issue is listed, not just the first. */
export async function loadProjectFile(dir: string): Promise<LoadProjectFileResult> {
  const file = path.join(dir, PROJECT_FILE_NAME);
  let text: string | null;
  try {
    // A FIFO here once hung the verifier for good: only a regular file inside the project is read.
    text = await readRegularText(file, { label: PROJECT_FILE_NAME, root: dir });
  } catch (error) {
    if (error instanceof InputRefusedError) return invalid([error.message]);
    return invalid([`${PROJECT_FILE_NAME}: ${(error as Error).message}`]);
  }
  if (text === null) {
    return {
      ok: false,
      code: "project_file_missing",
      message: messages.projectFileMissing(dir),
      issues: [],
    };
  }
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (error) {
    return invalid([`${PROJECT_FILE_NAME}: not valid JSON (${(error as Error).message})`]);
  }
  const parsed = ProjectFileSchema.safeParse(json);
  if (!parsed.success) return invalid(formatIssues(parsed.error));
  return { ok: true, value: parsed.data };
}

function invalid(issues: string[]): LoadProjectFileResult {
  return {
    ok: false,
    code: "project_file_invalid",
    message: messages.projectFileInvalid(issues),
    issues,
  };
}
