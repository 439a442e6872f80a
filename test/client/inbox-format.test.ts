/** The inbox element's pure helpers: relative times in a locale, the links it will follow, its default words. */
import { describe, expect, it } from "vitest";
import { defaultStrings } from "../../packages/inbox/src/strings";
import { relativeTime } from "../../packages/inbox/src/time";
import { safeUrl } from "../../packages/inbox/src/url";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe("relativeTime", () => {
  it.each([
    [20, "now"],
    [5 * 60, "5 minutes ago"],
    [3 * 3600, "3 hours ago"],
    [26 * 3600, "yesterday"],
    [9 * 86400, "last week"],
    [400 * 86400, "last year"],
  ])("%i s ago reads %s", (seconds, text) => {
    expect(relativeTime(ago(seconds), NOW, "en")).toBe(text);
  });

  it("speaks the locale it is given, and falls back on a malformed one", () => {
    expect(relativeTime(ago(5 * 60), NOW, "de")).toBe("vor 5 Minuten");
    expect(relativeTime(ago(5 * 60), NOW, "not a locale!")).toMatch(/5/);
  });
});

describe("safeUrl", () => {
  it("follows web links only", () => {
    expect(safeUrl("https://example.com/a?b=1")).toBe("https://example.com/a?b=1");
    expect(safeUrl("http://example.com/")).toBe("http://example.com/");
    for (const bad of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<p>", "vbscript:x", "", null]) {
      expect(safeUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe("default strings", () => {
  it("name a group's actors and the bell's count", () => {
    expect(defaultStrings.actors("Ada Lovelace", 0)).toBe("Ada Lovelace");
    expect(defaultStrings.actors("Ada Lovelace", 1)).toBe("Ada Lovelace and 1 other");
    expect(defaultStrings.actors("Ada Lovelace", 4)).toBe("Ada Lovelace and 4 others");
    expect(defaultStrings.bell(0)).toBe("Notifications");
    expect(defaultStrings.bell(3)).toBe("Notifications, 3 new");
  });
});
