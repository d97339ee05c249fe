import { z } from "zod";
import { ARCHETYPE_ID } from "./manifest.js";
import { publishedSchemaUrl } from "./package-names.js";

export const REPORT_SCHEMA_VERSION = 1;
export const REPORT_SCHEMA_ID = publishedSchemaUrl("verify-report.schema.json");

/** Why verification stopped or failed; each code maps to one exit code (packages/verify/src/exit-codes.ts). */
export const FailureCode = z.enum([
  "project_file_missing",
  "project_file_invalid",
  "tool_missing",
  "tool_too_old",
  "uv_version_mismatch",
  "lock_missing",
  "lock_out_of_date",
  "lock_unreadable",
  "network_unavailable",
  "step_failed",
  "step_timed_out",
  "tests_failed",
  "output_missing",
  "metrics_invalid",
  "margin_failed",
  "devcontainer_invalid",
  "container_failed",
  "docker_unavailable",
  "interrupted",
  "input_refused",
]);
export type FailureCode = z.infer<typeof FailureCode>;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Which data a step used and the code it ran, so a report shows what its metrics came from. */
export const StepDataSchema = z
  .object({
    dataset: z.enum(["synthetic", "raw"]).nullable().meta({
      description:
        "the data the step used: synthetic for generate-data and test steps (the project's tests generate their data), the train step's from its metrics file; null for steps that read no competition data",
    }),
    source: sha256.nullable().meta({
      description:
        "sha256 over the project's src/ and tests/ (each file's path and LF-normalised bytes) as the step started; a change between the test and train steps shows as two values; null when neither folder exists",
    }),
  })
  .strict();

export const StepResultSchema = z
  .object({
    id: z.string(),
    role: z.string(),
    command: z.array(z.string()),
    where: z.enum(["host", "container"]),
    status: z.enum(["passed", "failed", "timed-out", "not-run"]),
    exitCode: z.number().int().nullable(),
    timedOut: z.boolean(),
    durationMs: z.number().int().min(0),
    outputTail: z.string().meta({
      description:
        "last 4 KB of combined stdout/stderr of a step that did not pass (empty when it passed, so runs stay comparable); secrets redacted, durations and temp paths replaced by placeholders",
    }),
    cause: z.object({ code: FailureCode, message: z.string() }).strict().nullable(),
    data: StepDataSchema.optional().meta({
      description:
        "absent for steps that did not run, and in reports written before the field existed",
    }),
  })
  .strict();

export const TestCaseSchema = z
  .object({ id: z.string(), outcome: z.enum(["passed", "failed", "error", "skipped"]) })
  .strict();

export const TestSummarySchema = z
  .object({
    total: z.number().int(),
    passed: z.number().int(),
    failed: z.number().int(),
    errors: z.number().int(),
    skipped: z.number().int(),
    cases: z.array(TestCaseSchema),
  })
  .strict();

export const MarginResultSchema = z
  .object({
    id: z.string(),
    metric: z.string(),
    baseline: z.string(),
    kind: z.enum(["delta", "ratio"]),
    required: z.number(),
    actual: z.number().nullable(),
    ok: z.boolean(),
  })
  .strict();

export const FindingSchema = z
  .object({
    file: z.string(),
    key: z.string(),
    rule: z.string(),
    message: z.string(),
  })
  .strict();

export const VerifyReportSchema = z
  .object({
    $schema: z.string(),
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: z
      .object({ name: z.string(), version: z.string() })
      .strict()
      .meta({ description: "the verifier that wrote this report" }),
    generator: z
      .object({ name: z.string(), version: z.string() })
      .strict()
      .nullable()
      .meta({ description: "the generator that created the project (from ml-starter.json)" }),
    template: z
      .object({ id: z.string().regex(ARCHETYPE_ID), version: z.string() })
      .strict()
      .nullable(),
    project: z.object({ distName: z.string(), importName: z.string() }).strict().nullable(),
    mode: z.enum(["host", "container"]),
    environment: z
      .object({
        os: z.string(),
        osRelease: z.string(),
        arch: z.string(),
        runner: z
          .string()
          .meta({ description: "CI runner label (RUNNER_OS/RUNNER_ARCH/ImageOS) or 'local'" }),
        ci: z.boolean(),
        node: z.string(),
        offline: z.boolean(),
        uv: z.string().nullable(),
        git: z.string().nullable(),
        python: z
          .object({ version: z.string(), implementation: z.string(), machine: z.string() })
          .strict()
          .nullable(),
        variables: z.record(z.string(), z.string()).meta({
          description: "UV_*, PIP_*, PYTHON* variables; secret-looking values are '[REDACTED]'",
        }),
      })
      .strict(),
    inputs: z
      .object({
        uvLock: sha256.nullable(),
        pyproject: sha256.nullable(),
        pythonVersion: sha256.nullable(),
      })
      .strict()
      .meta({ description: "sha256 of the LF-normalised files" }),
    installed: z.array(z.object({ name: z.string(), version: z.string() }).strict()),
    platformSpecific: z.array(z.string()).meta({
      description: "locked packages whose every dependency edge carries a platform marker",
    }),
    steps: z.array(StepResultSchema),
    tests: TestSummarySchema.nullable(),
    metrics: z.record(z.string(), z.number()),
    tolerances: z.array(z.object({ metric: z.string(), abs: z.number() }).strict()),
    outputs: z.array(
      z
        .object({
          path: z.string(),
          kind: z.enum(["deterministic", "model"]),
          sha256: sha256.nullable(),
        })
        .strict(),
    ),
    dataset: z.enum(["synthetic", "raw"]).nullable().meta({
      description:
        "the data the train step used (metrics.json); margins are enforced on synthetic data only",
    }),
    margins: z.array(MarginResultSchema),
    devcontainer: z.array(FindingSchema),
    warnings: z.array(z.string()).default([]).meta({
      description:
        "what the user should know although it did not fail the run (e.g. a plan that differs from its template's)",
    }),
    outcome: z.enum(["success", "failure", "error"]),
    failure: z
      .object({ code: FailureCode, step: z.string().nullable(), message: z.string() })
      .strict()
      .nullable(),
  })
  .strict()
  // compare looks outputs up by path: a second entry for one path would hide the first one's hash.
  .refine((r) => new Set(r.outputs.map((o) => o.path)).size === r.outputs.length, {
    message: "output paths must be unique",
    path: ["outputs"],
  });

export type VerifyReport = z.infer<typeof VerifyReportSchema>;
export type StepResult = z.infer<typeof StepResultSchema>;
export type StepData = z.infer<typeof StepDataSchema>;
export type TestSummary = z.infer<typeof TestSummarySchema>;
export type MarginResult = z.infer<typeof MarginResultSchema>;
export type Finding = z.infer<typeof FindingSchema>;
