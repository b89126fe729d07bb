import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { programRoutes, roomRoutes } from '../../../shared/api';
import { RoomCreate } from '../../../shared/schemas/rooms';
import { call } from '../../app/api-client';
import { appContext, type AppServices } from '../../app/app-context';
import { checkFields, describeFailure } from '../../app/form-state';
import { sharedStyles } from '../../styles/shared-styles';
import { renderTask } from '../page-state/page-state';
import '../invitation-panel/invitation-panel';
import '../matching-panel/matching-panel';

/** A program as its facilitators run it: members, invitations and rooms. */
@customElement('mutua-program-page')
export class ProgramPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      section {
        margin-top: 1.25rem;
      }
      ul.plain {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }
      ul.plain li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        justify-content: space-between;
        border-bottom: 1px solid var(--mutua-line);
        padding: 0.3rem 0;
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property() programId = '';
  @state() private failure: { message: string; fields: Record<string, string> } | null = null;

  private readonly data = new Task(this, {
    task: async ([programId]) => {
      const params = { programId: programId! };
      const [program, members, rooms] = await Promise.all([
        call(programRoutes.getProgram, { params }),
        call(programRoutes.listMembers, { params }),
        call(roomRoutes.listProgramRooms, { params }),
      ]);
      return { program, members: members.members, rooms: rooms.rooms };
    },
    args: () => [this.programId] as const,
  });

  private async createRoom(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const body = {
      kind: String(form.get('kind') ?? 'pair'),
      title: String(form.get('title') ?? ''),
      memberIds: form.getAll('memberIds').map(String),
    };
    this.failure = checkFields(RoomCreate, body, this.services);
    if (this.failure) return;
    try {
      await call(roomRoutes.createRoom, { params: { programId: this.programId }, body });
      formElement.reset();
      await this.data.run();
    } catch (err) {
      this.failure = describeFailure(err, this.services);
    }
  }

  private async removeMember(userId: string) {
    await call(programRoutes.removeMember, { params: { programId: this.programId, userId } });
    await this.data.run();
  }

  override render() {
    const { t } = this.services;
    return renderTask(
      this.data,
      this.services,
      ({ program, members, rooms }) => html`
        <h1>${program.name}</h1>
        ${program.description ? html`<p>${program.description}</p>` : nothing}
        <section aria-labelledby="members-heading" class="card">
          <h2 id="members-heading">${t('program.members')}</h2>
          <ul class="plain">
            ${members.map(
              (m) =>
                html`<li>
                  <span
                    >${m.displayName} ·
                    ${t(m.role === 'facilitator' ? 'program.role.facilitator' : 'program.role.participant')}
                    ${m.city ? html` · ${m.city}` : nothing}
                    ${m.role === 'participant' && !m.profileComplete ? html` · <em>${t('program.profileIncomplete')}</em>` : nothing}</span
                  >
                  ${
                    m.userId !== this.services.me?.id
                      ? html`<button
                          class="secondary"
                          @click=${() => this.removeMember(m.userId)}
                          aria-label=${t('program.removeMember', { name: m.displayName })}
                        >
                          ${t('program.remove')}
                        </button>`
                      : nothing
                  }
                </li>`,
            )}
          </ul>
        </section>
        <section aria-labelledby="rooms-heading" class="card">
          <h2 id="rooms-heading">${t('program.rooms')}</h2>
          ${
            rooms.length
              ? html`<ul class="plain">
                  ${rooms.map((r) => html`<li><span>${r.title} · ${t(r.kind === 'pair' ? 'room.kind.pair' : 'room.kind.circle')}${r.archived ? html` · ${t('room.archived')}` : nothing}</span><span class="muted">${r.members.map((m) => m.displayName).join(', ')}</span></li>`)}
                </ul>`
              : html`<p class="muted">${t('program.noRooms')}</p>`
          }
          <h3>${t('program.createRoom')}</h3>
          ${this.failure ? html`<p class="alert" role="alert">${this.failure.message}</p>` : nothing}
          <form @submit=${this.createRoom} novalidate>
            <label
              >${t('program.roomKind')}
              <select name="kind">
                <option value="pair">${t('room.kind.pair')}</option>
                <option value="circle">${t('room.kind.circle')}</option>
              </select>
            </label>
            <label>${t('program.roomTitle')} <input name="title" required /></label>
            <fieldset>
              <legend>${t('program.roomMembers')}</legend>
              <div class="choices">
                ${members.map((m) => html`<label class="check"><input type="checkbox" name="memberIds" value=${m.userId} /> <span>${m.displayName}</span></label>`)}
              </div>
              ${this.failure?.fields.memberIds ? html`<span class="field-error">${this.failure.fields.memberIds}</span>` : nothing}
            </fieldset>
            <button type="submit">${t('program.createRoomSubmit')}</button>
          </form>
        </section>
        <mutua-matching-panel
          .programId=${this.programId}
          @published=${() => this.data.run()}
        ></mutua-matching-panel>
        <mutua-invitation-panel .programId=${this.programId}></mutua-invitation-panel>
      `,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-program-page': ProgramPage;
  }
}
