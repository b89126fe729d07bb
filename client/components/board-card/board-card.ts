import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type * as Y from 'yjs';
import {
  type LaneId,
  cardText,
  deleteCard as removeCard,
  editText,
  moveCard,
} from '../../../shared/board';
import { appContext, type AppServices } from '../../app/app-context';
import { type BoardScope, laneTitle, nameOf } from '../board-view/board-context';
import { styleProps } from '../board-view/style-props';
import { boardCardStyles } from './board-card.styles';
import { renderCardMeta } from './card-meta';
import { applyDelta, keepCaret } from './keep-caret';

/**
 * One card: its text co-edited character by character, and every action on it reachable by
 * keyboard (move up, down, to another lane; status; links; delete).
 *
 * @fires card-select - `{ cardId }` on focus in, `{ cardId: null }` on focus out.
 * @fires card-deleted - after she deleted it, for the live region.
 */
@customElement('mutua-board-card')
export class BoardCard extends LitElement {
  static override styles = boardCardStyles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property({ attribute: false }) scope!: BoardScope;
  @property({ attribute: false }) cardId = '';
  @property({ attribute: false }) lane!: LaneId;
  @property({ attribute: false }) index = 0;
  @property({ attribute: false }) count = 1;
  @query('textarea') private textarea?: HTMLTextAreaElement;

  override connectedCallback() {
    super.connectedCallback();
    // A moved card is disconnected and connected again: updated() binds its text anew.
    this.requestUpdate();
    this.addEventListener('focusin', this.onFocusIn);
    this.addEventListener('focusout', this.onFocusOut);
  }

  override disconnectedCallback() {
    this.observed?.unobserve(this.onText);
    this.observed = null;
    this.removeEventListener('focusin', this.onFocusIn);
    this.removeEventListener('focusout', this.onFocusOut);
    super.disconnectedCallback();
  }

  private readonly onFocusIn = () => this.select(this.cardId);
  private readonly onFocusOut = (e: FocusEvent) => {
    if (!this.contains(e.relatedTarget as Node | null)) this.select(null);
  };

  private select(cardId: string | null) {
    this.dispatchEvent(
      new CustomEvent('card-select', { detail: { cardId }, bubbles: true, composed: true }),
    );
  }

  private observed: Y.Text | null = null;

  /**
   * Remote edits land in the text box as they arrive, as the exact change Yjs reports, so
   * the box always shows the Y.Text and her next keystroke is diffed against the truth.
   */
  private readonly onText = (event: Y.YTextEvent) => {
    const area = this.textarea;
    const text = event.target.toString();
    if (!area || area.value === text) return;
    if (!applyDelta(area, event.delta, text)) keepCaret(area, text);
  };

  protected override updated() {
    const text = this.scope.readOnly ? null : cardText(this.scope.doc, this.cardId);
    if (text === this.observed) return;
    this.observed?.unobserve(this.onText);
    this.observed = text;
    text?.observe(this.onText);
    const area = this.textarea;
    if (area && text && area.value !== text.toString()) keepCaret(area, text.toString());
  }

  private onInput(e: Event) {
    const area = e.target as HTMLTextAreaElement;
    const { doc, origin } = this.scope;
    editText(doc, this.cardId, area.value, origin, area.selectionEnd);
  }

  private get card() {
    return this.scope.board.cards[this.cardId];
  }

  private move(lane: LaneId, index: number) {
    moveCard(this.scope.doc, this.cardId, lane, index, this.scope.origin);
    void this.updateComplete.then(() => this.focus());
  }

  private deleteCard() {
    removeCard(this.scope.doc, this.cardId, this.scope.origin);
    this.dispatchEvent(new CustomEvent('card-deleted', { bubbles: true, composed: true }));
  }

  private renderActions() {
    const { t } = this.services;
    const { board } = this.scope;
    return html`<div class="actions">
      <button
        class="secondary icon"
        aria-label=${t('board.card.moveUp')}
        ?disabled=${this.index === 0}
        @click=${() => this.move(this.lane, this.index - 1)}
      >
        ↑
      </button>
      <button
        class="secondary icon"
        aria-label=${t('board.card.moveDown')}
        ?disabled=${this.index >= this.count - 1}
        @click=${() => this.move(this.lane, this.index + 2)}
      >
        ↓
      </button>
      <label class="move"
        >${t('board.card.moveTo')}
        <select
          @change=${(e: Event) => this.move((e.target as HTMLSelectElement).value as LaneId, Number.MAX_SAFE_INTEGER)}
        >
          ${board.lanes.map((l) => html`<option value=${l.id} ?selected=${l.id === this.lane}>${laneTitle(this.scope, l.id, t)}</option>`)}
        </select></label
      >
      <button class="secondary danger" @click=${this.deleteCard}>${t('board.card.delete')}</button>
    </div>`;
  }

  override render() {
    const card = this.card;
    if (!card) return nothing;
    const { t } = this.services;
    const kind = t(`board.kind.${card.kind}`);
    const here = this.scope.peers.filter((p) => p.selected === card.id);
    return html`<article
      class="card ${card.colour} ${card.kind === 'goal' ? card.status : ''} ${here.length ? 'shared' : ''}"
      aria-label=${`${kind} · ${t('board.card.position', { index: String(this.index + 1), count: String(this.count) })}`}
    >
      ${here.map((p) => html`<span class="peer" ${styleProps({ background: p.color })}>${t('board.card.here', { name: p.name })}</span>`)}
      ${
        this.scope.readOnly
          ? html`<p class="text" lang=${card.lang}>${card.text || t('board.card.untitled')}</p>`
          : html`<textarea
              lang=${card.lang}
              rows="2"
              aria-label=${t('board.card.text', { kind })}
              .value=${live(cardText(this.scope.doc, card.id)?.toString() ?? '')}
              @input=${this.onInput}
            ></textarea>`
      }
      <p class="by muted">${t('board.card.by', { name: nameOf(this.scope, card.author, t) })}</p>
      ${renderCardMeta(this.card!, this.scope, this.services.t)}
      ${this.scope.readOnly ? nothing : this.renderActions()}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-board-card': BoardCard;
  }
}
