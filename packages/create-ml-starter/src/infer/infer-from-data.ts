import path from "node:path";
import { stringify } from "smol-toml";
import type { BasketProfile, CompetitionProfile, ForecastingProfile } from "@ml-starter/schema";
import type { InferredBasket } from "./basket/detect-basket.js";
import type { InferredForecast } from "./forecast/detect-forecasting.js";
import { buildProfile, type InferOverrides } from "./build-profile.js";
import { locateDataFiles, type DataFiles } from "./data-files.js";
import { readSamples, type Samples } from "./read-samples.js";

export interface InferredData {
  files: DataFiles;
  profile: CompetitionProfile;
  /** `competition.toml` as written into the project. */
  toml: string;
}

/**
 * `competition.toml` text for a profile. Keys keep the order buildProfile gives them, which is the
 * order of docs/competition-profile.md, so two runs over the same data write the same bytes.
 */
export function profileToml(
  profile: CompetitionProfile | BasketProfile | ForecastingProfile,
  source: string,
): string {
  const header = `# Inferred by @ml-starter/create --from-data from ${source.replace(/[\r\n]/g, " ")}; edit freely.\n`;
  return `${header}${stringify(profile)}\n`;
}

/** What `--from-data` infers: a tabular profile, a basket one (infer/basket/) or a forecasting one (infer/forecast/). */
export type AnyInferred = InferredData | InferredBasket | InferredForecast;

/** The user's files and a bounded sample of each: read once, inferred from as often as the user edits. */
export interface LoadedData {
  files: DataFiles;
  samples: Samples;
}

/** Reads the user's files (a bounded sample). Reads only; writes nothing. */
export async function loadData(input: string): Promise<LoadedData> {
  const files = await locateDataFiles(input);
  return { files, samples: await readSamples(files) };
}

/** The profile and its `competition.toml` for these overrides. */
export function inferProfile(data: LoadedData, overrides: InferOverrides = {}): InferredData {
  const profile = buildProfile(data.files, data.samples, overrides);
  return {
    files: data.files,
    profile,
    toml: profileToml(profile, path.basename(data.files.source)),
  };
}

/** Both at once: what tests and the non-interactive CLI need. */
export async function inferFromData(
  input: string,
  overrides: InferOverrides = {},
): Promise<InferredData> {
  return inferProfile(await loadData(input), overrides);
}
