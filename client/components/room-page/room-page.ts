import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { roomRoutes } from '../../../shared/api';
import type { Room } from '../../../shared/schemas/rooms';
import { call } from '../../app/api-client';
import { appContext, type AppServices } from '../../app/app-context';
import { sharedStyles } from '../../styles/shared-styles';
import { renderTask } from '../page-state/page-state';
import '../live-room/live-room';
import '../board/board';

/** A pair room or a circle: who is in it, and its board. */
@customElement('mutua-room-page')
export class RoomPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .room-head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: baseline;
        justify-content: space-between;
      }
      .members {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
      }
      .members li {
        border: 1px solid var(--mutua-line);
        border-radius: 999px;
        padding: 0.1rem 0.7rem;
        background: var(--mutua-card);
      }
      .notice {
        border-left: 4px solid var(--mutua-saffron);
        background: #fff8ee;
        padding: 0.5rem 0.8rem;
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property() roomId = '';

  private readonly room = new Task(this, {
    task: ([roomId]) => call(roomRoutes.getRoom, { params: { roomId: roomId! } }),
    args: () => [this.roomId] as const,
  });

  override connectedCallback() {
    super.connectedCallback();
    // Fetch the board's code while the room itself loads: on slow links this saves a round trip.
    void import('../board-view/board-view');
  }

  private async setShared(room: Room, shared: boolean) {
    await call(roomRoutes.shareRoom, { params: { roomId: room.id }, body: { shared } });
    await this.room.run();
  }

  private renderShare(room: Room) {
    const { t, me } = this.services;
    const iAmParticipant = room.members.some(
      (m) => m.userId === me?.id && m.role === 'participant',
    );
    if (room.kind !== 'pair' || !iAmParticipant || room.archived) return nothing;
    return html`<label class="check">
      <input
        type="checkbox"
        .checked=${room.sharedWithFacilitators}
        @change=${(e: Event) => this.setShared(room, (e.target as HTMLInputElement).checked)}
      />
      <span>${t('room.share')}</span>
    </label>`;
  }

  private isLiveMember(room: Room) {
    return !room.archived && room.members.some((m) => m.userId === this.services.me?.id);
  }

  private renderBoard(room: Room) {
    if (!room.boardId || !room.boardAccess || !this.services.me) return nothing;
    return html`<mutua-board
      .boardId=${room.boardId}
      .access=${room.boardAccess}
      .kind=${room.kind}
      .members=${room.members}
      .me=${this.services.me}
    ></mutua-board>`;
  }

  override render() {
    const { t } = this.services;
    return renderTask(
      this.room,
      this.services,
      (room) => html`
        <div class="room-head">
          <h1>${room.title}</h1>
          <span class="muted">${room.programName}</span>
        </div>
        ${room.archived ? html`<p class="notice">${t('room.archivedNotice')}</p>` : nothing}
        ${room.boardId === null ? html`<p class="notice">${t('room.boardPrivate')}</p>` : nothing}
        ${this.renderShare(room)}
        ${
          this.isLiveMember(room)
            ? html`<mutua-live-room .roomId=${room.id} .kind=${room.kind}
                >${this.renderBoard(room)}</mutua-live-room
              >`
            : html`<ul class="members" aria-label=${t('room.members')}>
                  ${room.members.map((m) => html`<li>${m.displayName}</li>`)}
                </ul>
                ${this.renderBoard(room)}`
        }
      `,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-room-page': RoomPage;
  }
}
