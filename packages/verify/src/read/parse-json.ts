import { messages } from "../cli/messages.js";

/**
 * JSON.parse for inputs (ml-starter.json, metrics files, reports), refusing a `__proto__` key anywhere: JSON.parse
 * keeps it as an own key, but zod's records and plain assignments drop it, so `compare` saw "no drift" for a
 * metric that differed. Throws SyntaxError, like JSON.parse, so callers report both the same way.
 */
export function parseJson(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (key === "__proto__") throw new SyntaxError(messages.protoKey);
    return value;
  });
}
