import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../../shared/zod-setup';
import { z } from 'zod';
import { invitationRoutes } from '../../../shared/api';
import { DisplayName, Email, Password } from '../../../shared/schemas/auth';
import type { InvitationPreview } from '../../../shared/schemas/programs';
import { call } from '../../app/api-client';
import { accountFields } from '../../app/account-fields';
import { appContext, type AppServices } from '../../app/app-context';
import { checkFields, describeFailure } from '../../app/form-state';
import { sharedStyles } from '../../styles/shared-styles';
import { renderTask } from '../page-state/page-state';

const NewAccount = z.object({ displayName: DisplayName, email: Email, password: Password });

/**
 * Accepting an invitation from a link (token in the URL fragment, never sent to a server
 * log): a new account in her language, or joining with the account she is signed in with.
 */
@customElement('mutua-invite-page')
export class InvitePage extends LitElement {
  static override styles = sharedStyles;

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @state() private failure: { message: string; fields: Record<string, string> } | null = null;
  @state() private busy = false;

  private readonly token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';

  private readonly preview = new Task(this, {
    task: () => call(invitationRoutes.previewInvitation, { body: { token: this.token } }),
    args: () => [],
  });

  private async accept(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const { me, locale } = this.services;
    let account: (z.input<typeof NewAccount> & { locale: typeof locale }) | undefined;
    if (!me) {
      account = {
        displayName: String(form.get('displayName') ?? ''),
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        locale,
      };
      this.failure = checkFields(NewAccount, account, this.services);
      if (this.failure) return;
    }
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.busy = true;
    try {
      const signedIn = await call(invitationRoutes.acceptInvitation, {
        body: { token: this.token, account, profile: account ? { timeZone } : undefined },
      });
      history.replaceState(null, '', '/');
      this.services.setMe(signedIn);
      this.services.navigate(account ? '/profile' : '/');
    } catch (err) {
      this.failure = describeFailure(err, this.services, this.services.locale);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { t } = this.services;
    // The heading stays in every state: loading, a spent link, a network failure.
    return html`<section class="card">
      <h1>${t('invite.title')}</h1>
      ${
        this.token
          ? renderTask(this.preview, this.services, (invitation) => this.renderForm(invitation))
          : html`<p class="alert" role="alert">${t('error.invalid_or_expired_link')}</p>`
      }
    </section>`;
  }

  private renderForm(invitation: z.output<typeof InvitationPreview>) {
    const { t, me } = this.services;
    return html`
      <p>
        ${t(invitation.role === 'facilitator' ? 'invite.asFacilitator' : 'invite.asParticipant', {
          inviter: invitation.invitedBy,
          program: invitation.programName ?? t('invite.organisation'),
        })}
      </p>
      ${this.failure ? html`<p class="alert" role="alert">${this.failure.message}</p>` : nothing}
      <form @submit=${this.accept} novalidate>
        ${
          me
            ? html`<p>${t('invite.joinAs', { name: me.displayName })}</p>`
            : accountFields(t, this.failure?.fields, invitation.email ?? '')
        }
        <button type="submit" ?disabled=${this.busy}>${t('invite.accept')}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-invite-page': InvitePage;
  }
}
