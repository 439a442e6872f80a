/**
 * Every relative link in the README and the guides points to a file that exists, and every
 * `#anchor` to a heading of its target, so moving a section or a file cannot leave a dead link.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PAGES = [
  "README.md",
  "packages/client/README.md",
  ...readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

const FENCED = /^```[\s\S]*?^```/gm;

/** The text outside fenced code blocks and inline code, where `[x](y)` is not a link. */
const prose = (markdown: string) => markdown.replaceAll(FENCED, "").replaceAll(/`[^`\n]*`/g, "");

/** A page's heading anchors as GitHub makes them: lower case, punctuation dropped (not `-`, `_`), spaces to `-`. */
const headingAnchors = (file: string) =>
  new Set(
    [
      ...readFileSync(file, "utf8")
        .replaceAll(FENCED, "")
        .matchAll(/^#{1,6}\s+(.+)$/gm),
    ].map((match) =>
      (match[1] ?? "")
        .trim()
        .toLowerCase()
        .replaceAll(/[^\p{L}\p{N} _-]/gu, "")
        .replaceAll(" ", "-"),
    ),
  );

function relativeLinks(page: string): string[] {
  const text = prose(readFileSync(join(root, page), "utf8"));
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe("links in the documentation", () => {
  it("covers the README, the client's README and docs/*.md", () => {
    expect(PAGES).toEqual(expect.arrayContaining(["README.md", "docs/settings.md", "docs/socket.md"]));
    expect(relativeLinks("README.md").length).toBeGreaterThan(5);
  });

  it.each(PAGES)("%s: every relative link and anchor resolves", (page) => {
    const dead: string[] = [];
    for (const link of relativeLinks(page)) {
      const [path = "", anchor] = link.split("#");
      const target = path === "" ? join(root, page) : join(dirname(join(root, page)), decodeURIComponent(path));
      if (!existsSync(target)) dead.push(`${link} (no ${relative(root, target)})`);
      else if (anchor && target.endsWith(".md") && !headingAnchors(target).has(anchor)) {
        dead.push(`${link} (no heading #${anchor} in ${relative(root, target)})`);
      }
    }
    expect(dead).toEqual([]);
  });
});
