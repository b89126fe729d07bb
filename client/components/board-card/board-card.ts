import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import {
  GOAL_STATUSES,
  type GoalStatus,
  type LaneId,
  cardText,
  deleteCard as removeCard,
  editText,
  linkLesson,
  moveCard,
  setLearnedFrom,
  setStatus,
} from '../../../shared/board';
import { appContext, type AppServices } from '../../app/app-context';
import { type BoardScope, laneTitle, nameOf } from '../board-view/board-context';
import { boardCardStyles } from './board-card.styles';
import { keepCaret } from './keep-caret';

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
    this.addEventListener('focusin', this.onFocusIn);
    this.addEventListener('focusout', this.onFocusOut);
  }

  override disconnectedCallback() {
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

  /** Remote edits land in the text box without moving her caret off her words. */
  protected override updated() {
    const area = this.textarea;
    const text = cardText(this.scope.doc, this.cardId)?.toString();
    if (area && text !== undefined && area.value !== text) keepCaret(area, text);
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

  private renderMeta() {
    const { t } = this.services;
    const card = this.card!;
    const { doc, origin, board, members, readOnly } = this.scope;
    const goals = Object.values(board.cards).filter((c) => c.kind === 'goal');
    const status =
      card.kind === 'goal'
        ? html`<label
            >${t('board.card.status')}
            <select
              ?disabled=${readOnly}
              @change=${(e: Event) => setStatus(doc, card.id, (e.target as HTMLSelectElement).value as GoalStatus, origin)}
            >
              ${GOAL_STATUSES.map((s) => html`<option value=${s} ?selected=${card.status === s}>${t(`board.status.${s}`)}</option>`)}
            </select></label
          >`
        : nothing;
    const lesson =
      card.kind === 'lesson'
        ? html`<label
              >${t('board.card.learnedFrom')}
              <select
                ?disabled=${readOnly}
                @change=${(e: Event) => setLearnedFrom(doc, card.id, (e.target as HTMLSelectElement).value || null, origin)}
              >
                <option value="" ?selected=${!card.learnedFrom}>${t('board.card.none')}</option>
                ${members.map((m) => html`<option value=${m.userId} ?selected=${card.learnedFrom === m.userId}>${m.displayName}</option>`)}
              </select></label
            >
            <label
              >${t('board.card.forGoal')}
              <select
                ?disabled=${readOnly}
                @change=${(e: Event) => linkLesson(doc, card.id, (e.target as HTMLSelectElement).value || null, origin)}
              >
                <option value="" ?selected=${!card.goalId}>${t('board.card.none')}</option>
                ${goals.map((g) => html`<option value=${g.id} ?selected=${card.goalId === g.id}>${g.text.slice(0, 60) || t('board.card.untitled')}</option>`)}
              </select></label
            >`
        : nothing;
    return html`<div class="meta">${status}${lesson}</div>`;
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
      ${here.map((p) => html`<span class="peer" style=${styleMap({ background: p.color })}>${t('board.card.here', { name: p.name })}</span>`)}
      ${
        this.scope.readOnly
          ? html`<p class="text" lang=${card.lang}>${card.text || t('board.card.untitled')}</p>`
          : html`<textarea
              lang=${card.lang}
              rows="2"
              aria-label=${t('board.card.text', { kind })}
              .value=${cardText(this.scope.doc, card.id)?.toString() ?? ''}
              @input=${(e: Event) => editText(this.scope.doc, card.id, (e.target as HTMLTextAreaElement).value, this.scope.origin)}
            ></textarea>`
      }
      <p class="by muted">${t('board.card.by', { name: nameOf(this.scope, card.author, t) })}</p>
      ${this.renderMeta()} ${this.scope.readOnly ? nothing : this.renderActions()}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-board-card': BoardCard;
  }
}
