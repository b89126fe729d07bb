import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import * as Y from 'yjs';
import { readBoard } from '../../../shared/board';
import { boardRoutes } from '../../../shared/routes/boards';
import type { BoardSnapshotSummary } from '../../../shared/schemas/boards';
import { call } from '../../app/api-client';
import { appContext, type AppServices } from '../../app/app-context';
import { sharedStyles } from '../../styles/shared-styles';
import '../board-lanes/board-lanes';
import type { BoardScope } from '../board-view/board-context';

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Named snapshots of the board (one per session); any one opens read-only. Export too. */
@customElement('mutua-board-history')
export class BoardHistoryView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      .row,
      form,
      .export {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
        max-width: none;
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property({ attribute: false }) boardId = '';
  @property({ attribute: false }) scope!: BoardScope;
  @state() private snapshots: BoardSnapshotSummary[] | null = null;
  @state() private failed = false;
  @state() private opened: { summary: BoardSnapshotSummary; scope: BoardScope } | null = null;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const list = await call(boardRoutes.listSnapshots, { params: { boardId: this.boardId } });
      this.snapshots = list.snapshots;
      this.failed = false;
    } catch {
      this.failed = true;
    }
  }

  private async open(summary: BoardSnapshotSummary) {
    const content = await call(boardRoutes.getSnapshot, {
      params: { boardId: this.boardId, snapshotId: summary.id },
    });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(content.update));
    const owners = this.scope.board.lanes.flatMap((l) => (l.owner ? [l.owner] : []));
    this.opened = {
      summary,
      scope: { ...this.scope, doc, board: readBoard(doc, owners), readOnly: true, peers: [] },
    };
  }

  private async take(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    if (!name) return;
    await call(boardRoutes.takeSnapshot, {
      params: { boardId: this.boardId },
      body: { name },
    }).catch(() => (this.failed = true));
    form.reset();
    await this.load();
  }

  private async download(format: 'markdown' | 'json') {
    const result = await call(boardRoutes.exportBoard, { params: { boardId: this.boardId } });
    const blob =
      format === 'markdown'
        ? new Blob([result.markdown], { type: 'text/markdown' })
        : new Blob([JSON.stringify(result.board, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${result.filename}.${format === 'markdown' ? 'md' : 'json'}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  override render() {
    const { t, locale } = this.services;
    const date = (ms: number) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
    if (this.opened) {
      const { summary, scope } = this.opened;
      return html`<h3>
          ${t('board.history.viewing', { name: summary.name, date: date(summary.createdAt) })}
        </h3>
        <button class="secondary" @click=${() => (this.opened = null)}>
          ${t('board.history.close')}
        </button>
        <mutua-board-lanes .scope=${scope} layout="list"></mutua-board-lanes>`;
    }
    return html`<h3>${t('board.history.title')}</h3>
      ${this.failed ? html`<p class="alert" role="alert">${t('board.history.failed')}</p>` : nothing}
      ${this.snapshots?.length === 0 ? html`<p class="muted">${t('board.history.empty')}</p>` : nothing}
      <ul>
        ${(this.snapshots ?? []).map(
          (s) =>
            html`<li class="row">
              <button class="secondary" @click=${() => void this.open(s)}>
                ${t('board.history.open', { name: s.name })}
              </button>
              <span class="muted">${date(s.createdAt)}</span>
            </li>`,
        )}
      </ul>
      ${
        this.scope.readOnly
          ? nothing
          : html`<form @submit=${this.take}>
                <label
                  >${t('board.history.name')} <input name="name" required maxlength="120"
                /></label>
                <button type="submit">${t('board.history.take')}</button>
              </form>
              <div class="export">
                <button class="secondary" @click=${() => void this.download('markdown')}>
                  ${t('board.history.markdown')}
                </button>
                <button class="secondary" @click=${() => void this.download('json')}>
                  ${t('board.history.json')}
                </button>
              </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-board-history': BoardHistoryView;
  }
}
