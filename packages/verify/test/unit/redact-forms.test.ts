import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { VerifyReportSchema } from "@ml-starter/schema";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/cli-main.js";
import { cliIo } from "../helpers/cli-io.js";
import { credentialFileSecrets } from "../../src/run/credential-files.js";
import { createRedactor, REDACTED, redactVariables } from "../../src/run/redact.js";
import { envWith, nodeStep, testdir, writeProject } from "../helpers/project.js";

describe("redaction of the forms secrets are printed in", () => {
  it.each([
    ["SSHPASS", "CANARYsshpass01"],
    ["MYSQL_PWD", "CANARYmysql02"],
    ["PGPASSWORD", "CANARYpg03"],
  ])("%s is a secret", (name, value) => {
    const r = createRedactor({ [name]: value });
    expect(r.text(`x ${value} y`)).toBe(`x ${REDACTED} y`);
    expect(redactVariables({ [name]: value }, r)).toEqual({ [name]: REDACTED });
  });

  it("masks base64, base64url, hex (both cases), upper/lower case and lower-case %xx forms", () => {
    const secret = "Canary/Secret+04?x";
    const r = createRedactor({ API_TOKEN: secret });
    const bytes = Buffer.from(secret);
    for (const form of [
      bytes.toString("base64"),
      bytes.toString("base64url"),
      bytes.toString("hex"),
      bytes.toString("hex").toUpperCase(),
      secret.toUpperCase(),
      secret.toLowerCase(),
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()),
    ]) {
      expect(r.text(`[${form}]`)).toBe(`[${REDACTED}]`);
    }
  });

  it("masks short values of secret-named variables as whole tokens only", () => {
    const r = createRedactor({ DB_PASSWORD: "hun2", PLAIN: "abc" });
    expect(r.text("password=hun2 and hun2.")).toBe(`password=${REDACTED} and ${REDACTED}.`);
    expect(r.text("shun2x abc")).toBe("shun2x abc"); // inside a word; and PLAIN is not secret-named
  });

  it("a password containing '@' is masked whole, in URLs and on its own", () => {
    const r = createRedactor({ UV_INDEX_URL: "https://user:p@ss@w0rd-9@pkgs.example/simple" });
    expect(r.values).toContain("p@ss@w0rd-9");
    expect(r.text("fetch https://user:p@ss@w0rd-9@pkgs.example/simple/numpy")).toBe(
      "fetch https://***@pkgs.example/simple/numpy",
    );
    expect(r.text("pw p@ss@w0rd-9")).toBe(`pw ${REDACTED}`);
    // Without knowing the variable, the URL's userinfo up to its last '@' is still removed.
    expect(createRedactor({}).text("git+https://u:a@b@git.example/x")).toBe(
      "git+https://***@git.example/x",
    );
  });

  it("masks tokens in URL query strings and webhook paths, known or not", () => {
    const r = createRedactor({});
    expect(r.text("GET https://h.example/f?token=CANARYq1&x=1")).toBe(
      `GET https://h.example/f?token=${REDACTED}&x=1`,
    );
    expect(r.text("https://h.example/a?user=me&password=CANARYq2#top")).toBe(
      `https://h.example/a?user=me&password=${REDACTED}#top`,
    );
    expect(r.text("https://h.example/a?X-Amz-Signature=CANARYq3")).toBe(
      `https://h.example/a?X-Amz-Signature=${REDACTED}`,
    );
    expect(
      r.text("posting to https://hooks.slack.com/services/T0CANARY/B0CANARY/CANARYxyz now"),
    ).toBe(`posting to https://hooks.slack.com/services/${REDACTED} now`);
  });

  it("masks token-like path segments of URL-valued variables wherever they appear", () => {
    const r = createRedactor({
      UV_EXTRA_INDEX_URL: "https://pkgs.example/CANARYpathToken0123456/simple",
    });
    expect(r.text("404 for CANARYpathToken0123456")).toBe(`404 for ${REDACTED}`);
    expect(r.text("https://pkgs.example/simple")).toBe("https://pkgs.example/simple"); // 'simple' is no token
  });

  it("records URL-valued variables as scheme and host only", () => {
    const r = createRedactor({});
    expect(
      redactVariables(
        {
          UV_INDEX_URL: "https://u:pw@pkgs.example:8443/org/CANARY/simple?token=x",
          UV_EXTRA_INDEX_URL: "https://a.example/simple https://b.example/x/y",
          UV_CACHE_DIR: "/tmp/cache",
        },
        r,
      ),
    ).toEqual({
      UV_INDEX_URL: "https://pkgs.example:8443",
      UV_EXTRA_INDEX_URL: "https://a.example https://b.example",
      UV_CACHE_DIR: "/tmp/cache",
    });
  });

  it("loads the Kaggle credential files as secrets (kaggle.json key, access_token, credentials.json)", async () => {
    const home = await testdir("home");
    const config = await testdir("kaggle config");
    await mkdir(path.join(home, ".kaggle"), { recursive: true });
    await writeFile(
      path.join(home, ".kaggle", "kaggle.json"),
      JSON.stringify({ username: "someone", key: "CANARYkaggleJsonKey" }),
    );
    await writeFile(path.join(config, "access_token"), "CANARYaccessToken\n");
    await mkdir(path.join(home, ".config", "kaggle"), { recursive: true });
    await writeFile(
      path.join(home, ".config", "kaggle", "credentials.json"),
      JSON.stringify({ refresh_token: "CANARYrefresh1", scope: "all" }),
    );
    const secrets = await credentialFileSecrets({ HOME: home, KAGGLE_CONFIG_DIR: config });
    expect(secrets.sort()).toEqual(["CANARYaccessToken", "CANARYkaggleJsonKey", "CANARYrefresh1"]);
  });
});

