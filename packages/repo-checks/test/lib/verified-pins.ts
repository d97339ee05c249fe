/**
 * The only action pins our workflows may use, each a full commit SHA with the release it was published
 * as. GitHub is not reachable from where these were chosen, so each SHA was accepted only when it
 * appears with the same `# vX.Y.Z` comment in at least two unrelated public repositories' files (the
 * search index ids are recorded for the next person to re-check). To bump one: find the new release's
 * SHA the same way (or with `git ls-remote`), change it here and in every workflow, in one commit.
 */
export const VERIFIED_PINS: Readonly<
  Record<string, { sha: string; version: string; evidence: string }>
> = {
  "actions/checkout": {
    sha: "8e8c483db84b4bee98b60c0593521ed34d9990e8",
    version: "v6.0.1",
    evidence:
      "docker/login workflows (14298423424, 13963854545), pinact-action README (30495805732), a mise CI workflow (45263353759)",
  },
  "actions/setup-node": {
    sha: "820762786026740c76f36085b0efc47a31fe5020",
    version: "v7.0.0",
    evidence:
      "a gh-aw agent workflow (70203596758), an npm lint workflow (70795689569), a pnpm turbo workflow (61420700788)",
  },
  "pnpm/action-setup": {
    sha: "0977fd99725f1db4007ccb2928dbb4e90d06cc86",
    version: "v6.0.10",
    evidence:
      "two unrelated CI workflows (71564031081, 66508916347), a workflow-generator test (61559325981)",
  },
  "astral-sh/setup-uv": {
    sha: "c18668ad3cf93ea998bef934396af7bb5c839dc7",
    version: "v10.2.0",
    evidence:
      "a Ruff/Semgrep workflow (71313093065), a just/go composite action (70919933103), a Databricks workflow (71618895982), a composite-action Dependabot bump v10.1.0 → v10.2.0 (71207790202)",
  },
  "actions/upload-artifact": {
    sha: "043fb46d1a93c77aae656e7c1c64a875d1fc6a0a",
    version: "v7.0.1",
    evidence:
      "a release-verify fixture check (56171373092), a release-workflow check (68326726022)",
  },
  "actions/download-artifact": {
    sha: "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c",
    version: "v8.0.1",
    evidence:
      "a Windows installer release workflow (58177445498), a Playwright blob-report workflow (71184030578)",
  },
};
