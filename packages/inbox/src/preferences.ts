/** The preferences view: one switch per category; critical ones are shown on and cannot be turned off. */
import { html } from "lit";
import type { EdgeNotifyInbox } from "./element.js";

export function renderPreferences(host: EdgeNotifyInbox) {
  const t = host.text;
  const preferences = host._state?.preferences;
  if (!preferences) return html`<div class="body" part="body"><p class="state" role="status">${t.loading}</p></div>`;
  const names = Object.keys(preferences.categories).sort();
  return html`<div class="body" part="body preferences">
    <p class="hint">${t.preferencesHint}</p>
    ${
      names.length === 0
        ? html`<p class="state" role="status">${t.noPreferences}</p>`
        : html`<ul class="prefs" part="preferences-list">
          ${names.map((name) => {
            const choice = preferences.categories[name] as { enabled: boolean; critical: boolean };
            return html`<li part="preference">
              <label>
                <span>${t.category(name)}${choice.critical ? html` <small>(${t.alwaysOn})</small>` : ""}</span>
                <input
                  type="checkbox"
                  role="switch"
                  .checked=${choice.enabled || choice.critical}
                  ?disabled=${choice.critical}
                  @change=${(event: Event) =>
                    void host.inboxStore
                      ?.setPreference(name, (event.target as HTMLInputElement).checked)
                      .catch(() => {})}
                />
              </label>
            </li>`;
          })}
        </ul>`
    }
  </div>`;
}