describe("the CLI: report, summary, $GITHUB_STEP_SUMMARY and --json", () => {
  it("never contains any of the forms, on a failing step whose output tail is kept", async () => {
    const dir = await testdir();
    const home = await testdir("home");
    await mkdir(path.join(home, ".kaggle"), { recursive: true });
    const kaggleJson = path.join(home, ".kaggle", "kaggle.json");
    await writeFile(kaggleJson, JSON.stringify({ username: "someone", key: "CANARYkaggle0key" }));
    const stepSummary = path.join(await testdir("gh"), "summary.md");
    const secrets = {
      SSHPASS: "CANARYssh1",
      MYSQL_PWD: "CANARYmy2",
      SHORT_TOKEN: "Cn4",
      API_TOKEN: "CANARY/Token+3",
      UV_INDEX_URL: "https://u:CANARY@pw4@pkgs.example/CANARYpathSegment567/simple?token=CANARYq5",
      SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T0/B0/CANARYslack6",
    };
    const names = Object.keys(secrets);
    await writeProject(dir, {
      steps: [nodeStep("leak", "leak-forms.mjs", [...names, "--file", kaggleJson])],
    });
    const run = cliIo(
      dir,
      envWith([], { ...secrets, HOME: home, GITHUB_STEP_SUMMARY: stepSummary }),
    );
    expect(await main([".", "--json"], run.io)).toBe(4);
    const files = await readdir(path.join(dir, "outputs", "verify"));
    const written = await Promise.all(
      files.map((f) => readFile(path.join(dir, "outputs", "verify", f), "utf8")),
    );
    const everything = [...written, await readFile(stepSummary, "utf8"), run.out(), run.err()];
    for (const text of everything) {
      expect(text).not.toMatch(/CANARY/i);
      expect(text).not.toContain("Cn4");
      // Encoded forms of the secret values themselves (a URL variable's secrets are its parts, not the whole URL).
      for (const value of [
        "CANARYssh1",
        "CANARYmy2",
        "Cn4",
        "CANARY/Token+3",
        "CANARY@pw4",
        "CANARYslack6",
      ]) {
        const bytes = Buffer.from(value);
        for (const form of [
          bytes.toString("base64"),
          bytes.toString("hex"),
          bytes.toString("hex").toUpperCase(),
        ])
          expect(text).not.toContain(form);
      }
    }
    const report = VerifyReportSchema.parse(JSON.parse(run.out()));
    expect(report.steps[0]?.outputTail).toContain(`SSHPASS=${REDACTED}`);
    expect(report.environment.variables["UV_INDEX_URL"]).toBe("https://pkgs.example");
  });
});
