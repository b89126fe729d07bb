import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { toDataURL } from 'qrcode';
import { invitationRoutes } from '../../../shared/api';
import { InvitationCreate, type Invitation } from '../../../shared/schemas/programs';
import { call } from '../../app/api-client';
import { appContext, type AppServices } from '../../app/app-context';
import { checkFields, describeFailure } from '../../app/form-state';
import { sharedStyles } from '../../styles/shared-styles';

/**
 * Invitations of a program (or of the organisation, when programId is null): make a link
 * to copy or show as a QR code, see each one's state, revoke pending ones.
 */
@customElement('mutua-invitation-panel')
export class InvitationPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .link {
        display: grid;
        gap: 0.5rem;
        justify-items: start;
      }
      .link input {
        width: 100%;
      }
      img {
        width: 220px;
        height: 220px;
        image-rendering: pixelated;
      }
      .table-wrap {
        overflow-x: auto;
        max-width: 100%;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: start;
        padding: 0.4rem;
        border-bottom: 1px solid var(--mutua-line);
        overflow-wrap: anywhere;
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property({ attribute: false }) programId: string | null = null;
  @state() private created: { link: string; qr: string } | null = null;
  @state() private failure: { message: string; fields: Record<string, string> } | null = null;
  @state() private copied = false;

  private readonly list = new Task(this, {
    task: ([programId]) =>
      call(invitationRoutes.listInvitations, { query: programId ? { programId } : {} }),
    args: () => [this.programId] as const,
  });

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const body = {
      programId: this.programId,
      role: this.programId ? String(form.get('role') ?? 'participant') : 'facilitator',
      email: String(form.get('email') ?? '').trim() || null,
      note: String(form.get('note') ?? ''),
    };
    this.failure = checkFields(InvitationCreate, body, this.services);
    if (this.failure) return;
    try {
      const invitation = await call(invitationRoutes.createInvitation, { body });
      this.created = {
        link: invitation.link,
        qr: await toDataURL(invitation.link, { margin: 1, width: 220 }),
      };
      this.copied = false;
      formElement.reset();
      await this.list.run();
    } catch (err) {
      this.failure = describeFailure(err, this.services);
    }
  }

  private async copy() {
    if (!this.created) return;
    await navigator.clipboard.writeText(this.created.link).then(
      () => (this.copied = true),
      () => undefined,
    );
  }

  private async revoke(invitation: Invitation) {
    await call(invitationRoutes.revokeInvitation, { params: { invitationId: invitation.id } });
    await this.list.run();
  }

  override render() {
    const { t, locale } = this.services;
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    return html`<section class="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">
        ${t(this.programId ? 'invitations.title' : 'invitations.facilitators')}
      </h2>
      ${this.failure ? html`<p class="alert" role="alert">${this.failure.message}</p>` : nothing}
      <form @submit=${this.create} novalidate>
        ${
          this.programId
            ? html`<label
                >${t('invitations.role')}
                <select name="role">
                  <option value="participant">${t('program.role.participant')}</option>
                  <option value="facilitator">${t('program.role.facilitator')}</option>
                </select></label
              >`
            : nothing
        }
        <label
          >${t('invitations.email')}
          <input
            name="email"
            type="email"
          />${this.failure?.fields.email ? html`<span class="field-error">${this.failure.fields.email}</span>` : nothing}</label
        >
        <label>${t('invitations.note')} <input name="note" maxlength="200" /></label>
        <button type="submit">${t('invitations.create')}</button>
      </form>
      ${
        this.created
          ? html`<div class="link" role="status">
              <p>${t('invitations.share')}</p>
              <input readonly .value=${this.created.link} aria-label=${t('invitations.link')} />
              <button class="secondary" @click=${this.copy}>
                ${t(this.copied ? 'invitations.copied' : 'invitations.copy')}
              </button>
              <img src=${this.created.qr} alt=${t('invitations.qr')} />
            </div>`
          : nothing
      }
      ${this.list.render({
        complete: ({ invitations }) =>
          invitations.length
            ? html`<div
                class="table-wrap"
                role="region"
                tabindex="0"
                aria-label=${t('invitations.list')}
              >
                <table>
                  <caption class="visually-hidden">
                    ${t('invitations.list')}
                  </caption>
                  <thead>
                    <tr>
                      <th>${t('invitations.email')}</th>
                      <th>${t('invitations.role')}</th>
                      <th>${t('invitations.status')}</th>
                      <th>${t('invitations.expires')}</th>
                      <th><span class="visually-hidden">${t('invitations.actions')}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${invitations.map(
                      (i) =>
                        html`<tr>
                          <td>${i.email ?? i.note}</td>
                          <td>
                            ${t(i.role === 'facilitator' ? 'program.role.facilitator' : 'program.role.participant')}
                          </td>
                          <td>${t(`invitations.status.${i.status}`)}</td>
                          <td>${date.format(i.expiresAt)}</td>
                          <td>
                            ${i.status === 'pending' ? html`<button class="secondary" @click=${() => this.revoke(i)}>${t('invitations.revoke')}</button>` : nothing}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p class="muted">${t('invitations.none')}</p>`,
      })}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-invitation-panel': InvitationPanel;
  }
}
