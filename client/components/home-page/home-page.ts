import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { programRoutes, roomRoutes } from '../../../shared/api';
import { ProgramInput, type Program } from '../../../shared/schemas/programs';
import type { Room } from '../../../shared/schemas/rooms';
import { call } from '../../app/api-client';
import { appContext, type AppServices } from '../../app/app-context';
import { checkFields, describeFailure } from '../../app/form-state';
import { sharedStyles } from '../../styles/shared-styles';
import { renderTask } from '../page-state/page-state';

/** Her home: her rooms, her programs, and for facilitators a way to start a program. */
@customElement('mutua-home-page')
export class HomePage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul.cards {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.75rem;
        grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
      }
      ul.cards a {
        display: block;
        color: inherit;
        text-decoration: none;
      }
      ul.cards a:hover .card,
      ul.cards a:focus-visible .card {
        border-color: var(--mutua-plum);
      }
      .badge {
        display: inline-block;
        font-size: 0.85rem;
        border-radius: 999px;
        padding: 0 0.5rem;
        background: #f1e6ec;
        color: var(--mutua-plum-dark);
      }
      section + section {
        margin-top: 1.5rem;
      }
      fieldset {
        border: 1px solid var(--mutua-line);
        border-radius: 6px;
        display: flex;
        gap: 1rem;
        flex-wrap: wrap;
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @state() private failure: { message: string; fields: Record<string, string> } | null = null;

  private readonly data = new Task(this, {
    task: async () => {
      const [rooms, programs] = await Promise.all([
        call(roomRoutes.listMyRooms),
        call(programRoutes.listPrograms),
      ]);
      return { rooms: rooms.rooms, programs: programs.programs };
    },
    args: () => [],
  });

  private async createProgram(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const body = {
      name: String(form.get('name') ?? ''),
      description: String(form.get('description') ?? ''),
      languages: form.getAll('languages').map(String),
      startsOn: String(form.get('startsOn') ?? '') || null,
      endsOn: String(form.get('endsOn') ?? '') || null,
    };
    this.failure = checkFields(ProgramInput, body, this.services);
    if (this.failure) return;
    try {
      const program = await call(programRoutes.createProgram, { body });
      this.services.navigate(`/programs/${program.id}`);
    } catch (err) {
      this.failure = describeFailure(err, this.services, this.services.locale);
    }
  }

  private open(path: string) {
    return (event: Event) => {
      event.preventDefault();
      this.services.navigate(path);
    };
  }

  private renderRoom(room: Room) {
    const { t, me } = this.services;
    const others = room.members.filter((m) => m.userId !== me?.id).map((m) => m.displayName);
    return html`<li>
      <a href="/rooms/${room.id}" @click=${this.open(`/rooms/${room.id}`)}>
        <div class="card">
          <h3>${room.title}</h3>
          <p>
            <span class="badge"
              >${t(room.kind === 'pair' ? 'room.kind.pair' : 'room.kind.circle')}</span
            >
            ${room.archived ? html`<span class="badge">${t('room.archived')}</span>` : nothing}
          </p>
          <p class="muted">${t('room.with', { names: others.join(', ') })}</p>
          <p class="muted">${room.programName}</p>
        </div>
      </a>
    </li>`;
  }

  private renderProgram(program: Program) {
    const { t } = this.services;
    const body = html`<div class="card">
      <h3>${program.name}</h3>
      <p class="muted">
        ${t(program.myRole === 'facilitator' ? 'program.role.facilitator' : 'program.role.participant')}
        ·
        ${t('program.counts', { participants: String(program.participantCount), rooms: String(program.roomCount) })}
      </p>
    </div>`;
    return html`<li>
      ${
        program.myRole === 'facilitator' || this.services.me?.isAdmin
          ? html`<a href="/programs/${program.id}" @click=${this.open(`/programs/${program.id}`)}
              >${body}</a
            >`
          : body
      }
    </li>`;
  }

  private renderCreateProgram() {
    const { t } = this.services;
    const f = this.failure?.fields ?? {};
    return html`<section class="card" aria-labelledby="new-program">
      <h2 id="new-program">${t('program.create')}</h2>
      ${this.failure ? html`<p class="alert" role="alert">${this.failure.message}</p>` : nothing}
      <form @submit=${this.createProgram} novalidate>
        <label
          >${t('program.name')}
          <input
            name="name"
            required
          />${f.name ? html`<span class="field-error">${f.name}</span>` : nothing}</label
        >
        <label>${t('program.description')} <textarea name="description" rows="3"></textarea></label>
        <fieldset>
          <legend>${t('program.languages')}</legend>
          ${(['en', 'fr', 'es'] as const).map(
            (l) =>
              html`<label class="check"
                ><input type="checkbox" name="languages" value=${l} />
                <span>${t(`lang.${l}`)}</span></label
              >`,
          )}
        </fieldset>
        ${f.languages ? html`<span class="field-error">${f.languages}</span>` : nothing}
        <label>${t('program.startsOn')} <input name="startsOn" type="date" /></label>
        <label
          >${t('program.endsOn')}
          <input
            name="endsOn"
            type="date"
          />${f.endsOn ? html`<span class="field-error">${f.endsOn}</span>` : nothing}</label
        >
        <button type="submit">${t('program.createSubmit')}</button>
      </form>
    </section>`;
  }

  override render() {
    const { t, me } = this.services;
    return html`
      <h1>${t('home.title', { name: me?.displayName ?? '' })}</h1>
      ${renderTask(
        this.data,
        this.services,
        ({ rooms, programs }) => html`
          <section aria-labelledby="rooms-heading">
            <h2 id="rooms-heading">${t('home.rooms')}</h2>
            ${
              rooms.length
                ? html`<ul class="cards">
                    ${rooms.map((r) => this.renderRoom(r))}
                  </ul>`
                : html`<p class="muted">${t('home.noRooms')}</p>`
            }
          </section>
          ${
            programs.length
              ? html`<section aria-labelledby="programs-heading">
                  <h2 id="programs-heading">${t('home.programs')}</h2>
                  <ul class="cards">
                    ${programs.map((p) => this.renderProgram(p))}
                  </ul>
                </section>`
              : nothing
          }
          ${me?.isFacilitator ? this.renderCreateProgram() : nothing}
        `,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-home-page': HomePage;
  }
}
