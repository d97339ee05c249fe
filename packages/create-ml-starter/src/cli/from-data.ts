import { TASK_TYPES, type TaskType } from "@ml-starter/schema";
import { MlStarterError } from "../core/errors.js";
import { detectBasket } from "../infer/basket/detect-basket.js";
import type { InferOverrides } from "../infer/build-profile.js";
import { detectForecasting } from "../infer/forecast/detect-forecasting.js";
import { inferProfile, loadData, type AnyInferred } from "../infer/infer-from-data.js";
import { inferMessages } from "../infer/messages.js";
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
): Promise<AnyInferred> {
  const overrides = overridesOf(args);
  // Basket data (order tables or a transaction log) has no target or folds to review or override.
  const basket = await detectBasket(args.path);
  if (basket !== undefined) {
    if (Object.values(overrides).some((v) => v !== undefined))
      throw new MlStarterError("INVALID_OPTION", inferMessages.basketOverrides);
    show(messages.inferred(basket.files.source));
    show(basket.toml);
    return basket;
  }
  const data = await loadData(args.path);
  // Forecasting data (dated series, test after train) has its keys, horizon and folds from the data alone.
  const forecast = detectForecasting(data, overrides.metric);
  if (forecast !== undefined) {
    const { target, id, task, cv } = overrides;
    if ([target, id, task, cv].some((v) => v !== undefined))
      throw new MlStarterError("INVALID_OPTION", inferMessages.forecastOverrides);
    show(messages.inferred(forecast.files.source));
    show(forecast.toml);
    return forecast;
  }
  const inferred = inferProfile(data, overrides);
  show(messages.inferred(data.files.source));
  if (!interactive) {
    show(inferred.toml);
    return inferred;
  }
  const { reviewProfile } = await import("./review-profile.js");
  return reviewProfile(data, inferred, overrides, show);
}
