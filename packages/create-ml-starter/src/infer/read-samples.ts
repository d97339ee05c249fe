import path from "node:path";
import { MlStarterError } from "../core/errors.js";
import { CsvFormatError, readCsvSample, type CsvSample } from "./csv-sample.js";
import type { DataFiles } from "./data-files.js";
import { inferMessages } from "./messages.js";
import { openDataFile } from "./open-data-file.js";

/** Rows read from each file: enough to infer, bounded so a multi-GB file costs milliseconds. */
export const SAMPLE_ROWS = 10_000;

export interface Samples {
  train: CsvSample;
  test: CsvSample | undefined;
  sampleSubmission: CsvSample | undefined;
}

/** Header and first rows of one file (basket detection reads every file of a folder with it). */
export async function readSample(file: string, maxRows: number): Promise<CsvSample> {
  const name = path.basename(file);
  let sample: CsvSample;
  try {
    const data = await openDataFile(file);
    sample = await readCsvSample(data.open(), data.delimiter, maxRows);
  } catch (error) {
    if (error instanceof MlStarterError) throw error;
    const detail =
      error instanceof CsvFormatError
        ? error.message
        : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new MlStarterError("INVALID_DATA", inferMessages.unreadable(name, detail), {
      cause: error,
    });
  }
  const seen = new Set<string>();
  const repeated = sample.header.filter((h) => (seen.has(h) ? true : (seen.add(h), false)));
  if (repeated.length > 0)
    throw new MlStarterError(
      "INVALID_DATA",
      inferMessages.duplicateColumns(name, [...new Set(repeated)]),
    );
  sample.rows.forEach((row, i) => {
    if (row.length !== sample.header.length) {
      throw new MlStarterError(
        "INVALID_DATA",
        inferMessages.raggedRow(name, i + 2, row.length, sample.header.length),
      );
    }
  });
  return sample;
}

/** Header and first rows of every file; train must have rows. */
export async function readSamples(files: DataFiles, maxRows = SAMPLE_ROWS): Promise<Samples> {
  const train = await readSample(files.train, maxRows);
  if (train.rows.length === 0)
    throw new MlStarterError("INVALID_DATA", inferMessages.emptyTrain(path.basename(files.train)));
  const test = files.test === undefined ? undefined : await readSample(files.test, maxRows);
  const sampleSubmission =
    files.sampleSubmission === undefined
      ? undefined
      : await readSample(files.sampleSubmission, maxRows);
  return { train, test, sampleSubmission };
}
