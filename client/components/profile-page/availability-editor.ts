import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ProfileInput } from '../../../shared/schemas/profile';
import { appContext, type AppServices } from '../../app/app-context';
import { sharedStyles } from '../../styles/shared-styles';

type Window = ProfileInput['availability'][number];

/** Weekly windows when she can meet, in her own time zone. */
@customElement('mutua-availability-editor')
export class AvailabilityEditor extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ol {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property({ attribute: false }) windows: Window[] = [];

  private dayNames() {
    // 2023-01-01 was a Sunday: day 0, as in the profile schema.
    const format = new Intl.DateTimeFormat(this.services.locale, {
      weekday: 'long',
      timeZone: 'UTC',
    });
    return Array.from({ length: 7 }, (_, d) => format.format(Date.UTC(2023, 0, 1 + d)));
  }

  private change(index: number, change: Partial<Window>) {
    this.windows = this.windows.map((w, i) => (i === index ? { ...w, ...change } : w));
  }

  override render() {
    const { t } = this.services;
    const days = this.dayNames();
    return html`<fieldset>
      <legend>${t('profile.availability')}</legend>
      <p class="muted">${t('profile.availabilityHint')}</p>
      <ol>
        ${this.windows.map(
          (w, i) =>
            html`<li class="row">
              <label
                >${t('profile.day')}
                <select
                  @change=${(e: Event) => this.change(i, { day: Number((e.target as HTMLSelectElement).value) })}
                >
                  ${days.map((name, d) => html`<option value=${d} ?selected=${d === w.day}>${name}</option>`)}
                </select>
              </label>
              <label
                >${t('profile.from')}
                <input
                  type="time"
                  .value=${w.start}
                  @change=${(e: Event) => this.change(i, { start: (e.target as HTMLInputElement).value })}
              /></label>
              <label
                >${t('profile.to')}
                <input
                  type="time"
                  .value=${w.end}
                  @change=${(e: Event) => this.change(i, { end: (e.target as HTMLInputElement).value })}
              /></label>
              <button
                type="button"
                class="secondary"
                @click=${() => (this.windows = this.windows.filter((_, j) => j !== i))}
              >
                ${t('profile.removeWindow')}
              </button>
            </li>`,
        )}
      </ol>
      <button
        type="button"
        class="secondary"
        @click=${() => (this.windows = [...this.windows, { day: 1, start: '18:00', end: '20:00' }])}
      >
        ${t('profile.addWindow')}
      </button>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-availability-editor': AvailabilityEditor;
  }
}
