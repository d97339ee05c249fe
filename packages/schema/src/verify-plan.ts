import { z } from "zod";

/** Placeholders a step argument may contain; resolved by the generator or the verifier. */
export const STEP_TOKENS = {
  /** The project's import name; replaced when the project is generated. */
  package: "{package}",
  /** A JUnit XML path in the verifier's scratch directory; replaced at verify time. */
  junitXml: "{junitxml}",
} as const;

const relativePosixPath = z
  .string()
  .min(1)
  .regex(/^(?![/\\])(?![A-Za-z]:)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\\0]+$/, {
    message: "must be a relative POSIX path inside the project (no '..', no backslashes)",
  });

export const StepRole = z
  .enum(["lock-check", "sync", "lint", "format-check", "test", "generate-data", "train", "other"])
  .meta({
    description: "What the step is for; the verifier reads outputs of some roles (sync, test).",
  });

export const VerifyStepSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "step ids are lower-case kebab-case" }),
    title: z.string().min(1),
    role: StepRole,
    run: z.array(z.string().min(1)).min(1).meta({
      description:
        "argv array, never a shell string; the first element is the tool to resolve on PATH",
    }),
    timeoutMs: z.number().int().positive().max(3_600_000),
  })
  .strict();

export const ToolRequirementSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    minVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
    required: z.boolean(),
    hint: z.string().min(1).meta({ description: "one line telling the user how to install it" }),
  })
  .strict();

export const OutputSpecSchema = z
  .object({
    path: relativePosixPath,
    kind: z.enum(["deterministic", "model"]).meta({
      description:
        "deterministic: generated from integers, must hash identically on every OS; model: hash compared only on the same OS and architecture",
    }),
  })
  .strict();

export const ToleranceSchema = z
  .object({
    metric: z.string().regex(/^[a-z0-9_*]+\.[a-z0-9_*]+$/, {
      message: "metric patterns look like model.metric, '*' allowed",
    }),
    abs: z.number().min(0),
  })
  .strict();

export const MarginRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    metric: z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+$/),
    baseline: z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+$/),
    minDelta: z.number().optional(),
    minRatio: z.number().positive().optional(),
  })
  .strict()
  .refine((r) => (r.minDelta === undefined) !== (r.minRatio === undefined), {
    message: "a margin rule has exactly one of minDelta or minRatio",
  });

export const VerifyPlanSchema = z
  .object({
    tools: z.array(ToolRequirementSchema).min(1),
    steps: z.array(VerifyStepSchema).min(1),
    outputs: z.array(OutputSpecSchema),
    metrics: z
      .object({
        file: relativePosixPath,
        tolerances: z.array(ToleranceSchema),
        margins: z.array(MarginRuleSchema),
      })
      .strict(),
  })
  .strict()
  .refine((p) => new Set(p.steps.map((s) => s.id)).size === p.steps.length, {
    message: "step ids must be unique",
  })
  .refine((p) => new Set(p.outputs.map((o) => o.path)).size === p.outputs.length, {
    message: "output paths must be unique",
    path: ["outputs"],
  });

export type VerifyStep = z.infer<typeof VerifyStepSchema>;
export type VerifyPlan = z.infer<typeof VerifyPlanSchema>;
export type MarginRule = z.infer<typeof MarginRuleSchema>;
export type Tolerance = z.infer<typeof ToleranceSchema>;
export type ToolRequirement = z.infer<typeof ToolRequirementSchema>;
export type OutputSpec = z.infer<typeof OutputSpecSchema>;
