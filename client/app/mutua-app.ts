import { provide } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { authRoutes, systemRoutes } from '../../shared/api';
import { LOCALES, type Locale } from '../../shared/protocol';
import type { Me } from '../../shared/schemas/auth';
import { call } from './api-client';
import { appContext, type AppServices } from './app-context';
import { LiveConnection } from '../controllers/live-connection';
import {
  LANGUAGE_NAMES,
  initialLocale,
  rememberLocale,
  translate,
  type MessageKey,
} from '../i18n/i18n';
import { sharedStyles } from '../styles/shared-styles';
import '../components/sign-in-page/sign-in-page';
import '../components/setup-page/setup-page';
import '../components/home-page/home-page';

type Route = 'loading' | 'setup' | 'sign-in' | 'home' | 'error';

/** The app shell: who she is, her language, the live connection, and which page shows. */
@customElement('mutua-app')
export class MutuaApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.75rem var(--mutua-space);
        background: var(--mutua-plum);
        color: #fff;
      }
      header a {
        color: #fff;
        font-weight: 700;
        font-size: 1.25rem;
        text-decoration: none;
      }
      header .tools {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        flex-wrap: wrap;
      }
      header select {
        min-height: 36px;
        padding: 0.2rem 0.4rem;
      }
      header button.secondary {
        color: #fff;
        border-color: #fff;
        min-height: 36px;
        padding: 0.2rem 0.7rem;
      }
      .status {
        font-size: 0.9rem;
        background: rgba(255, 255, 255, 0.15);
        border-radius: 999px;
        padding: 0.1rem 0.6rem;
      }
      main {
        max-width: 60rem;
        margin: 0 auto;
        padding: var(--mutua-space);
      }
      .skip {
        position: absolute;
        left: -999px;
      }
      .skip:focus {
        left: 0.5rem;
        top: 0.5rem;
        background: #fff;
        color: var(--mutua-plum);
        padding: 0.5rem;
        z-index: 10;
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  @state() private route: Route = 'loading';
  @state() private locale: Locale = initialLocale();
  @state() private me: Me | null = null;

  private readonly live = new LiveConnection(this);

  @provide({ context: appContext })
  @state()
  services: AppServices = this.makeServices();

  private makeServices(): AppServices {
    const locale = this.locale;
    return {
      locale,
      t: (key: MessageKey, params?: Record<string, string>) => translate(locale, key, params),
      me: this.me,
      navigate: (path: string) => this.navigate(path),
      setMe: (me: Me | null) => this.setMe(me),
    };
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    document.documentElement.lang = this.locale;
    void this.start();
  }

  override disconnectedCallback() {
    window.removeEventListener('popstate', this.onPopState);
    super.disconnectedCallback();
  }

  private readonly onPopState = () => this.resolveRoute();

  private async start() {
    try {
      const info = await call(systemRoutes.info);
      if (info.setupRequired && location.pathname === '/setup') {
        this.route = 'setup';
        return;
      }
      this.setMe((await call(authRoutes.session)).me);
    } catch {
      this.route = 'error';
    }
  }

  private setMe(me: Me | null) {
    this.me = me;
    if (me) {
      this.setLocale(me.locale, false);
      this.live.connect();
    } else {
      this.live.disconnect();
    }
    this.services = this.makeServices();
    this.resolveRoute();
  }

  private resolveRoute() {
    const path = location.pathname;
    if (path === '/setup' && !this.me) this.route = 'setup';
    else this.route = this.me ? 'home' : 'sign-in';
  }

  private navigate(path: string) {
    if (location.pathname !== path) history.pushState(null, '', path);
    this.resolveRoute();
  }

  private setLocale(locale: Locale, remember = true) {
    this.locale = locale;
    if (remember) rememberLocale(locale);
    document.documentElement.lang = locale;
    this.services = this.makeServices();
  }

  private async signOut() {
    await call(authRoutes.signOut).catch(() => undefined);
    this.setMe(null);
    this.navigate('/');
  }

  private renderPage() {
    switch (this.route) {
      case 'loading':
        return html`<p role="status">${this.services.t('app.loading')}</p>`;
      case 'error':
        return html`<p class="alert" role="alert">${this.services.t('error.network')}</p>
          <button @click=${() => location.reload()}>${this.services.t('app.reload')}</button>`;
      case 'setup':
        return html`<mutua-setup-page></mutua-setup-page>`;
      case 'sign-in':
        return html`<mutua-sign-in-page></mutua-sign-in-page>`;
      case 'home':
        return html`<mutua-home-page></mutua-home-page>`;
      default: {
        const unreachable: never = this.route;
        return unreachable;
      }
    }
  }

  private renderStatus() {
    const { t } = this.services;
    const labels: Partial<Record<typeof this.live.state, MessageKey>> = {
      connecting: 'conn.connecting',
      connected: 'conn.connected',
      offline: 'conn.offline',
      restarting: 'conn.restarting',
      reload: 'conn.reload',
    };
    const key = labels[this.live.state];
    return key
      ? html`<span class="status" role="status" data-state=${this.live.state}>${t(key)}</span>`
      : nothing;
  }

  override render() {
    const { t } = this.services;
    return html`
      <a class="skip" href="#main">${t('app.skip')}</a>
      <header>
        <a href="/" @click=${(e: Event) => (e.preventDefault(), this.navigate('/'))}
          >${t('app.name')}</a
        >
        <div class="tools">
          ${this.renderStatus()}
          <label>
            <span class="visually-hidden">${t('nav.language')}</span>
            <select
              aria-label=${t('nav.language')}
              @change=${(e: Event) => this.setLocale((e.target as HTMLSelectElement).value as Locale)}
            >
              ${LOCALES.map((l) => html`<option value=${l} ?selected=${l === this.locale} lang=${l}>${LANGUAGE_NAMES[l]}</option>`)}
            </select>
          </label>
          ${this.me ? html`<button class="secondary" @click=${this.signOut}>${t('nav.signOut')}</button>` : nothing}
        </div>
      </header>
      <main id="main" tabindex="-1">${this.renderPage()}</main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-app': MutuaApp;
  }
}
