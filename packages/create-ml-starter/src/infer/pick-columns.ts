import { MlStarterError } from "../core/errors.js";
import { columnStats } from "./column-stats.js";
import { inferMessages } from "./messages.js";
import type { Samples } from "./read-samples.js";

export interface FileNames {
  train: string;
  test: string | undefined;
  sampleSubmission: string | undefined;
}

/** `id`, `row_id`, `PassengerId`, `customer ID`; not `paid` or `valid`. */
const looksLikeId = (name: string) =>
  name.toLowerCase() === "id" || /[_\s.-]id$/i.test(name) || /[a-z0-9]I[dD]$/.test(name);

function columnValues(samples: Samples, name: string): string[] {
  const at = samples.train.header.indexOf(name);
  return samples.train.rows.map((r) => r[at] ?? "");
}

const ambiguous = (message: string, hint: string) =>
  new MlStarterError("AMBIGUOUS_DATA", message, { hint });

/**
 * The id column: `--id`, else the id-like names unique in train's sample and present in test
 * and the sample submission; the sample submission's first column wins a tie.
 */
export function pickId(samples: Samples, files: FileNames, asked: string | undefined): string {
  const { train, test, sampleSubmission } = samples;
  const everywhere = (c: string) =>
    (!test || test.header.includes(c)) &&
    (!sampleSubmission || sampleSubmission.header.includes(c));
  if (asked !== undefined) {
    if (!train.header.includes(asked))
      throw new MlStarterError("INVALID_DATA", inferMessages.idAbsent(asked, files.train));
    if (test && !test.header.includes(asked))
      throw new MlStarterError("INVALID_DATA", inferMessages.idAbsent(asked, files.test ?? ""));
    return asked;
  }
  const unique = (c: string) => {
    const s = columnStats(c, columnValues(samples, c));
    return s.missing === 0 && s.counts.size === s.rows;
  };
  const candidates = train.header.filter((c) => looksLikeId(c) && everywhere(c) && unique(c));
  const first = sampleSubmission?.header[0];
  if (first !== undefined && candidates.includes(first)) return first;
  if (candidates.length === 1) return candidates[0] as string;
  if (candidates.length > 1)
    throw ambiguous(
      inferMessages.ambiguousId(candidates),
      `pass --id ${candidates[0]} (or another)`,
    );
  if (first !== undefined && train.header.includes(first) && everywhere(first) && unique(first))
    return first;
  throw ambiguous(inferMessages.noId, "pass --id <column>");
}

/**
 * The target: `--target`, else the sample submission's non-id columns that train has, else what train
 * has and test lacks. Several candidates, or no test to compare with, is ambiguous (exit 2).
 */
export function pickTarget(
  samples: Samples,
  files: FileNames,
  id: string,
  asked: string | undefined,
): string {
  const { train, test, sampleSubmission } = samples;
  if (asked !== undefined) {
    if (!train.header.includes(asked))
      throw new MlStarterError("INVALID_DATA", inferMessages.targetAbsent(asked, files.train));
    if (asked === id) throw new MlStarterError("INVALID_OPTION", inferMessages.targetIsId(asked));
    return asked;
  }
  const fromSubmission = (sampleSubmission?.header ?? []).filter(
    (c) => c !== id && train.header.includes(c) && !(test?.header.includes(c) ?? false),
  );
  if (fromSubmission.length === 1) return fromSubmission[0] as string;
  const others = train.header.filter((c) => c !== id);
  if (!test) {
    const candidates = fromSubmission.length > 1 ? fromSubmission : [...others].reverse();
    throw ambiguous(inferMessages.noTarget, inferMessages.targetHint(candidates.slice(0, 5)));
  }
  const trainOnly =
    fromSubmission.length > 1 ? fromSubmission : others.filter((c) => !test.header.includes(c));
  if (trainOnly.length === 1) return trainOnly[0] as string;
  if (trainOnly.length === 0)
    throw new MlStarterError("INVALID_DATA", inferMessages.noTargetLeft(files.test ?? "test"));
  throw ambiguous(inferMessages.ambiguousTarget(trainOnly), inferMessages.targetHint(trainOnly));
}

/** A column of 0 and 1 only, both present: one label of a multi-label task. */
function isFlag(samples: Samples, name: string): boolean {
  const values = [...columnStats(name, columnValues(samples, name)).counts.keys()].sort();
  return values.join(",") === "0,1";
}

/**
 * Several targets when the target is ambiguous only because train (or the sample submission) holds
 * several 0/1 columns test lacks: Jigsaw's six labels, one multi-label task. Otherwise `pickTarget`'s one.
 */
export function pickTargets(
  samples: Samples,
  files: FileNames,
  id: string,
  asked: string | undefined,
): string[] {
  try {
    return [pickTarget(samples, files, id, asked)];
  } catch (error) {
    const { train, test, sampleSubmission } = samples;
    if (asked !== undefined || !test) throw error;
    const trainOnly = (c: string) =>
      c !== id && train.header.includes(c) && !test.header.includes(c);
    const fromSubmission = (sampleSubmission?.header ?? []).filter(trainOnly);
    const candidates = fromSubmission.length > 1 ? fromSubmission : train.header.filter(trainOnly);
    if (candidates.length > 1 && candidates.every((c) => isFlag(samples, c))) return candidates;
    throw error;
  }
}

/** Test must not have columns train lacks (a different file, or a different version of it). */
export function checkTestColumns(samples: Samples): void {
  const { train, test } = samples;
  if (!test) return;
  const extra = test.header.filter((c) => !train.header.includes(c));
  if (extra.length > 0) throw new MlStarterError("INVALID_DATA", inferMessages.testExtra(extra));
}
