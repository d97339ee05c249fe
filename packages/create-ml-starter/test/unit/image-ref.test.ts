import { describe, expect, it } from "vitest";
import { checkImageReference } from "../../src/core/inputs/image-ref.js";

const digest = "sha256:" + "0123456789abcdef".repeat(4);

describe("checkImageReference", () => {
  it.each([
    `mcr.microsoft.com/devcontainers/python:1-3.11-bookworm@${digest}`,
    `127.0.0.1:5000/ml-starter/python:3.11-bookworm@${digest}`,
    `mirror.example.com:8443/team/python@${digest}`,
    `python@${digest}`,
    `localhost/team/python@${digest}`,
    `Mirror.Example.com/team/python@${digest}`,
  ])("accepts %s", (ref) => {
    expect(checkImageReference(ref)).toBe(ref);
  });

  it.each([
    ["mcr.microsoft.com/devcontainers/python:3.11", /not pinned by digest/],
    ["python:latest", /not pinned by digest/],
    [`Python@${digest}`, /not a valid image reference/],
    [`Devcontainers/python:3.11@${digest}`, /not a valid image reference/],
    [`mcr.microsoft.com/Devcontainers/python:3.11@${digest}`, /not a valid image reference/],
    [`devcontainers/Python@${digest}`, /not a valid image reference/],
    [`python@sha256:abc`, /not a valid image reference/],
    [`python@${digest} ; rm -rf /`, /not a valid image reference/],
  ])("refuses %s", (ref, message) => {
    expect(() => checkImageReference(ref)).toThrowError(message);
  });
});
