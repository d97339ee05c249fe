import { confirm, input, select } from "@inquirer/prompts";
import { METRIC_NAMES, METRICS, TASK_TYPES, type TaskType } from "@ml-starter/schema";
import { isMlStarterError } from "../core/errors.js";
import type { InferOverrides } from "../infer/build-profile.js";
import { inferProfile, type InferredData, type LoadedData } from "../infer/infer-from-data.js";
import { inferMessages } from "../infer/messages.js";

type Field = "target" | "id" | "task" | "metric" | "cv";
const FIELDS: readonly Field[] = ["target", "id", "task", "metric", "cv"];
type Scheme = InferredData["profile"]["validation"]["scheme"];
const SCHEMES: readonly Scheme[] = ["kfold", "stratified_kfold", "group_kfold", "time_split"];

/**
 * On a terminal: show the inferred profile and let the user accept it or change the target, id, task,
 * metric or validation scheme (each re-infers the rest, the synthetic margin included). Every choice here
 * also has a flag, so scripts never need it.
 */
export async function reviewProfile(
  data: LoadedData,
  first: InferredData,
  overrides: InferOverrides,
  show: (text: string) => void,
): Promise<InferredData> {
  let current = first;
  let asked = { ...overrides };
  for (;;) {
    show(current.toml);
    if (await confirm({ message: inferMessages.promptAccept, default: true })) return current;
    const field = await select<Field>({
      message: inferMessages.promptField,
      choices: FIELDS.map((f) => ({ name: f, value: f })),
    });
    const next = { ...asked, ...(await askField(field, data, current)) };
    // A new target or task resets choices that were made for the old one.
    if (field === "target" || field === "task") {
      delete next.metric;
      delete next.cv;
    }
    if (field === "target") delete next.task;
    try {
      current = inferProfile(data, next);
      asked = next;
    } catch (error) {
      if (!isMlStarterError(error)) throw error;
      show(`✖ ${error.message}${error.hint ? ` (${error.hint})` : ""}`);
    }
  }
}

async function askField(
  field: Field,
  data: LoadedData,
  current: InferredData,
): Promise<InferOverrides> {
  const columns = data.samples.train.header.map((c) => ({ name: c, value: c }));
  const task = current.profile.task.type;
  switch (field) {
    case "target":
      return {
        target: await select({
          message: inferMessages.promptTarget,
          choices: columns,
          default: current.profile.task.target[0],
        }),
      };
    case "id":
      return {
        id: await select({
          message: inferMessages.promptId,
          choices: columns,
          default: current.profile.task.id[0],
        }),
      };
    case "task":
      return {
        task: await select<TaskType>({
          message: inferMessages.promptTask,
          choices: TASK_TYPES.map((t) => ({ name: t, value: t })),
          default: task,
        }),
      };
    case "metric": {
      const fits = METRIC_NAMES.filter((m) =>
        (METRICS[m].tasks as readonly string[]).includes(task),
      );
      const metric = await select({
        message: inferMessages.promptMetric,
        choices: fits.map((m) => ({ name: m, value: m })),
        default: current.profile.metric.name,
      });
      return { metric, task };
    }
    case "cv":
      return { cv: await askCv(data, current) };
  }
}

/** The `--cv` value from three questions: the scheme, its column when it needs one, the folds. */
async function askCv(data: LoadedData, current: InferredData): Promise<string> {
  const { task, validation } = current.profile;
  const scheme = await select<Scheme>({
    message: inferMessages.promptCv,
    choices: SCHEMES.filter((s) => s !== "stratified_kfold" || task.type !== "regression").map(
      (s) => ({ name: s, value: s }),
    ),
    default: validation.scheme,
  });
  let column = "";
  if (scheme === "group_kfold" || scheme === "time_split") {
    const columns = data.samples.train.header.filter((c) => !task.target.includes(c));
    const picked = await select({
      message: inferMessages.promptCvColumn(scheme),
      choices: columns.map((c) => ({ name: c, value: c })),
      default: validation.group ?? validation.time,
    });
    column = `:${picked}`;
  }
  const folds = await input({
    message: inferMessages.promptFolds,
    default: String(validation.folds),
    validate: (v) =>
      /^\d{1,2}$/.test(v) && Number(v) >= 2 && Number(v) <= 20 ? true : inferMessages.badFolds,
  });
  return `${scheme}${column}:${folds}`;
}
