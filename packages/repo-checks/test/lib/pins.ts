import { isPair, isScalar, LineCounter, parseDocument, visit } from "yaml";

/** One `uses:` reference in a workflow (steps and reusable-workflow jobs alike). */
export interface UsesRef {
  file: string;
  /** 1-based line of the value. */
  line: number;
  /** The value as written, e.g. `actions/checkout@8e8c…e8`. */
  value: string;
  /** The trailing comment on the same line without `#`, trimmed (e.g. `v6.0.1`), if any. */
  comment: string | undefined;
}

export interface PinProblem {
  file: string;
  line: number;
  value: string;
  problem: string;
}

const FULL_SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /^v\d+\.\d+\.\d+$/;
const DOCKER_DIGEST = /^docker:\/\/[^@\s]+@sha256:[0-9a-f]{64}$/;

/**
 * Every `uses:` value in a workflow, found through the YAML parser (block and flow style alike), with
 * the comment that follows it on the same source line (the parser does not keep line comments apart).
 */
export function findUses(text: string, file: string): UsesRef[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true });
  if (doc.errors.length > 0)
    throw new Error(`${file}: not valid YAML: ${doc.errors[0]?.message ?? ""}`);
  const lines = text.split("\n");
  const refs: UsesRef[] = [];
  visit(doc, {
    Pair(_key, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== "uses") return;
      const value = pair.value;
      if (!isScalar(value) || typeof value.value !== "string" || !value.range) {
        refs.push({ file, line: 0, value: String(value), comment: undefined });
        return;
      }
      const { line, col } = lineCounter.linePos(value.range[1]);
      const rest = (lines[line - 1] ?? "").slice(col - 1);
      const match = /^\s*(?:[,}\]]\s*)*#\s?(.*)$/.exec(rest);
      refs.push({
        file,
        line: lineCounter.linePos(value.range[0]).line,
        value: value.value,
        comment: match?.[1]?.trim(),
      });
    },
  });
  return refs;
}

/** Why a `uses:` value is not an immutable, documented pin (undefined when it is one). */
export function pinProblem(usesRef: UsesRef): string | undefined {
  const { value, comment } = usesRef;
  if (value.startsWith("./")) return undefined; // an action or workflow in the same repository and commit
  if (value.startsWith("docker://")) {
    return DOCKER_DIGEST.test(value) ? undefined : "docker image is not pinned by @sha256 digest";
  }
  const at = value.lastIndexOf("@");
  if (at <= 0) return "no @ref: the default branch is used";
  const target = value.slice(0, at);
  const ref = value.slice(at + 1);
  if (!/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?$/.test(target))
    return `not an owner/repo[/path] action: ${target}`;
  if (!FULL_SHA.test(ref))
    return `ref "${ref}" is not a full 40-hex commit SHA (tags and branches can be moved)`;
  if (comment === undefined) return "no `# vX.Y.Z` comment naming the release of the pinned SHA";
  if (!VERSION_COMMENT.test(comment))
    return `comment "# ${comment}" is not an exact release (# vX.Y.Z)`;
  return undefined;
}

export function pinProblems(refs: readonly UsesRef[]): PinProblem[] {
  const problems: PinProblem[] = [];
  for (const ref of refs) {
    const problem = pinProblem(ref);
    if (problem) problems.push({ file: ref.file, line: ref.line, value: ref.value, problem });
  }
  // One action, one pin: the same release must not appear with two SHAs, nor one SHA with two releases.
  const byAction = new Map<string, Map<string, Set<string>>>();
  for (const ref of refs) {
    const at = ref.value.lastIndexOf("@");
    if (at <= 0 || ref.value.startsWith("./") || ref.value.startsWith("docker://")) continue;
    const action = ref.value.slice(0, at);
    const sha = ref.value.slice(at + 1);
    const shas = byAction.get(action) ?? new Map<string, Set<string>>();
    byAction.set(action, shas);
    const comments = shas.get(sha) ?? new Set<string>();
    shas.set(sha, comments);
    comments.add(ref.comment ?? "");
  }
  for (const [action, shas] of byAction) {
    if (shas.size > 1) {
      problems.push({
        file: "(all workflows)",
        line: 0,
        value: action,
        problem: `pinned to ${shas.size} different SHAs: ${[...shas.keys()].join(", ")}`,
      });
    }
    for (const [sha, comments] of shas) {
      if (comments.size > 1) {
        problems.push({
          file: "(all workflows)",
          line: 0,
          value: `${action}@${sha}`,
          problem: `one SHA with different comments: ${[...comments].join(" / ")}`,
        });
      }
    }
  }
  return problems;
}

/** For messages: `file:line value: problem`, one per line. */
export const formatProblems = (problems: readonly PinProblem[]) =>
  problems.map((p) => `${p.file}:${p.line} ${p.value}: ${p.problem}`).join("\n");
