import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors } from "../src/errors";

describe("fieldErrors", () => {
  it('keeps a field named "__proto__" as an ordinary key (it would otherwise replace the prototype)', () => {
    const error = new z.ZodError([
      { code: "custom", path: ["__proto__"], message: "bad", input: 1 },
      { code: "custom", path: ["list", "__proto__"], message: "worse", input: 2 },
    ]);
    const text = JSON.stringify(fieldErrors(error));
    expect(text).toBe('{"__proto__":["bad"],"list":{"__proto__":["worse"]}}');
  });
});
