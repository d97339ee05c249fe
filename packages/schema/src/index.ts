export * from "./verify-plan.js";
export * from "./manifest.js";
export * from "./project-file.js";
export * from "./metrics-file.js";
export * from "./report.js";
export * from "./competition-profile.js";
export * from "./profile/basket-profile.js";
export * from "./profile/recommender-profile.js";
export * from "./profile/forecasting-profile.js";
export * from "./update/update-report.js";
export * from "./update/migrations.js";
export * from "./metric-registry.js";
export { formatIssues } from "./format-issues.js";
export { jsonSchemas } from "./json-schemas.js";
export {
  PACKAGE_NAMES,
  REPOSITORY,
  packageRunnerFrom,
  publishedSchemaUrl,
  repositoryFields,
  runPackageCommand,
  type PackageRunner,
} from "./package-names.js";
