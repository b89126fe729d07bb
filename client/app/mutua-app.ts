import { provide } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { authRoutes, systemRoutes } from '../../shared/api';
import { LOCALES, type Locale } from '../../shared/protocol';
import type { Me } from '../../shared/schemas/auth';
import { call, receivedPageAnswers } from './api-client';
import { followSession, forgetSession, keepPageAnswers } from './offline-cache';
import { appContext, type AppServices } from './app-context';
import { PUBLIC_PAGES, parsePath, type Page } from '../../shared/pages';
import { shellStyles } from './shell-styles';
import { LiveConnection } from '../controllers/live-connection';
import {
  LANGUAGE_NAMES,
  initialLocale,
  rememberLocale,
  translate,
  type MessageKey,
} from '../i18n/i18n';
import '../components/sign-in-page/sign-in-page';
import '../components/setup-page/setup-page';
import '../components/home-page/home-page';
import '../components/invite-page/invite-page';
import '../components/room-page/room-page';

/** Pages for facilitators and admins load on demand: the room page stays light on phones. */
const lazyPages: Partial<Record<Page['name'], () => Promise<unknown>>> = {
  profile: () => import('../components/profile-page/profile-page'),
  program: () => import('../components/program-page/program-page'),
  admin: () => import('../components/admin-page/admin-page'),
};

/** The app shell: who she is, her language, the live connection, and which page shows. */
@customElement('mutua-app')
export class MutuaApp extends LitElement {
  static override styles = shellStyles;

  @state() private page: Page = parsePath(location.pathname);
  @state() private ready = false;
  @state() private failed = false;
  @state() private locale: Locale = initialLocale();
  @state() private me: Me | null = null;
  @state() private online = navigator.onLine;

  readonly live = new LiveConnection(this);

  @provide({ context: appContext })
  @state()
  services: AppServices = this.makeServices();

  private makeServices(): AppServices {
    const locale = this.locale;
    return {
      locale,
      t: (key: MessageKey, params?: Record<string, string>) => translate(locale, key, params),
      me: this.me,
      live: this.live,
      navigate: (path: string) => this.navigate(path),
      setMe: (me: Me | null) => this.setMe(me),
    };
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOnline);
    document.documentElement.lang = this.locale;
    void this.start();
  }

  override disconnectedCallback() {
    window.removeEventListener('popstate', this.onPopState);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOnline);
    super.disconnectedCallback();
  }

  private readonly onPopState = () => this.showPage(parsePath(location.pathname));
  private readonly onOnline = () => {
    this.online = navigator.onLine;
    if (this.online && this.failed) void this.start();
  };

  private async start() {
    this.failed = false;
    try {
      const [info, session] = await Promise.all([
        call(systemRoutes.info),
        call(authRoutes.session),
      ]);
      if (info.setupRequired && !session.me && this.page.name !== 'invite')
        history.replaceState(null, '', `/setup${location.hash}`);
      this.ready = true;
      this.setMe(session.me);
      void keepPageAnswers(receivedPageAnswers, session.me).catch(() => undefined);
    } catch {
      this.failed = true;
    }
  }

  private setMe(me: Me | null) {
    if (this.me && !me) void forgetSession(this.me);
    followSession(me);
    this.me = me;
    if (me) {
      this.setLocale(me.locale, false);
      this.live.connect();
    } else {
      this.live.disconnect();
    }
    this.services = this.makeServices();
    this.showPage(parsePath(location.pathname));
  }

  private showPage(page: Page) {
    if (!this.me && !PUBLIC_PAGES.has(page.name)) page = { name: 'sign-in' };
    if (this.me && (page.name === 'sign-in' || page.name === 'setup')) page = { name: 'home' };
    const load = lazyPages[page.name];
    if (load)
      void load().then(
        () => (this.page = page),
        () => (this.failed = true),
      );
    else this.page = page;
  }

  private navigate(path: string) {
    if (location.pathname + location.hash !== path) history.pushState(null, '', path);
    this.showPage(parsePath(location.pathname));
    window.scrollTo(0, 0);
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
    const { t } = this.services;
    if (this.failed) {
      return html`<h1>${t('app.unreachableTitle')}</h1>
        <p class="alert" role="alert">${t('error.network')}</p>
        <button @click=${() => this.start()}>${t('app.retry')}</button>`;
    }
    if (!this.ready) return html`<p role="status">${t('app.loading')}</p>`;
    const page = this.page;
    switch (page.name) {
      case 'setup':
        return html`<mutua-setup-page></mutua-setup-page>`;
      case 'sign-in':
        return html`<mutua-sign-in-page></mutua-sign-in-page>`;
      case 'home':
        return html`<mutua-home-page></mutua-home-page>`;
      case 'invite':
        return html`<mutua-invite-page></mutua-invite-page>`;
      case 'profile':
        return html`<mutua-profile-page></mutua-profile-page>`;
      case 'admin':
        return html`<mutua-admin-page></mutua-admin-page>`;
      case 'program':
        return html`<mutua-program-page .programId=${page.programId}></mutua-program-page>`;
      case 'room':
        return html`<mutua-room-page .roomId=${page.roomId}></mutua-room-page>`;
      case 'not-found':
        return html`<h1>${t('error.not_found')}</h1>
          <p><a href="/" @click=${this.link('/')}>${t('nav.home')}</a></p>`;
      default: {
        const unreachable: never = page;
        return unreachable;
      }
    }
  }

  /** Fragment links do not reach into shadow roots: the skip link moves focus itself. */
  private skipToMain(event: Event) {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private link(path: string) {
    return (event: Event) => {
      event.preventDefault();
      this.navigate(path);
    };
  }

  private renderStatus() {
    const { t } = this.services;
    const labels: Partial<Record<LiveConnection['state'], MessageKey>> = {
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
    const me = this.me;
    return html`
      <header>
        <a class="skip" href="#main" @click=${this.skipToMain}>${t('app.skip')}</a>
        <a class="brand" href="/" @click=${this.link('/')}>${t('app.name')}</a>
        <nav aria-label=${t('nav.main')}>
          ${
            me
              ? html`<a href="/" @click=${this.link('/')}>${t('nav.home')}</a>
                  <a href="/profile" @click=${this.link('/profile')}>${t('nav.profile')}</a>
                  ${me.isAdmin ? html`<a href="/admin" @click=${this.link('/admin')}>${t('nav.admin')}</a>` : nothing}`
              : nothing
          }
        </nav>
        <div class="tools">
          ${this.renderStatus()}
          <select
            aria-label=${t('nav.language')}
            @change=${(e: Event) => this.setLocale((e.target as HTMLSelectElement).value as Locale)}
          >
            ${LOCALES.map(
              (l) =>
                html`<option value=${l} ?selected=${l === this.locale} lang=${l}>
                  ${LANGUAGE_NAMES[l]}
                </option>`,
            )}
          </select>
          ${me ? html`<button class="secondary" @click=${this.signOut}>${t('nav.signOut')}</button>` : nothing}
        </div>
      </header>
      ${this.online ? nothing : html`<p class="offline" role="status">${t('app.offline')}</p>`}
      <main id="main" tabindex="-1">${this.renderPage()}</main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-app': MutuaApp;
  }
}
