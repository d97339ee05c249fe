// loadRegistry imports this module on demand instead of the schema barrel: a static re-export lets the
// bundler keep only the schema modules a scaffold needs (a dynamic import of the barrel keeps them all).
export { TemplateManifestSchema, formatIssues } from "@ml-starter/schema";
