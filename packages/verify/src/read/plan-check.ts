import { readFileSync } from "node:fs";
import { z } from "zod";
import { VerifyPlanSchema, type ProjectFile, type VerifyPlan } from "@ml-starter/schema";
import { messages } from "../cli/messages.js";
import { fillPackage } from "../run/run-step.js";
import { sortKeysDeep } from "../report/sort-keys.js";

/** `<template id>@<version>` → the verify plan that template version shipped (plans/shipped-plans.json). */
export type ShippedPlans = ReadonlyMap<string, VerifyPlan>;

let loaded: ShippedPlans | undefined;

/**
 * The plans the templates shipped, recorded in this package at release (scripts/shipped-plans.mjs). Kept in
 * the verifier rather than trusted from ml-starter.json: whoever can edit the plan could edit a hash beside it.
 */
export function shippedPlans(): ShippedPlans {
  loaded ??= new Map(
    Object.entries(
      z
        .record(z.string(), VerifyPlanSchema)
        .parse(
          JSON.parse(
            readFileSync(new URL("../../plans/shipped-plans.json", import.meta.url), "utf8"),
          ) as unknown,
        ),
    ),
  );
  return loaded;
}

/**
 * Host mode runs any argv in ml-starter.json. One warning when the plan is not the one its template id and
 * version shipped (with `{package}` filled in as the generator does), naming what differs; none when it is.
 */
export function planWarnings(file: ProjectFile, plans: ShippedPlans = shippedPlans()): string[] {
  const template = `${file.template.id} ${file.template.version}`;
  const shipped = plans.get(`${file.template.id}@${file.template.version}`);
  if (shipped === undefined) return [messages.plan.unknown(template)];
  const importName = file.answers.importName;
  const expected: VerifyPlan = {
    ...shipped,
    steps: shipped.steps.map((s) => ({ ...s, run: s.run.map((a) => fillPackage(a, importName)) })),
  };
  const parts = differences(expected, file.verify);
  return parts.length === 0 ? [] : [messages.plan.differs(template, parts)];
}

// --- internal ---

const same = (a: unknown, b: unknown) =>
  JSON.stringify(sortKeysDeep(a)) === JSON.stringify(sortKeysDeep(b));

function differences(expected: VerifyPlan, actual: VerifyPlan): string[] {
  const parts: string[] = [];
  const want = new Map(expected.steps.map((s) => [s.id, s]));
  const have = new Map(actual.steps.map((s) => [s.id, s]));
  const changed = actual.steps
    .filter((s) => want.has(s.id) && !same(want.get(s.id), s))
    .map((s) => s.id);
  const added = actual.steps.filter((s) => !want.has(s.id)).map((s) => s.id);
  const removed = expected.steps.filter((s) => !have.has(s.id)).map((s) => s.id);
  if (changed.length > 0) parts.push(`steps changed: ${changed.join(", ")}`);
  if (added.length > 0) parts.push(`steps added: ${added.join(", ")}`);
  if (removed.length > 0) parts.push(`steps removed: ${removed.join(", ")}`);
  const order = (p: VerifyPlan) => p.steps.map((s) => s.id).join(",");
  if (parts.length === 0 && order(expected) !== order(actual)) parts.push("steps reordered");
  // Outputs and metric rules follow the project's competition profile (its file names, its margin) and only
  // decide what is checked, not what runs: the warning is about what runs.
  if (!same(expected.tools, actual.tools)) parts.push("tools changed");
  return parts;
}
