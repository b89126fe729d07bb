import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CHAT_MAX_CHARS, type ChatMessage } from '../../../shared/schemas/live';
import { appContext, type AppServices } from '../../app/app-context';
import { newChatMessageId, type LiveRoom } from '../../controllers/live-room';
import { sharedStyles } from '../../styles/shared-styles';

const LINK = /(https?:\/\/[^\s<>"']+)/g;

/** The room's chat. Text is rendered as text; links become plain anchors, nothing else. */
@customElement('mutua-chat-panel')
export class ChatPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ol {
        list-style: none;
        padding: 0;
        margin: 0 0 0.75rem;
        max-height: 22rem;
        overflow-y: auto;
        display: grid;
        gap: 0.4rem;
      }
      .who {
        font-weight: 600;
      }
      .when {
        color: var(--mutua-muted);
        font-size: 0.85rem;
      }
      p.text {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      textarea {
        width: 100%;
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property({ attribute: false }) room!: LiveRoom;
  /** Passed separately from the room so that each new message re-renders the panel. */
  @property({ attribute: false }) messages: ChatMessage[] = [];
  @property({ type: Boolean }) hasOlder = false;
  @state() private draft = '';
  @state() private sending = false;
  @state() private unanswered = false;
  /** The draft last sent without an answer, and its id: sent again unchanged, it keeps the id. */
  private lastSent: { text: string; id: string } | null = null;

  private async send(event: SubmitEvent) {
    event.preventDefault();
    const text = this.draft;
    if (!text.trim() || this.sending) return;
    const id = this.lastSent?.text === text ? this.lastSent.id : newChatMessageId();
    this.lastSent = { text, id };
    this.sending = true;
    const outcome = await this.room.sendChat(text, id);
    this.sending = false;
    this.unanswered = outcome === 'unanswered';
    // Only an unanswered message keeps its id for the next press: the same words sent again
    // later are a new message.
    if (outcome !== 'unanswered') this.lastSent = null;
    if (outcome === 'sent' && this.draft === text) this.draft = '';
  }

  private keydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      (event.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  private renderText(text: string) {
    return text
      .split(LINK)
      .map((part, i) =>
        i % 2 === 1
          ? html`<a href=${part} rel="noopener noreferrer nofollow" target="_blank">${part}</a>`
          : part,
      );
  }

  override updated() {
    const list = this.renderRoot.querySelector('ol');
    if (list) list.scrollTop = list.scrollHeight;
  }

  override render() {
    const { t, locale } = this.services;
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    return html`<section class="card" aria-labelledby="chat-heading">
      <h2 id="chat-heading">${t('chat.title')}</h2>
      ${this.hasOlder ? html`<button class="secondary" @click=${() => this.room.loadOlder()}>${t('chat.older')}</button>` : nothing}
      <ol aria-live="polite" aria-label=${t('chat.messages')}>
        ${this.messages.map(
          (m) =>
            html`<li>
              <span class="who">${m.authorName}</span>
              <span class="when">${time.format(m.sentAt)}</span>
              <p class="text">${this.renderText(m.text)}</p>
            </li>`,
        )}
      </ol>
      ${this.messages.length === 0 ? html`<p class="muted">${t('chat.empty')}</p>` : nothing}
      <form @submit=${this.send}>
        <label
          >${t('chat.label')}
          <textarea
            rows="2"
            maxlength=${CHAT_MAX_CHARS}
            .value=${this.draft}
            @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
            @keydown=${this.keydown}
          ></textarea>
        </label>
        <button
          type="submit"
          ?disabled=${this.sending}
          aria-busy=${this.sending ? 'true' : 'false'}
        >
          ${t('chat.send')}
        </button>
      </form>
      ${this.unanswered ? html`<p class="muted" role="status">${t('chat.unanswered')}</p>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-chat-panel': ChatPanel;
  }
}
