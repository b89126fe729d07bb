import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import * as Y from 'yjs';
import { initBoard, laneIds, readBoard, roots, type BoardSnapshot } from '../../../shared/board';
import type { Me } from '../../../shared/schemas/auth';
import type { Room } from '../../../shared/schemas/rooms';
import { appContext, type AppServices } from '../../app/app-context';
import { BoardConnection } from '../../controllers/board-connection';
import type { MessageKey } from '../../i18n/i18n';
import '../board-history/board-history';
import '../board-lanes/board-lanes';
import type { BoardScope, LocalAwareness, Peer } from './board-context';
import { boardViewStyles } from './board-view.styles';

type View = 'lanes' | 'list' | 'canvas' | 'history';

const SYNC_LABEL: Record<BoardConnection['state'], MessageKey> = {
  connecting: 'board.sync.connecting',
  saved: 'board.sync.saved',
  saving: 'board.sync.saving',
  'not-saved': 'board.sync.notSaved',
  offline: 'board.sync.offline',
  'read-only': 'board.sync.readOnly',
  withdrawn: 'board.sync.withdrawn',
  archived: 'board.sync.archived',
  full: 'board.sync.full',
  failed: 'board.sync.failed',
};

/** The live board: connection, undo of her own changes, the views and the sync indicator. */
@customElement('mutua-board-view')
export class BoardView extends LitElement {
  static override styles = boardViewStyles;

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property({ attribute: false }) boardId = '';
  @property({ attribute: false }) readOnly = true;
  @property({ attribute: false }) kind: Room['kind'] = 'pair';
  @property({ attribute: false }) members: Room['members'] = [];
  @property({ attribute: false }) me!: Me;

  @state() private view: View = matchMedia('(max-width: 40rem)').matches ? 'list' : 'lanes';
  @state() private board: BoardSnapshot | null = null;
  @state() private peers: Peer[] = [];
  @state() private canvasLoaded = false;

  private connection!: BoardConnection;
  private undo!: Y.UndoManager;
  private readonly origin = { person: 'me' };
  private frame = 0;

  /** Goal lanes in this order: hers first, then the others of the room. */
  private get owners() {
    const participants = this.members.filter((m) => m.role === 'participant').map((m) => m.userId);
    const others = participants.filter((id) => id !== this.me.id);
    return participants.includes(this.me.id) ? [this.me.id, ...others] : others;
  }

