// "No bash needed" (reliability.md §4.4, §8 check 16): every documented project command must run the
// same from PowerShell, cmd and a POSIX shell, without an activated virtualenv, exec bits or shebangs.
// That means `uv run …` / `uv sync …` (and other `uv` forms that manage the locked project or a pinned
// tool); never a bare `python`, `pip`, `pytest`, `source .venv/bin/activate` or `./script.sh`.

/** Words that start a Python-project command; other code spans (paths, file names, options) are not commands. */
const COMMAND_WORDS = new Set([
  "uv",
  "uvx",
  "python",
  "python3",
  "py",
  "pip",
  "pip3",
  "pytest",
  "ruff",
  "source",
  "bash",
  "sh",
]);
/** `chmod` that grants an execute bit (`+x`, `755`); `chmod 600 ~/.kaggle/kaggle.json` is credential hygiene, not a run step. */
const CHMOD_EXEC = /^chmod\s+(\S*\+\S*x|[0-7]?[0-7]*[1357][0-7]*)(\s|$)/;

/** `uv` subcommands that need no shell and respect the lock (or run a pinned tool). */
const ALLOWED_UV = /^uv (run|sync|lock|tool (install|run)|python install)(\s|$)/;

/** Commands from fenced code blocks (one per line, `$ ` prompts and comments dropped) and inline code spans. */
export function documentedCommands(markdown: string): string[] {
  const commands: string[] = [];
  const fence = /^(\s*)(```|~~~)([^\n]*)\n([\s\S]*?)\n\s*\2\s*$/gm;
  const withoutFences = markdown.replace(
    fence,
    (_m, _indent: string, _f: string, _info: string, body: string) => {
      for (const raw of body.split("\n")) {
        const line = raw.trim().replace(/^[$>]\s+/, "");
        if (line !== "" && !line.startsWith("#")) commands.push(line);
      }
      return "\n";
    },
  );
  for (const match of withoutFences.matchAll(/(`+)([^`]+?)\1/g))
    commands.push((match[2] ?? "").trim());
  return commands.filter(isProjectCommand);
}

export function isProjectCommand(command: string): boolean {
  const first = command.split(/\s+/)[0] ?? "";
  return (
    COMMAND_WORDS.has(first) ||
    CHMOD_EXEC.test(command) ||
    first.startsWith("./") ||
    first.startsWith(".venv") ||
    first.startsWith(".\\")
  );
}

/** Why a documented command needs a POSIX shell, an activated venv or exec bits (undefined when fine). */
export function commandProblem(command: string): string | undefined {
  const first = command.split(/\s+/)[0] ?? "";
  if (first === "uvx") return undefined;
  if (first === "uv") {
    return ALLOWED_UV.test(command)
      ? undefined
      : "only `uv run …`, `uv sync …`, `uv lock` and `uv tool …` forms (others bypass the lock)";
  }
  if (["python", "python3", "py", "pip", "pip3", "pytest", "ruff"].includes(first)) {
    return `needs an activated virtualenv: write \`uv run ${command}\``;
  }
  if (first === "source" || first.startsWith(".venv"))
    return "activating a virtualenv is shell-specific: use `uv run …`";
  if (first === "chmod" || first.startsWith("./") || first.startsWith(".\\"))
    return "depends on exec bits or shebangs: use `uv run …`";
  if (first === "bash" || first === "sh")
    return "needs bash: use `uv run …` (bash only inside the devcontainer)";
  return undefined;
}
