import { describe, expect, it } from "vitest";
import { stale } from "../../scripts/contract.mjs";

describe("the committed contract", () => {
  it("docs/openapi.json and the client's generated types match what the code serves", async () => {
    // When this fails: `npm run contract`, then commit (and adapt the client if its build breaks).
    expect(await stale()).toEqual([]);
  }, 30_000);
});
