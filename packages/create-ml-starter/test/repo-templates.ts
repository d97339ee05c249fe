import { fileURLToPath } from "node:url";
import { isTabularProfile, type AnyProfile, type CompetitionProfile } from "@ml-starter/schema";

/** The repo's templates/ (source of truth); in-process tests use it directly, the built bin uses its copy. */
export const REPO_TEMPLATES = fileURLToPath(new URL("../../../templates/", import.meta.url));

/** The repo's catalog/ (source of truth), as REPO_TEMPLATES. */
export const REPO_CATALOG = fileURLToPath(new URL("../../../catalog/", import.meta.url));

/** The profile as a tabular one, failing the test when it is not (a basket profile has no [task]). */
export function tabular(profile: AnyProfile): CompetitionProfile {
  if (!isTabularProfile(profile)) throw new Error(`${profile.slug}: not a tabular profile`);
  return profile;
}
