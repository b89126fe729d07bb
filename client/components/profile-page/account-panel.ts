import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { accountRoutes, authRoutes } from '../../../shared/api';
import { call } from '../../app/api-client';
import { appContext, type AppServices } from '../../app/app-context';
import { describeFailure } from '../../app/form-state';
import { sharedStyles } from '../../styles/shared-styles';

/** Her data and her account: download, password, sessions, API tokens, deletion. */
@customElement('mutua-account-panel')
export class AccountPanel extends LitElement {
  static override styles = sharedStyles;

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @state() private message: { text: string; alert: boolean } | null = null;
  @state() private newToken: string | null = null;

  private readonly tokens = new Task(this, {
    task: () => call(authRoutes.listTokens),
    args: () => [],
  });

  private async attempt(work: () => Promise<string>) {
    try {
      this.message = { text: await work(), alert: false };
    } catch (err) {
      this.message = { text: describeFailure(err, this.services).message, alert: true };
    }
  }

  private changePassword(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    void this.attempt(async () => {
      await call(authRoutes.changePassword, {
        body: {
          currentPassword: String(form.get('current') ?? ''),
          newPassword: String(form.get('next') ?? ''),
        },
      });
      formElement.reset();
      return this.services.t('account.passwordChanged');
    });
  }

  private createToken(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    void this.attempt(async () => {
      const created = await call(authRoutes.createToken, {
        body: { name: String(form.get('name') ?? '') },
      });
      this.newToken = created.token;
      await this.tokens.run();
      return this.services.t('account.tokenCreated');
    });
  }

  private revokeToken(tokenId: string) {
    void this.attempt(async () => {
      await call(authRoutes.revokeToken, { params: { tokenId } });
      await this.tokens.run();
      return this.services.t('account.tokenRevoked');
    });
  }

  private async signOutEverywhere() {
    await call(authRoutes.signOutEverywhere).catch(() => undefined);
    this.services.setMe(null);
  }

  private deleteAccount(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    void this.attempt(async () => {
      await call(accountRoutes.deleteAccount, {
        body: { password: String(form.get('password') ?? '') },
      });
      this.services.setMe(null);
      return '';
    });
  }

  override render() {
    const { t } = this.services;
    return html`<section class="card" aria-labelledby="account-heading">
      <h2 id="account-heading">${t('account.title')}</h2>
      ${this.message?.text ? html`<p role=${this.message.alert ? 'alert' : 'status'} class=${this.message.alert ? 'alert' : ''}>${this.message.text}</p>` : nothing}
      <p><a href="/api/me/export" download="mutua-my-data.json">${t('account.export')}</a></p>
      <form @submit=${this.changePassword}>
        <h3>${t('account.password')}</h3>
        <label
          >${t('account.currentPassword')}
          <input name="current" type="password" autocomplete="current-password" required
        /></label>
        <label
          >${t('account.newPassword')}
          <input name="next" type="password" autocomplete="new-password" minlength="8" required
        /></label>
        <button type="submit">${t('account.changePassword')}</button>
      </form>
      <p>
        <button class="secondary" @click=${this.signOutEverywhere}>
          ${t('account.signOutEverywhere')}
        </button>
      </p>
      <h3>${t('account.tokens')}</h3>
      <p class="muted">${t('account.tokensHint')}</p>
      ${this.newToken ? html`<p><code>${this.newToken}</code></p>` : nothing}
      ${this.tokens.render({
        complete: ({ tokens }) =>
          html`<ul>
            ${tokens.map(
              (token) =>
                html`<li>
                  ${token.name}
                  <button class="secondary" @click=${() => this.revokeToken(token.id)}>
                    ${t('account.revoke')}
                  </button>
                </li>`,
            )}
          </ul>`,
      })}
      <form @submit=${this.createToken}>
        <label>${t('account.tokenName')} <input name="name" required maxlength="60" /></label>
        <button type="submit">${t('account.createToken')}</button>
      </form>
      <form @submit=${this.deleteAccount}>
        <h3>${t('account.delete')}</h3>
        <p class="muted">${t('account.deleteHint')}</p>
        <label
          >${t('signIn.password')}
          <input name="password" type="password" autocomplete="current-password" required
        /></label>
        <button type="submit">${t('account.deleteSubmit')}</button>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-account-panel': AccountPanel;
  }
}
