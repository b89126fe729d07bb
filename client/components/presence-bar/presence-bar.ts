import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LiveMember, PersonPresence } from '../../../shared/schemas/live';
import { appContext, type AppServices } from '../../app/app-context';
import { sharedStyles } from '../../styles/shared-styles';

/** Who is here: each member's state, her city and what time it is for her. */
@customElement('mutua-presence-bar')
export class PresenceBar extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        gap: 0.4rem;
        align-items: center;
        border: 1px solid var(--mutua-line);
        border-radius: 999px;
        padding: 0.2rem 0.7rem;
        background: var(--mutua-card);
      }
      .dot {
        width: 0.7rem;
        height: 0.7rem;
        border-radius: 50%;
        border: 2px solid var(--mutua-muted);
        box-sizing: border-box;
      }
      .online .dot {
        background: var(--mutua-ok);
        border-color: var(--mutua-ok);
      }
      .idle .dot,
      .away .dot {
        background: var(--mutua-saffron);
        border-color: var(--mutua-warn);
      }
      .reconnecting .dot {
        border-style: dashed;
        border-color: var(--mutua-warn);
      }
      .where {
        color: var(--mutua-muted);
        font-size: 0.9rem;
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property({ attribute: false }) members: LiveMember[] = [];
  @property({ attribute: false }) presence = new Map<string, PersonPresence>();
  @property({ type: Boolean }) degraded = false;
  /** Re-render once a minute so local times stay right. */
  private clock: ReturnType<typeof setInterval> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    this.clock = setInterval(() => this.requestUpdate(), 60_000);
  }

  override disconnectedCallback() {
    clearInterval(this.clock);
    super.disconnectedCallback();
  }

  private localTime(timeZone: string | null) {
    if (!timeZone) return '';
    return new Intl.DateTimeFormat(this.services.locale, {
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(Date.now());
  }

  private statusText(p: PersonPresence | undefined) {
    const { t, locale } = this.services;
    const status = p?.status ?? 'offline';
    if (status !== 'offline' || !p) return t(`presence.${status}`);
    const minutes = Math.round((Date.now() - p.lastSeen) / 60_000);
    const ago = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-minutes, 'minute');
    return t('presence.lastSeen', { ago });
  }

  override render() {
    const { t, me } = this.services;
    const others = this.members.filter((m) => m.userId !== me?.id);
    return html`
      <ul aria-label=${t('presence.title')}>
        ${this.members.map((m) => {
          const p = this.presence.get(m.userId);
          const where = [m.city, this.localTime(m.timeZone)].filter(Boolean).join(' · ');
          return html`<li class=${p?.status ?? 'offline'} data-user=${m.userId}>
            <span class="dot" aria-hidden="true"></span>
            <span
              >${m.displayName}${m.userId === me?.id ? html` (${t('presence.you')})` : nothing}</span
            >
            <span class="visually-hidden">, </span><span>${this.statusText(p)}</span>
            ${where ? html`<span class="where">${where}</span>` : nothing}
          </li>`;
        })}
      </ul>
      ${this.degraded ? html`<p class="muted">${t('presence.degraded')}</p>` : nothing}
      <p class="visually-hidden" role="status" aria-live="polite">
        ${others.map((m) => `${m.displayName}: ${this.statusText(this.presence.get(m.userId))}`).join('; ')}
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-presence-bar': PresenceBar;
  }
}
