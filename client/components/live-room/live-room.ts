import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { appContext, type AppServices } from '../../app/app-context';
import { LiveRoom } from '../../controllers/live-room';
import { sharedStyles } from '../../styles/shared-styles';
import '../presence-bar/presence-bar';
import '../turn-bar/turn-bar';
import '../chat-panel/chat-panel';

/**
 * The live part of a room for its members: who is here, the turns with their timer and
 * balance, and the chat. The board goes in the slot, between turns and chat.
 * @slot - the board
 */
@customElement('mutua-live-room')
export class LiveRoomElement extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .layout {
        display: grid;
        gap: 1rem;
      }
      @media (min-width: 64rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr) 20rem;
          align-items: start;
        }
        .side {
          position: sticky;
          top: 1rem;
        }
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property() roomId = '';
  @property() kind: 'pair' | 'circle' = 'pair';

  readonly room = new LiveRoom(
    this,
    () => this.services.live,
    () => this.roomId,
  );

  override render() {
    const { t } = this.services;
    if (this.room.evicted) return html`<p class="alert" role="alert">${t('room.evicted')}</p>`;
    const members = this.room.snapshot?.members ?? [];
    return html`
      ${this.room.error ? html`<p class="alert" role="alert">${this.room.error}</p>` : nothing}
      <mutua-presence-bar
        .members=${members}
        .presence=${this.room.presence}
        ?degraded=${this.room.degraded}
      ></mutua-presence-bar>
      <div class="layout">
        <div>
          <mutua-turn-bar
            .room=${this.room}
            .session=${this.room.session}
            .members=${members}
            .kind=${this.kind}
          ></mutua-turn-bar>
          <slot></slot>
        </div>
        <div class="side">
          <mutua-chat-panel
            .room=${this.room}
            .messages=${this.room.messages}
            ?hasOlder=${this.room.hasOlder}
          ></mutua-chat-panel>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-live-room': LiveRoomElement;
  }
}
