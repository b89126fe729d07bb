import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Me } from '../../../shared/schemas/auth';
import type { Room } from '../../../shared/schemas/rooms';
import { appContext, type AppServices } from '../../app/app-context';
import { sharedStyles } from '../../styles/shared-styles';

/**
 * A room's board. This element is small on purpose: the board itself (Yjs, the views, the
 * offline cache) is a separate chunk loaded when the element first shows.
 *
 * @example <mutua-board .boardId=${room.boardId} .access=${room.boardAccess} .kind=${room.kind}
 *   .members=${room.members} .me=${me}></mutua-board>
 */
@customElement('mutua-board')
export class MutuaBoard extends LitElement {
  static override styles = sharedStyles;

  @consume({ context: appContext, subscribe: true }) services!: AppServices;

  /** The board to open; null when she may not open it. */
  @property({ attribute: false }) boardId: string | null = null;
  /** 'write' for members, 'read' for archived rooms and facilitators the pair shared with. */
  @property({ attribute: false }) access: Room['boardAccess'] = null;
  @property({ attribute: false }) kind: Room['kind'] = 'pair';
  @property({ attribute: false }) members: Room['members'] = [];
  @property({ attribute: false }) me: Me | null = null;

  @state() private loaded = false;
  @state() private failed = false;

  override connectedCallback() {
    super.connectedCallback();
    import('../board-view/board-view').then(
      () => (this.loaded = true),
      () => (this.failed = true),
    );
  }

  override render() {
    const { t } = this.services;
    if (!this.boardId || !this.access || !this.me) return nothing;
    if (this.failed) return html`<p class="alert" role="alert">${t('board.sync.failed')}</p>`;
    if (!this.loaded) return html`<p role="status">${t('board.loading')}</p>`;
    return html`<mutua-board-view
      .boardId=${this.boardId}
      .readOnly=${this.access === 'read'}
      .kind=${this.kind}
      .members=${this.members}
      .me=${this.me}
    ></mutua-board-view>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-board': MutuaBoard;
  }
}
