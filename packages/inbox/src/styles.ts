import { css } from "lit";
import { listStyles } from "./styles-list.js";

/**
 * Every colour and size goes through a public custom property (--edge-notify-*) with a private
 * fallback (--_*), so a host themes the element from outside without piercing the shadow root.
 * Layout uses logical properties only (inline-start/end), so dir="rtl" mirrors it.
 */
const dark = css`
  --_accent: var(--edge-notify-accent, #fb923c);
  --_accent-fg: var(--edge-notify-accent-fg, #1a1208);
  --_bg: var(--edge-notify-bg, #1d2027);
  --_fg: var(--edge-notify-fg, #eef0f4);
  --_muted: var(--edge-notify-muted, #a9b0bd);
  --_line: var(--edge-notify-line, #343945);
  --_hover: var(--edge-notify-hover, #272b34);
  --_unread-bg: var(--edge-notify-unread-bg, #2c2520);
  --_danger: var(--edge-notify-danger, #f97066);
  --_shadow: var(--edge-notify-shadow, 0 12px 32px rgb(0 0 0 / 0.5));
  color-scheme: dark;
`;

const frameStyles = css`
  :host {
    --_accent: var(--edge-notify-accent, #c2410c);
    --_accent-fg: var(--edge-notify-accent-fg, #fff);
    --_bg: var(--edge-notify-bg, #fff);
    --_fg: var(--edge-notify-fg, #1d2330);
    --_muted: var(--edge-notify-muted, #5d6679);
    --_line: var(--edge-notify-line, #e4e7ec);
    --_hover: var(--edge-notify-hover, #f4f5f8);
    --_unread-bg: var(--edge-notify-unread-bg, #fff6ee);
    --_danger: var(--edge-notify-danger, #b42318);
    --_radius: var(--edge-notify-radius, 12px);
    --_shadow: var(--edge-notify-shadow, 0 12px 32px rgb(16 24 40 / 0.18));
    --_width: var(--edge-notify-width, 24rem);
    --_font: var(--edge-notify-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    position: relative;
    display: inline-block;
    font-family: var(--_font);
    color: var(--_fg);
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme="light"])) {
      ${dark}
    }
  }
  :host([theme="dark"]) {
    ${dark}
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .bell {
    position: relative;
    display: grid;
    place-items: center;
    width: 2.5rem;
    height: 2.5rem;
    padding: 0;
    border: 1px solid var(--_line);
    border-radius: 50%;
    background: var(--_bg);
  }
  .bell:hover {
    background: var(--_hover);
  }
  .bell svg {
    width: 1.25rem;
    height: 1.25rem;
    fill: currentColor;
  }
  .badge {
    position: absolute;
    inset-block-start: -0.3rem;
    inset-inline-end: -0.35rem;
    min-width: 1.25rem;
    height: 1.25rem;
    padding-inline: 0.3rem;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-fg);
    font-size: 0.72rem;
    font-weight: 700;
    line-height: 1.25rem;
    text-align: center;
    box-shadow: 0 0 0 2px var(--_bg);
  }
  .panel {
    position: absolute;
    inset-block-start: calc(100% + 0.5rem);
    inset-inline-end: 0;
    z-index: 1000;
    display: flex;
    flex-direction: column;
    width: min(var(--_width), calc(100vw - 1rem));
    max-height: min(36rem, calc(100vh - 6rem));
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: var(--_shadow);
    overflow: hidden;
    text-align: start;
  }
  @media (max-width: 480px) {
    .panel {
      position: fixed;
      inset-block-start: var(--edge-notify-mobile-top, 3.75rem);
      inset-inline: 0.5rem;
      width: auto;
      max-height: calc(100vh - var(--edge-notify-mobile-top, 3.75rem) - 0.75rem);
    }
  }
  .head {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    padding-block: 0.75rem 0.5rem;
    padding-inline: 1rem 0.5rem;
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 1rem;
    font-weight: 650;
  }
  .text-button,
  .icon-button {
    border: 0;
    border-radius: 6px;
    background: none;
    padding: 0.3rem 0.45rem;
    font-size: 0.82rem;
  }
  .text-button {
    color: var(--_accent);
    font-weight: 600;
  }
  .text-button[aria-disabled="true"] {
    color: var(--_muted);
    cursor: default;
  }
  .icon-button {
    display: grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    padding: 0;
    color: var(--_muted);
  }
  .text-button:hover:not([aria-disabled="true"]),
  .icon-button:hover {
    background: var(--_hover);
  }
  .icon-button svg {
    width: 1.1rem;
    height: 1.1rem;
    fill: currentColor;
  }
  /* One line whatever the number of category tabs: the row scrolls sideways (selection scrolls
     the selected tab into view, tabs.ts) instead of wrapping "Archived" onto a second line. */
  .tabs {
    display: flex;
    column-gap: 0.15rem;
    padding-inline: 0.75rem;
    overflow-x: auto;
    overflow-y: hidden;
    scrollbar-width: thin;
    border-block-end: 1px solid var(--_line);
  }
  .tab {
    flex: none;
    white-space: nowrap;
    border: 0;
    border-block-end: 2px solid transparent;
    background: none;
    padding: 0.45rem 0.45rem;
    color: var(--_muted);
    font-size: 0.84rem;
    font-weight: 550;
  }
  .tab:focus-visible {
    outline-offset: -2px;
  }
  .tab[aria-selected="true"] {
    border-block-end-color: var(--_accent);
    color: var(--_fg);
  }
  .tab .count {
    margin-inline-start: 0.3rem;
    padding: 0 0.35rem;
    border-radius: 999px;
    background: var(--_hover);
    font-size: 0.72rem;
  }
  .body {
    flex: 1;
    min-height: 6rem;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
`;

export const styles = [frameStyles, listStyles];
