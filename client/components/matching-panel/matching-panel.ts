import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { matchingRoutes } from '../../../shared/api';
import {
  PAIR_KIND_NAMES,
  type CircleSuggestionsView,
  type MatchingSettings,
  type PairSuggestionsView,
} from '../../../shared/schemas/matching';
import { call } from '../../app/api-client';
import { appContext, type AppServices } from '../../app/app-context';
import { describeFailure } from '../../app/form-state';
import { sharedStyles } from '../../styles/shared-styles';

type Pair = PairSuggestionsView['pairs'][number];
const key = (pair: Pair) => `${pair.a.userId}:${pair.b.userId}`;

/**
 * Suggested pairs and circles for a program, with their reasons. The facilitator locks or
 * excludes pairs, runs again with her choices kept, and publishes the ones she wants.
 * @fires published when rooms were created
 */
@customElement('mutua-matching-panel')
export class MatchingPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ol {
        padding: 0;
        list-style: none;
        display: grid;
        gap: 0.75rem;
      }
      .pair {
        border: 1px solid var(--mutua-line);
        border-radius: var(--mutua-radius);
        padding: 0.75rem;
      }
      .pair h4 {
        margin: 0 0 0.25rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property() programId = '';
  @state() private pairs: PairSuggestionsView | null = null;
  @state() private circles: CircleSuggestionsView | null = null;
  @state() private settings: MatchingSettings = { kindWeights: {}, excluded: [], locked: [] };
  @state() private chosen = new Set<string>();
  @state() private message: { text: string; alert: boolean } | null = null;
  @state() private busy = false;

  private async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.message = null;
    try {
      return await work();
    } catch (err) {
      this.message = { text: describeFailure(err, this.services).message, alert: true };
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private suggestPairs = () =>
    this.run(async () => {
      const params = { programId: this.programId };
      this.settings = await call(matchingRoutes.getSettings, { params });
      this.pairs = await call(matchingRoutes.suggestPairs, { params });
      this.chosen = new Set(this.pairs.pairs.map(key));
    });

  private suggestCircles = () =>
    this.run(async () => {
      this.circles = await call(matchingRoutes.suggestCircles, {
        params: { programId: this.programId },
        body: { minSize: 3, maxSize: 6 },
      });
    });

  private async saveAndRerun(settings: MatchingSettings) {
    await this.run(() =>
      call(matchingRoutes.putSettings, { params: { programId: this.programId }, body: settings }),
    );
    await this.suggestPairs();
  }

  private lock(pair: Pair) {
    const ids: [string, string] = [pair.a.userId, pair.b.userId];
    const locked = pair.locked
      ? this.settings.locked.filter(
          ([a, b]) => !(a === ids[0] && b === ids[1]) && !(a === ids[1] && b === ids[0]),
        )
      : [...this.settings.locked, ids];
    void this.saveAndRerun({ ...this.settings, locked });
  }

  private exclude(pair: Pair) {
    const locked = this.settings.locked.filter(
      ([a, b]) =>
        !(a === pair.a.userId && b === pair.b.userId) &&
        !(a === pair.b.userId && b === pair.a.userId),
    );
    void this.saveAndRerun({
      ...this.settings,
      locked,
      excluded: [...this.settings.excluded, [pair.a.userId, pair.b.userId]],
    });
  }

  private setWeight(kind: (typeof PAIR_KIND_NAMES)[number], value: number) {
    void this.saveAndRerun({
      ...this.settings,
      kindWeights: { ...this.settings.kindWeights, [kind]: value },
    });
  }

  private toggle(pair: Pair, on: boolean) {
    const next = new Set(this.chosen);
    if (on) next.add(key(pair));
    else next.delete(key(pair));
    this.chosen = next;
  }

  private async publish(circles: boolean) {
    const body = circles
      ? { circles: (this.circles?.circles ?? []).map((c) => c.members.map((m) => m.userId)) }
      : {
          pairs: (this.pairs?.pairs ?? [])
            .filter((p) => this.chosen.has(key(p)))
            .map((p) => [p.a.userId, p.b.userId] as [string, string]),
        };
    const result = await this.run(() =>
      call(matchingRoutes.publish, { params: { programId: this.programId }, body }),
    );
    if (!result) return;
    this.message = {
      text: this.services.t('matching.published', { count: String(result.rooms.length) }),
      alert: false,
    };
    if (circles) this.circles = null;
    else this.pairs = null;
    this.dispatchEvent(new CustomEvent('published', { bubbles: true, composed: true }));
  }

  private renderPair(pair: Pair) {
    const { t } = this.services;
    return html`<li class="pair">
      <label class="check">
        <input
          type="checkbox"
          .checked=${this.chosen.has(key(pair))}
          @change=${(e: Event) => this.toggle(pair, (e.target as HTMLInputElement).checked)}
        />
        <h4>${pair.a.displayName} & ${pair.b.displayName}</h4>
      </label>
      <p class="muted">
        ${t(`matching.kind.${pair.kind}`)} ·
        ${t('matching.score', { score: String(pair.score) })}${pair.locked ? html` · ${t('matching.locked')}` : nothing}
      </p>
      <ul>
        ${pair.reasons.map((r) => html`<li>${r}</li>`)}
      </ul>
      <div class="actions">
        <button class="secondary" ?disabled=${this.busy} @click=${() => this.lock(pair)}>
          ${t(pair.locked ? 'matching.unlock' : 'matching.lock')}
        </button>
        <button class="secondary" ?disabled=${this.busy} @click=${() => this.exclude(pair)}>
          ${t('matching.exclude')}
        </button>
      </div>
    </li>`;
  }

  private renderPeople(
    titleKey: 'matching.unmatched' | 'matching.incomplete' | 'matching.unplaced',
    list: { displayName: string; why?: string[] }[],
  ) {
    if (!list.length) return nothing;
    const { t } = this.services;
    return html`<h4>${t(titleKey)}</h4>
      <ul>
        ${list.map((p) => html`<li>${p.displayName}${p.why?.length ? html` — ${p.why.map((w) => t(`matching.why.${w}` as 'matching.why.excluded')).join(', ')}` : nothing}</li>`)}
      </ul>`;
  }

  override render() {
    const { t } = this.services;
    return html`<section class="card" aria-labelledby="matching-heading">
      <h2 id="matching-heading">${t('matching.title')}</h2>
      <p class="muted">${t('matching.intro')}</p>
      ${this.message ? html`<p role=${this.message.alert ? 'alert' : 'status'} class=${this.message.alert ? 'alert' : ''}>${this.message.text}</p>` : nothing}
      <fieldset>
        <legend>${t('matching.kinds')}</legend>
        <div class="choices">
          ${PAIR_KIND_NAMES.map(
            (kind) =>
              html`<label
                >${t(`matching.kind.${kind}`)}
                <select
                  @change=${(e: Event) => this.setWeight(kind, Number((e.target as HTMLSelectElement).value))}
                >
                  ${[10, 0, -10].map((v) => html`<option value=${v} ?selected=${(this.settings.kindWeights[kind] ?? 0) === v}>${t(v > 0 ? 'matching.prefer' : v < 0 ? 'matching.avoid' : 'matching.neutral')}</option>`)}
                </select></label
              >`,
          )}
        </div>
      </fieldset>
      <div class="actions">
        <button ?disabled=${this.busy} @click=${this.suggestPairs}>
          ${t('matching.suggestPairs')}
        </button>
        <button class="secondary" ?disabled=${this.busy} @click=${this.suggestCircles}>
          ${t('matching.suggestCircles')}
        </button>
      </div>
      ${
        this.pairs
          ? html`<h3>${t('matching.pairs')}</h3>
              ${
                this.pairs.pairs.length
                  ? html`<ol>
                      ${this.pairs.pairs.map((p) => this.renderPair(p))}
                    </ol>`
                  : html`<p class="muted">${t('matching.none')}</p>`
              }
              ${this.renderPeople('matching.unmatched', this.pairs.unmatched)}
              ${this.renderPeople('matching.incomplete', this.pairs.incomplete)}
              <button
                ?disabled=${this.busy || this.chosen.size === 0}
                @click=${() => this.publish(false)}
              >
                ${t('matching.publishPairs')}
              </button>`
          : nothing
      }
      ${
        this.circles
          ? html`<h3>${t('matching.circles')}</h3>
              <ol>
                ${this.circles.circles.map(
                  (c) =>
                    html`<li class="pair">
                      <h4>${c.members.map((m) => m.displayName).join(', ')}</h4>
                      <p class="muted">
                        ${t('matching.circleFacts', { languages: c.languages.join(', '), hours: String(Math.round(c.commonMinutes / 60)) })}
                      </p>
                    </li>`,
                )}
              </ol>
              ${this.renderPeople('matching.unplaced', this.circles.unplaced)}
              <button
                ?disabled=${this.busy || this.circles.circles.length === 0}
                @click=${() => this.publish(true)}
              >
                ${t('matching.publishCircles')}
              </button>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-matching-panel': MatchingPanel;
  }
}
