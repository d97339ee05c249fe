import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { MlStarterError } from "../core/errors.js";
import { inferMessages } from "./messages.js";

/** The user's files by role; absolute paths. */
export interface DataFiles {
  source: string;
  train: string;
  test: string | undefined;
  sampleSubmission: string | undefined;
  /** Basket data's other tables (order lines, products), copied with the rest. */
  extra?: readonly string[];
}

const DATA_FILE = /\.(csv|tsv|zip|parquet)$/i;

/** `train.csv.zip` → `train`; `Sample Submission.csv` → `sample_submission`. */
function stemOf(name: string): string {
  return name
    .replace(/(\.(csv|tsv|parquet))?(\.zip)?$/i, "")
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

const ROLES = {
  sampleSubmission: (stem: string) => stem.includes("submission"),
  train: (stem: string) => /(^|_)train(_|$)/.test(stem) || stem === "train",
  test: (stem: string) => /(^|_)test(_|$)/.test(stem),
} as const;

function pick(role: string, names: readonly string[]): string | undefined {
  if (names.length > 1) {
    throw new MlStarterError("AMBIGUOUS_DATA", inferMessages.manyFiles(role, names), {
      hint: inferMessages.manyFilesHint,
    });
  }
  return names[0];
}

/** A folder in Kaggle's layout, or one train file (then no test: the target must be named). */
export async function locateDataFiles(input: string): Promise<DataFiles> {
  const source = path.resolve(input);
  let info;
  try {
    info = await stat(source);
  } catch {
    throw new MlStarterError("INVALID_DATA", inferMessages.notFound(input));
  }
  if (info.isFile()) return { source, train: source, test: undefined, sampleSubmission: undefined };
  const names = (await readdir(source))
    .filter((n) => DATA_FILE.test(n) && !n.startsWith("."))
    .sort();
  const submission = names.filter((n) => ROLES.sampleSubmission(stemOf(n)));
  const rest = names.filter((n) => !submission.includes(n));
  const train = pick(
    "train",
    rest.filter((n) => ROLES.train(stemOf(n))),
  );
  const test = pick(
    "test",
    rest.filter((n) => ROLES.test(stemOf(n)) && !ROLES.train(stemOf(n))),
  );
  const sample = pick("sample submission", submission);
  if (train === undefined) throw new MlStarterError("INVALID_DATA", inferMessages.noData(input));
  const at = (n: string | undefined) => (n === undefined ? undefined : path.join(source, n));
  return { source, train: path.join(source, train), test: at(test), sampleSubmission: at(sample) };
}
