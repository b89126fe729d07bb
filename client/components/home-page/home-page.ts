import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { appContext, type AppServices } from '../../app/app-context';
import { sharedStyles } from '../../styles/shared-styles';

/** Her home: her rooms and what comes next. */
@customElement('mutua-home-page')
export class HomePage extends LitElement {
  static override styles = sharedStyles;

  @consume({ context: appContext, subscribe: true }) services!: AppServices;

  override render() {
    const { t, me } = this.services;
    return html`
      <h1>${t('home.title', { name: me?.displayName ?? '' })}</h1>
      <section class="card" aria-labelledby="rooms-heading">
        <h2 id="rooms-heading">${t('home.rooms')}</h2>
        <p class="muted">${t('home.noRooms')}</p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-home-page': HomePage;
  }
}
