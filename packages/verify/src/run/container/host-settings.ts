import path from "node:path";
import { parse } from "jsonc-parser";
import { isInside, readRegularText } from "../../read/safe-read.js";
import { ContainerError } from "./errors.js";

export interface HostSetting {
  /** The devcontainer.json key, e.g. `runArgs` or `features["./local"].privileged`. */
  key: string;
  /** What it does to the host. */
  why: string;
}

const ALWAYS_REFUSED: ReadonlyArray<[key: string, why: string]> = [
  ["initializeCommand", "runs on the host before the container exists"],
  ["mounts", "mounts host paths into the container"],
  ["runArgs", "passes raw `docker run` flags (--privileged, --network=host, -v …)"],
  ["workspaceMount", "replaces the workspace bind mount (it may mount any host path)"],
  [
    "dockerComposeFile",
    "hands the container's definition to Compose (mounts, privileges, networks)",
  ],
  ["appPort", "publishes container ports on the host"],
];
// Keys a local Feature's devcontainer-feature.json can set with the same effect.
const FEATURE_KEYS = ["privileged", "capAdd", "securityOpt", "mounts", "entrypoint"] as const;

/**
 * The settings of a devcontainer config that reach past the container into the host: `--container` is not a
 * sandbox when a project may run commands on the host, mount host files, or take privileges. Pure apart from
 * reading local Features' own definitions.
 */
export async function hostSideSettings(
  workspace: string,
  configFile: string,
  config: Record<string, unknown>,
): Promise<HostSetting[]> {
  const found: HostSetting[] = [];
  for (const [key, why] of ALWAYS_REFUSED) if (config[key] !== undefined) found.push({ key, why });
  if (config["privileged"] === true)
    found.push({ key: "privileged", why: "gives the container root on the host" });
  for (const key of ["capAdd", "securityOpt"]) {
    const value = config[key];
    if (Array.isArray(value) && value.length > 0)
      found.push({ key, why: "weakens the container's isolation from the host" });
  }
  const build = isRecord(config["build"]) ? config["build"] : {};
  if (build["options"] !== undefined)
    found.push({ key: "build.options", why: "passes raw `docker build` flags (--network=host …)" });
  if (typeof build["context"] === "string") {
    const context = path.resolve(path.dirname(configFile), build["context"]);
    if (!isInside(workspace, context))
      found.push({
        key: "build.context",
        why: `sends ${context}, outside the workspace, to the image build`,
      });
  }
  for (const envKey of ["containerEnv", "remoteEnv"]) {
    const env = isRecord(config[envKey]) ? config[envKey] : {};
    for (const [name, value] of Object.entries(env)) {
      if (typeof value === "string" && value.includes("${localEnv:"))
        found.push({
          key: `${envKey}.${name}`,
          why: "copies a host environment variable into the container",
        });
    }
  }
  const features = isRecord(config["features"]) ? Object.keys(config["features"]) : [];
  for (const id of features.filter((f) => f.startsWith("./") || f.startsWith("../"))) {
    const dir = path.resolve(path.dirname(configFile), id);
    const text = isInside(workspace, dir)
      ? await readRegularText(path.join(dir, "devcontainer-feature.json"), {
          label: id,
          root: workspace,
        }).catch(() => null)
      : null;
    if (text === null) {
      found.push({
        key: `features["${id}"]`,
        why: "is a local Feature whose definition cannot be checked",
      });
      continue;
    }
    const definition: unknown = parse(text, [], { allowTrailingComma: true });
    const def = isRecord(definition) ? definition : {};
    for (const key of FEATURE_KEYS) {
      const value = def[key];
      if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0))
        found.push({
          key: `features["${id}"].${key}`,
          why: "gives a Feature host access or privileges",
        });
    }
  }
  return found;
}

/** Throws `devcontainer_invalid` naming the first host-side setting (and how many more), unless trusted. */
export async function refuseHostSettings(
  workspace: string,
  configFile: string,
  configText: string,
): Promise<void> {
  const config: unknown = parse(configText, [], { allowTrailingComma: true });
  if (!isRecord(config)) return; // the lockfile check has already refused an unparsable config
  const found = await hostSideSettings(workspace, configFile, config);
  const first = found[0];
  if (first === undefined) return;
  const rel = path.relative(workspace, configFile).split(path.sep).join("/");
  const more =
    found.length > 1
      ? ` (and ${found
          .slice(1)
          .map((s) => s.key)
          .join(", ")})`
      : "";
  throw new ContainerError(
    "devcontainer_invalid",
    `--container refuses ${rel} ${first.key}: it ${first.why}${more}`,
    { hint: "remove it, or pass --trust if you trust this project with your machine" },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
