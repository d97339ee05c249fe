import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseName, platformSpecificPackages } from "../../src/fingerprint/lock-markers.js";
import { FIXTURE_PROJECT } from "../helpers/project.js";

describe("platform-specific packages from uv.lock", () => {
  it("finds colorama (pytest's win32-only dependency) in a real uv.lock written by uv 0.13", async () => {
    const lock = await readFile(path.join(FIXTURE_PROJECT, "uv.lock"), "utf8");
    expect(platformSpecificPackages(lock)).toEqual(["colorama"]);
  });

  it("follows platform-only edges transitively and keeps packages also reached without a marker", () => {
    const lock = `
version = 1
revision = 3
requires-python = ">=3.11"

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "pywin32", marker = "sys_platform == 'win32'" },
    { name = "uvloop", marker = "platform_system != 'Windows'" },
    { name = "tomli", marker = "python_full_version < '3.11'" },
    { name = "shared" },
]

[package.optional-dependencies]
gpu = [{ name = "Nvidia_Thing", marker = "platform_machine == 'x86_64'" }]

[package.dev-dependencies]
dev = [{ name = "pytest" }]

[[package]]
name = "pywin32"
version = "1"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "pywin32-ctypes" }, { name = "shared" }]

[[package]]
name = "pywin32-ctypes"
version = "1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "shared"
version = "1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "uvloop"
version = "1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "tomli"
version = "1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "nvidia-thing"
version = "1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "9"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "numpy"
version = "2.4.6"
source = { registry = "https://pypi.org/simple" }
resolution-markers = ["sys_platform == 'darwin'"]

[[package]]
name = "numpy"
version = "2.4.5"
source = { registry = "https://pypi.org/simple" }
resolution-markers = ["sys_platform != 'darwin'"]
`;
    expect(platformSpecificPackages(lock)).toEqual([
      "numpy",
      "nvidia-thing",
      "pywin32",
      "pywin32-ctypes",
      "uvloop",
    ]);
  });

  it("normalises names like PEP 503", () => {
    expect(normaliseName("Foo__Bar.baz-Qux")).toBe("foo-bar-baz-qux");
  });
});
