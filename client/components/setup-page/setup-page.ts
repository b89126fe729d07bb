import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { authRoutes } from '../../../shared/api';
import { call } from '../../app/api-client';
import { accountFields } from '../../app/account-fields';
import { appContext, type AppServices } from '../../app/app-context';
import { checkFields, describeFailure } from '../../app/form-state';
import { SetupRequest } from '../../../shared/schemas/auth';
import { sharedStyles } from '../../styles/shared-styles';

/** First run: creates the first admin with the one-time link's token (read from the URL fragment). */
@customElement('mutua-setup-page')
export class SetupPage extends LitElement {
  static override styles = sharedStyles;

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @state() private busy = false;
  @state() private failure: { message: string; fields: Record<string, string> } | null = null;

  private readonly token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const body = {
      token: this.token,
      displayName: String(form.get('displayName') ?? ''),
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      locale: this.services.locale,
    };
    // The server checks the same schema; checking here first answers at once, offline too.
    const local = checkFields(SetupRequest, body, this.services);
    if (local) {
      this.failure = local;
      return;
    }
    this.busy = true;
    this.failure = null;
    try {
      const me = await call(authRoutes.setup, { body });
      history.replaceState(null, '', '/');
      this.services.setMe(me);
      this.services.navigate('/');
    } catch (err) {
      this.failure = describeFailure(err, this.services, this.services.locale);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { t } = this.services;
    if (!this.token)
      return html`<section class="card">
        <h1>${t('setup.title')}</h1>
        <p>${t('setup.noToken')}</p>
      </section>`;
    return html`
      <section class="card">
        <h1>${t('setup.title')}</h1>
        <p class="muted">${t('setup.intro')}</p>
        ${this.failure ? html`<p class="alert" role="alert">${this.failure.message}</p>` : nothing}
        <form @submit=${this.submit} novalidate>
          ${accountFields(t, this.failure?.fields)}
          <button type="submit" ?disabled=${this.busy}>${t('setup.submit')}</button>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-setup-page': SetupPage;
  }
}
