// Every line `--from-data` prints or fails with, in one place.
const list = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(", ");

export const inferMessages = {
  noData: (where: string) => `${where}: no train file (.csv, .tsv, .zip or .parquet) found`,
  notFound: (where: string) => `${where}: no such file or directory`,
  manyFiles: (role: string, names: readonly string[]) => `several ${role} files: ${list(names)}`,
  manyFilesHint: "keep one per role in the folder, or pass the train file itself",
  unreadable: (file: string, detail: string) => `Cannot read ${file}: ${detail}`,
  parquet: (name: string) =>
    `${name}: parquet is not read by --from-data (reading its footer schema needs a Thrift decoder); convert it to CSV first`,
  zipMembers: (names: readonly string[]) =>
    names.length === 0
      ? "the zip archive holds no file"
      : `the zip archive must hold exactly one file, found ${names.length}: ${list(names)}`,
  zipNotCsv: (name: string) => `the zip member ${JSON.stringify(name)} is not a .csv or .tsv file`,
  emptyTrain: (file: string) => `${file} has a header but no rows`,
  duplicateColumns: (file: string, names: readonly string[]) =>
    `${file} repeats column(s) ${list(names)}`,
  raggedRow: (file: string, row: number, got: number, want: number) =>
    `${file}: row ${row} has ${got} fields, the header has ${want}`,
  testExtra: (extra: readonly string[]) =>
    `the test file has column(s) ${list(extra)} that train lacks`,
  targetEmpty: (target: string) =>
    `target column ${JSON.stringify(target)} has no values in train's sample`,
  targetAbsent: (target: string, file: string) =>
    `target column ${JSON.stringify(target)} is not in ${file}`,
  idAbsent: (id: string, file: string) => `id column ${JSON.stringify(id)} is not in ${file}`,
  ambiguousTarget: (candidates: readonly string[]) =>
    `Cannot tell the target: candidates ${list(candidates)}`,
  noTarget: "No test file to compare train with, so the target cannot be inferred",
  noTargetLeft: (test: string) => `train has no column that ${test} lacks, so there is no target`,
  targetIsId: (name: string) => `--target ${JSON.stringify(name)} is also the id column`,
  ambiguousId: (candidates: readonly string[]) =>
    `Cannot tell the id column: candidates ${list(candidates)}`,
  noId: "No id column found (an id-like name, unique, in train, test and the sample submission)",
  targetHint: (candidates: readonly string[]) =>
    candidates.length > 0
      ? `pass --target ${candidates[0]} (or another)`
      : "pass --target <column>",
  unknownMetric: (name: string, nearest: string | undefined, names: readonly string[]) =>
    `Unknown metric ${JSON.stringify(name)}${nearest ? ` (did you mean ${JSON.stringify(nearest)}?)` : ""}; one of: ${names.join(", ")}`,
  metricTask: (metric: string, task: string, fits: readonly string[]) =>
    `metric ${JSON.stringify(metric)} does not fit a ${task} task (one of: ${fits.join(", ")})`,
  taskImpossible: (task: string, target: string, distinct: number) =>
    `--task ${task} needs ${task === "binary" ? "exactly 2" : "3 or more"} classes; ${JSON.stringify(target)} has ${distinct}`,
  multilabelOne: (target: string) =>
    `--task multilabel needs several 0/1 target columns; ${JSON.stringify(target)} is one`,
  multilabelNotText: (targets: readonly string[]) =>
    `Several 0/1 targets (${list(targets)}) make a multi-label task, which only text data takes here`,
  regressionNotNumeric: (target: string) =>
    `--task regression needs a numeric target; ${JSON.stringify(target)} is not`,
  badCv: (value: string) =>
    `--cv ${JSON.stringify(value)}: use kfold, stratified, group:<column> or time:<column>, optionally with folds (e.g. kfold:10, group:user_id:5)`,
  cvNeedsColumn: (value: string, scheme: string) =>
    `--cv ${JSON.stringify(value)}: ${scheme} needs a column (e.g. ${scheme === "group_kfold" ? "group" : "time"}:<column>)`,
  cvBadColumn: (value: string, column: string, isTarget: boolean) =>
    `--cv ${JSON.stringify(value)}: ${JSON.stringify(column)} ${isTarget ? "is the target" : "is not a column of train"}`,
  badCvTask: (value: string) =>
    `--cv ${JSON.stringify(value)}: a regression target cannot be stratified; use kfold`,
  invalidProfile: (detail: string) => `The inferred profile is invalid: ${detail}`,
  basketTables: (problems: ReadonlyArray<readonly [string, readonly string[]]>) =>
    `an orders table was found, but not one file each for ${problems
      .map(([key, files]) => `${key} (${files.length === 0 ? "none" : list(files)})`)
      .join(", ")}`,
  basketTablesHint:
    "Instacart's layout needs orders, prior and train order lines (order_id, product_id, add_to_cart_order, reordered), products and a sample submission",
  basketOverrides:
    "--target, --id, --task, --metric and --cv apply to tabular data; this is basket data",
  notDaily: (time: string, step: string) =>
    `${JSON.stringify(time)} steps ${step}: forecasting takes daily series only (one row per series and day)`,
  timedDates: (time: string) =>
    `${JSON.stringify(time)} carries a time of day: write daily dates as YYYY-MM-DD for forecasting`,
  forecastNoSample:
    "forecasting data needs a sample submission (the test's id column and the target) beside test",
  forecastOverrides:
    "--target, --id, --task and --cv apply to tabular data; this is forecasting data (--metric is taken)",
  tooLarge: (mib: number, cap: number) =>
    `The data files total ${mib} MiB, over the ${cap} MiB copied into a project`,
  tooLargeHint: "pass --no-copy-data and point train at the data with --data-dir",
  promptAccept: "Use this profile?",
  promptField: "Change which field?",
  promptDone: "done: use the profile as shown",
  promptTarget: "Target column",
  promptId: "Id column",
  promptTask: "Task",
  promptMetric: "Metric",
  promptCv: "Validation scheme",
  promptCvColumn: (scheme: string) =>
    scheme === "group_kfold"
      ? "Group column (rows sharing it stay in one fold)"
      : "Time column (later rows validate)",
  promptFolds: "Number of folds (2-20)",
  badFolds: "a whole number from 2 to 20",
};
