import { TASK_TYPES, type TaskType } from "@ml-starter/schema";
import { MlStarterError } from "../core/errors.js";
import type { InferOverrides } from "../infer/build-profile.js";
import { inferProfile, loadData, type InferredData } from "../infer/infer-from-data.js";
import type { FromDataArgs } from "./args.js";
import { messages } from "./messages.js";

function overridesOf(args: FromDataArgs): InferOverrides {
  if (args.task !== undefined && !(TASK_TYPES as readonly string[]).includes(args.task)) {
    throw new MlStarterError("INVALID_OPTION", messages.badTask(args.task));
  }
  return {
    target: args.target,
    id: args.id,
    task: args.task as TaskType | undefined,
    metric: args.metric,
    cv: args.cv,
  };
}

/** `--from-data`: infer, then on a terminal review it; otherwise print what will be written. */
export async function profileFromData(
  args: FromDataArgs,
  interactive: boolean,
  show: (text: string) => void,
): Promise<InferredData> {
  const overrides = overridesOf(args);
  const data = await loadData(args.path);
  const inferred = inferProfile(data, overrides);
  show(messages.inferred(data.files.source));
  if (!interactive) {
    show(inferred.toml);
    return inferred;
  }
  const { reviewProfile } = await import("./review-profile.js");
  return reviewProfile(data, inferred, overrides, show);
}
