import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { authRoutes } from '../../../shared/api';
import { call } from '../../app/api-client';
import { appContext, type AppServices } from '../../app/app-context';
import { describeFailure } from '../../app/form-state';
import { sharedStyles } from '../../styles/shared-styles';

/**
 * Email and password sign-in, with the "shared computer" choice.
 * @fires nothing; on success it sets who is signed in and goes home.
 */
@customElement('mutua-sign-in-page')
export class SignInPage extends LitElement {
  static override styles = sharedStyles;

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @state() private busy = false;
  @state() private failure: { message: string; fields: Record<string, string> } | null = null;

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.failure = null;
    try {
      const me = await call(authRoutes.signIn, {
        body: {
          email: String(form.get('email') ?? ''),
          password: String(form.get('password') ?? ''),
          sharedDevice: form.get('shared') === 'on',
        },
      });
      this.services.setMe(me);
      this.services.navigate('/');
    } catch (err) {
      const failure = describeFailure(err, this.services, this.services.locale);
      if ((err as { code?: string }).code === 'unauthenticated')
        failure.message = this.services.t('signIn.failed');
      this.failure = failure;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { t } = this.services;
    const f = this.failure?.fields ?? {};
    return html`
      <section class="card">
        <h1>${t('signIn.title')}</h1>
        ${this.failure ? html`<p class="alert" role="alert">${this.failure.message}</p>` : nothing}
        <form @submit=${this.submit} novalidate>
          <label
            >${t('signIn.email')}
            <input
              name="email"
              type="email"
              autocomplete="username"
              required
              aria-invalid=${f.email ? 'true' : 'false'}
            />
            ${f.email ? html`<span class="field-error">${f.email}</span>` : nothing}
          </label>
          <label
            >${t('signIn.password')}
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <label class="check"
            ><input name="shared" type="checkbox" /> <span>${t('signIn.shared')}</span></label
          >
          <button type="submit" ?disabled=${this.busy}>${t('signIn.submit')}</button>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-sign-in-page': SignInPage;
  }
}
