import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { addCard, type LaneSnapshot } from '../../../shared/board';
import { appContext, type AppServices } from '../../app/app-context';
import '../board-card/board-card';
import { type BoardScope, laneTitle } from '../board-view/board-context';
import { boardLanesStyles } from './board-lanes.styles';

/**
 * The board as lanes side by side (a pair's two goal lanes first: reciprocity in the
 * layout) or as one list, which is complete with the keyboard and a screen reader alone.
 * Both stack to one column on a phone.
 *
 * @fires card-select - `{ cardId }` when a card gets or loses focus, for awareness.
 */
@customElement('mutua-board-lanes')
export class BoardLanes extends LitElement {
  static override styles = boardLanesStyles;

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property({ attribute: false }) scope!: BoardScope;
  @property({ reflect: true }) layout: 'lanes' | 'list' = 'lanes';
  @state() private announcement = '';

  private add(lane: LaneSnapshot) {
    const { doc, me, origin } = this.scope;
    const id = addCard(
      doc,
      { kind: lane.kind, owner: lane.owner, author: me.id, lang: this.services.locale },
      origin,
    );
    // Her new card's text box takes the focus once it renders.
    void this.updateComplete.then(() =>
      requestAnimationFrame(() =>
        this.renderRoot.querySelector<HTMLElement>(`mutua-board-card[data-card="${id}"]`)?.focus(),
      ),
    );
  }

  private onDeleted() {
    this.announcement = this.services.t('board.card.deleted');
  }

  private renderLane(lane: LaneSnapshot) {
    const { t } = this.services;
    const title = laneTitle(this.scope, lane.id, t);
    const headingId = `lane-${lane.id.replace(/[^\w-]/g, '_')}`;
    return html`<section class="lane ${lane.kind}" aria-labelledby=${headingId}>
      <h3 id=${headingId}>${title}</h3>
      ${lane.cardIds.length === 0 ? html`<p class="muted">${t('board.lane.empty')}</p>` : ''}
      <ol>
        ${repeat(
          lane.cardIds,
          (id) => id,
          (id, index) =>
            html`<li>
              <mutua-board-card
                data-card=${id}
                .scope=${this.scope}
                .cardId=${id}
                .lane=${lane.id}
                .index=${index}
                .count=${lane.cardIds.length}
                @card-deleted=${this.onDeleted}
              ></mutua-board-card>
            </li>`,
        )}
      </ol>
      ${
        this.scope.readOnly
          ? ''
          : html`<button class="secondary add" @click=${() => this.add(lane)}>
              ${t(`board.add.${lane.kind}`)}
            </button>`
      }
    </section>`;
  }

  override render() {
    const { lanes } = this.scope.board;
    const goals = lanes.filter((l) => l.kind === 'goal');
    const shared = lanes.filter((l) => l.kind !== 'goal');
    return html`
      <div class="goals">${goals.map((l) => this.renderLane(l))}</div>
      <div class="shared">${shared.map((l) => this.renderLane(l))}</div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-board-lanes': BoardLanes;
  }
}
