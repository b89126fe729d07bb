import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { type CardSnapshot, setPosition } from '../../../shared/board';
import { appContext, type AppServices } from '../../app/app-context';
import { sharedStyles } from '../../styles/shared-styles';
import type { BoardScope } from '../board-view/board-context';
import { styleProps } from '../board-view/style-props';

const STEP = 16;
const SIZE = { width: 1200, height: 800 };

/**
 * The same cards on a free canvas. A drag moves through awareness (everyone sees it move)
 * and writes the board once, on drop; arrow keys move a focused card (Shift: further).
 *
 * @fires card-select - `{ cardId, drag }` while she drags, for awareness.
 */
@customElement('mutua-board-canvas')
export class BoardCanvas extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .surface {
        position: relative;
        overflow: auto;
        height: min(70vh, 40rem);
        border: 1px solid var(--mutua-line);
        border-radius: var(--mutua-radius);
        background: #f7f1ee;
      }
      .space {
        position: relative;
      }
      .note {
        position: absolute;
        width: 11rem;
        min-height: 44px;
        box-sizing: border-box;
        padding: 0.5rem;
        background: #fff;
        border: 1px solid var(--mutua-line);
        border-left: 5px solid var(--mutua-plum);
        border-radius: 8px;
        cursor: grab;
        touch-action: none;
        overflow-wrap: anywhere;
        user-select: none;
      }
      .note.moving {
        box-shadow: 0 4px 12px rgb(0 0 0 / 25%);
        cursor: grabbing;
      }
      .note.remote {
        outline: 3px dashed var(--mutua-focus);
      }
      .kind {
        display: block;
        font-size: 0.8rem;
        color: var(--mutua-muted);
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property({ attribute: false }) scope!: BoardScope;
  @state() private dragging: {
    cardId: string;
    x: number;
    y: number;
    dx: number;
    dy: number;
  } | null = null;

  private announce(cardId: string | null, drag: { cardId: string; x: number; y: number } | null) {
    this.dispatchEvent(
      new CustomEvent('card-select', { detail: { cardId, drag }, bubbles: true, composed: true }),
    );
  }

  private onPointerDown(e: PointerEvent, card: CardSnapshot) {
    if (this.scope.readOnly) return;
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    const at = this.place(card);
    this.dragging = {
      cardId: card.id,
      x: at.x,
      y: at.y,
      dx: e.clientX - at.x,
      dy: e.clientY - at.y,
    };
  }

  private onPointerMove(e: PointerEvent) {
    const d = this.dragging;
    if (!d) return;
    const x = Math.max(0, Math.min(SIZE.width, e.clientX - d.dx));
    const y = Math.max(0, Math.min(SIZE.height, e.clientY - d.dy));
    this.dragging = { ...d, x, y };
    this.announce(d.cardId, { cardId: d.cardId, x, y });
  }

  private onPointerUp() {
    const d = this.dragging;
    if (!d) return;
    this.dragging = null;
    setPosition(this.scope.doc, d.cardId, d.x, d.y, this.scope.origin);
    this.announce(d.cardId, null);
  }

  private onKey(e: KeyboardEvent, card: CardSnapshot) {
    if (this.scope.readOnly) return;
    const step = e.shiftKey ? STEP * 4 : STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const at = this.place(card);
    const x = Math.max(0, Math.min(SIZE.width, at.x + move[0]));
    const y = Math.max(0, Math.min(SIZE.height, at.y + move[1]));
    setPosition(this.scope.doc, card.id, x, y, this.scope.origin);
  }

  /** Where a card shows: her own drag, else someone else's drag, else where it was dropped. */
  private place(card: CardSnapshot) {
    if (this.dragging?.cardId === card.id)
      return { x: this.dragging.x, y: this.dragging.y, remote: false };
    const peer = this.scope.peers.find((p) => p.drag?.cardId === card.id);
    if (peer?.drag) return { x: peer.drag.x, y: peer.drag.y, remote: true };
    if (card.x !== 0 || card.y !== 0) return { x: card.x, y: card.y, remote: false };
    // Never placed yet: where its lane would put it.
    const lanes = this.scope.board.lanes;
    const column = lanes.findIndex((l) => l.cardIds.includes(card.id));
    const row = lanes[column]?.cardIds.indexOf(card.id) ?? 0;
    return { x: 8 + Math.max(0, column) * 190, y: 8 + row * 96, remote: false };
  }

  override render() {
    const { t } = this.services;
    const cards = Object.values(this.scope.board.cards);
    return html`<p class="muted">${t('board.canvas.help')}</p>
      <div class="surface">
        <div
          class="space"
          ${styleProps({ width: `${SIZE.width + 200}px`, height: `${SIZE.height + 120}px` })}
        >
          ${repeat(
            cards,
            (c) => c.id,
            (card) => {
              const at = this.place(card);
              const kind = t(`board.kind.${card.kind}`);
              return html`<div
                class="note ${this.dragging?.cardId === card.id ? 'moving' : ''} ${at.remote ? 'remote' : ''}"
                role="group"
                tabindex="0"
                aria-label=${t('board.canvas.card', { kind, text: card.text || t('board.card.untitled') })}
                ${styleProps({ left: `${at.x}px`, top: `${at.y}px` })}
                @pointerdown=${(e: PointerEvent) => this.onPointerDown(e, card)}
                @pointermove=${this.onPointerMove}
                @pointerup=${this.onPointerUp}
                @pointercancel=${this.onPointerUp}
                @keydown=${(e: KeyboardEvent) => this.onKey(e, card)}
                @focus=${() => this.announce(card.id, null)}
              >
                <span class="kind">${kind}</span><span lang=${card.lang}>${card.text}</span>
              </div>`;
            },
          )}
        </div>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-board-canvas': BoardCanvas;
  }
}