  override connectedCallback() {
    this.connection ??= new BoardConnection(this, {
      boardId: this.boardId,
      readOnly: this.readOnly,
      sharedDevice: this.me.sharedDevice,
    });
    const { doc } = this.connection;
    this.undo ??= new Y.UndoManager([roots.cards(doc)], { trackedOrigins: new Set([this.origin]) });
    super.connectedCallback();
    doc.on('afterTransaction', this.schedule);
    this.connection.provider?.on('sync', this.onSync);
    this.connection.awareness?.on('change', this.onAwareness);
    this.connection.awareness?.setLocalState({
      selected: null,
      drag: null,
    } satisfies LocalAwareness);
    void this.connection.whenCached().then(this.schedule);
    this.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback() {
    this.connection.doc.off('afterTransaction', this.schedule);
    this.removeEventListener('keydown', this.onKey);
    cancelAnimationFrame(this.frame);
    super.disconnectedCallback();
  }

  private readonly onSync = (synced: boolean) => {
    if (synced && !this.readOnly) {
      initBoard(
        this.connection.doc,
        { title: '', kind: this.kind, owners: this.owners },
        this.origin,
      );
      this.undo.clear();
    }
  };

  private readonly schedule = () => {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      const { doc } = this.connection;
      for (const lane of laneIds(doc, this.owners)) this.undo.addToScope(roots.lane(doc, lane));
      this.board = readBoard(doc, this.owners);
    });
  };

  private readonly onAwareness = () => {
    const awareness = this.connection.awareness;
    if (!awareness) return;
    const peers: Peer[] = [];
    awareness.getStates().forEach((value, clientId) => {
      if (clientId === awareness.clientID) return;
      const s = value as Partial<LocalAwareness> & { user?: { name?: string; color?: string } };
      peers.push({
        clientId,
        name: s.user?.name ?? '',
        color: s.user?.color ?? '#5c5358',
        selected: s.selected ?? null,
        drag: s.drag ?? null,
      });
    });
    this.peers = peers;
  };

  private readonly onKey = (e: KeyboardEvent) => {
    if (this.readOnly || !(e.ctrlKey || e.metaKey)) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) this.undo.undo();
    else if ((key === 'z' && e.shiftKey) || key === 'y') this.undo.redo();
    else return;
    e.preventDefault();
  };

  private onSelect(e: CustomEvent<{ cardId: string | null; drag?: LocalAwareness['drag'] }>) {
    const awareness = this.connection.awareness;
    awareness?.setLocalState({
      selected: e.detail.cardId,
      drag: e.detail.drag ?? null,
    } satisfies LocalAwareness);
  }

  private async show(view: View) {
    this.view = view;
    if (view === 'canvas' && !this.canvasLoaded) {
      await import('../board-canvas/board-canvas');
      this.canvasLoaded = true;
    }
  }

  private renderSync() {
    const { t } = this.services;
    const { state, pending } = this.connection;
    const key = state === 'offline' && pending === 0 ? 'board.sync.offlineNone' : SYNC_LABEL[state];
    const alert =
      state === 'withdrawn' ||
      state === 'archived' ||
      state === 'full' ||
      state === 'failed' ||
      state === 'not-saved';
    return html`<p class="sync ${state}" role=${alert ? 'alert' : 'status'} data-state=${state}>
      ${t(key, { count: String(pending) })}
    </p>`;
  }

  private renderTabs() {
    const { t } = this.services;
    const views: View[] = ['lanes', 'list', 'canvas', 'history'];
    return html`<div class="views" role="group" aria-label=${t('board.views')}>
      ${views.map(
        (v) =>
          html`<button
            class="secondary"
            aria-pressed=${this.view === v ? 'true' : 'false'}
            @click=${() => void this.show(v)}
          >
            ${t(`board.view.${v}`)}
          </button>`,
      )}
    </div>`;
  }

  private renderBody(scope: BoardScope) {
    const { t } = this.services;
    switch (this.view) {
      case 'lanes':
      case 'list':
        return html`<mutua-board-lanes
          .scope=${scope}
          .layout=${this.view}
          @card-select=${this.onSelect}
        ></mutua-board-lanes>`;
      case 'canvas':
        return this.canvasLoaded
          ? html`<mutua-board-canvas
              .scope=${scope}
              @card-select=${this.onSelect}
            ></mutua-board-canvas>`
          : html`<p role="status">${t('board.canvas.loading')}</p>`;
      case 'history':
        return html`<mutua-board-history
          .boardId=${this.boardId}
          .scope=${scope}
        ></mutua-board-history>`;
      default: {
        const unreachable: never = this.view;
        return unreachable;
      }
    }
  }

  override render() {
    const { t } = this.services;
    const scope: BoardScope | null = this.board && {
      doc: this.connection.doc,
      board: this.board,
      origin: this.origin,
      readOnly: this.readOnly || this.connection.state === 'withdrawn',
      me: this.me,
      members: this.members,
      peers: this.peers,
    };
    return html`
      <section aria-labelledby="board-title">
        <div class="bar">
          <h2 id="board-title">${t('board.title')}</h2>
          ${this.renderSync()}
          ${
            this.readOnly
              ? nothing
              : html`<div class="undo">
                  <button class="secondary" @click=${() => this.undo.undo()}>
                    ${t('board.undo')}
                  </button>
                  <button class="secondary" @click=${() => this.undo.redo()}>
                    ${t('board.redo')}
                  </button>
                </div>`
          }
        </div>
        ${this.renderTabs()}
        ${scope ? this.renderBody(scope) : html`<p role="status">${t('board.loading')}</p>`}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-board-view': BoardView;
  }
}
