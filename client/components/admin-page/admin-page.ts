import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { appContext, type AppServices } from '../../app/app-context';
import { sharedStyles } from '../../styles/shared-styles';
import '../invitation-panel/invitation-panel';

/** The organisation: invite facilitators, who then create and run programs. */
@customElement('mutua-admin-page')
export class AdminPage extends LitElement {
  static override styles = sharedStyles;

  @consume({ context: appContext, subscribe: true }) services!: AppServices;

  override render() {
    const { t, me } = this.services;
    if (!me?.isAdmin) return html`<p class="alert" role="alert">${t('error.forbidden')}</p>`;
    return html`<h1>${t('admin.title')}</h1>
      <p class="muted">${t('admin.intro')}</p>
      <mutua-invitation-panel .programId=${null}></mutua-invitation-panel>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-admin-page': AdminPage;
  }
}
