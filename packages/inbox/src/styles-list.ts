import { css } from "lit";

/** The list's entries, banners and states, and the preferences view (colours from styles.ts). */
export const listStyles = css`
  .feed {
    margin: 0;
    padding: 0;
  }
  .item {
    position: relative;
    display: flex;
    gap: 0.75rem;
    padding: 0.75rem 1rem;
    padding-inline-start: 1.4rem;
    border-block-end: 1px solid var(--_line);
    cursor: pointer;
  }
  .item:hover {
    background: var(--_hover);
  }
  .item[data-read="false"] {
    background: var(--_unread-bg);
  }
  .item[data-read="false"]::before {
    content: "";
    position: absolute;
    inset-inline-start: 0.55rem;
    inset-block-start: 1.25rem;
    width: 0.45rem;
    height: 0.45rem;
    border-radius: 50%;
    background: var(--_accent);
  }
  .item:focus-visible {
    outline-offset: -2px;
  }
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    background: var(--_hover);
    border: 1px solid var(--_line);
    font-size: 0.8rem;
    font-weight: 650;
  }
  .avatar svg {
    width: 1rem;
    height: 1rem;
    fill: var(--_muted);
  }
  .content {
    flex: 1;
    min-width: 0;
  }
  .message {
    margin: 0;
    font-size: 0.9rem;
    line-height: 1.35;
    overflow-wrap: anywhere;
  }
  .item[data-read="false"] .message {
    font-weight: 600;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 0.5rem;
    margin-block-start: 0.2rem;
    color: var(--_muted);
    font-size: 0.78rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin-block-start: 0.5rem;
  }
  .action {
    display: inline-block;
    padding: 0.3rem 0.7rem;
    border: 1px solid var(--_line);
    border-radius: 6px;
    color: var(--_fg);
    font-size: 0.8rem;
    font-weight: 600;
    text-decoration: none;
  }
  .action.primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-fg);
  }
  .tools {
    display: flex;
    flex-direction: column;
    gap: 0;
    margin-block: -0.25rem;
    opacity: 0.85;
  }
  .state {
    margin: 0;
    padding: 2rem 1rem;
    color: var(--_muted);
    text-align: center;
    font-size: 0.9rem;
  }
  .banner {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    padding: 0.5rem 1rem;
    border-block-end: 1px solid var(--_line);
    font-size: 0.82rem;
  }
  .banner:not(.error) {
    background: var(--_hover);
  }
  .banner.error {
    color: var(--_danger);
  }
  .banner .text-button {
    margin-inline-start: auto;
  }
  .sentinel {
    height: 1px;
  }
  .prefs {
    margin: 0;
    padding: 0.5rem 1rem 1rem;
    list-style: none;
  }
  .prefs li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    padding: 0.6rem 0;
    border-block-end: 1px solid var(--_line);
  }
  .prefs label {
    display: flex;
    flex: 1;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    font-size: 0.9rem;
  }
  .prefs input {
    width: 1.1rem;
    height: 1.1rem;
    accent-color: var(--_accent);
  }
  .hint {
    margin: 0;
    padding: 0 1rem;
    color: var(--_muted);
    font-size: 0.82rem;
  }
`;
