import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type {
  Balance,
  LiveMember,
  MentoringSessionState,
  SessionRecord,
} from '../../../shared/schemas/live';
import { appContext, type AppServices } from '../../app/app-context';
import type { LiveRoom } from '../../controllers/live-room';
import { sharedStyles } from '../../styles/shared-styles';

/** Remaining milliseconds of the current turn, on the server's clock. */
export function remainingMs(session: MentoringSessionState, serverNow: number): number {
  const turn = session.turns[session.current];
  if (!turn) return 0;
  const running = session.timer.runningSince === null ? 0 : serverNow - session.timer.runningSince;
  return turn.plannedMinutes * 60_000 - session.timer.elapsedMs - running;
}

function clock(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The reciprocal session: who leads now and on what, the shared timer, the agenda, and the
 * balance of minutes each woman led and was supported.
 */
@customElement('mutua-turn-bar')
export class TurnBar extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .now {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
      }
      .timer {
        font-size: 1.75rem;
        font-variant-numeric: tabular-nums;
        font-weight: 700;
      }
      .over {
        color: var(--mutua-error);
      }
      .time-up {
        border-left: 4px solid var(--mutua-saffron);
        background: #fff8ee;
        padding: 0.5rem 0.8rem;
        margin: 0.5rem 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .balance {
        display: grid;
        gap: 0.25rem;
      }
      meter {
        width: 100%;
        height: 0.8rem;
      }
    `,
  ];

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @property({ attribute: false }) room!: LiveRoom;
  @property({ attribute: false }) members: LiveMember[] = [];
  @property() kind: 'pair' | 'circle' = 'pair';
  /** Passed separately from the room so that each new state re-renders the bar. */
  @property({ attribute: false }) session: MentoringSessionState | null = null;
  @state() private balance: Balance | null = null;
  @state() private past: SessionRecord[] = [];
  private ticker: ReturnType<typeof setInterval> | undefined;
  private lastVersion = -1;

  override connectedCallback() {
    super.connectedCallback();
    this.ticker = setInterval(() => this.requestUpdate(), 1_000);
    void this.refreshBalance();
  }

  override disconnectedCallback() {
    clearInterval(this.ticker);
    super.disconnectedCallback();
  }

  override updated() {
    const session = this.session;
    if (session && session.version !== this.lastVersion) {
      this.lastVersion = session.version;
      void this.refreshBalance();
    }
  }

  private async refreshBalance() {
    this.balance = (await this.room?.balance('program')) ?? this.balance;
    this.past = ((await this.room?.history()) ?? []).filter((s) => s.endedAt !== null);
  }

  private renderPast() {
    const { t, locale } = this.services;
    if (!this.past.length) return nothing;
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const minutes = (ms: number) => String(Math.round(ms / 60_000));
    return html`<h3>${t('session.past')}</h3>
      <ol class="past">
        ${this.past.map(
          (s) =>
            html`<li>
              ${date.format(s.startedAt)} ·
              ${t('session.duration', { minutes: minutes((s.endedAt ?? s.startedAt) - s.startedAt) })}
              <ul>
                ${s.balance.map(
                  (e) =>
                    html`<li>
                      ${t('session.balanceEntry', { name: this.name(e.userId), led: minutes(e.ledMs), supported: minutes(e.supportedMs) })}
                    </li>`,
                )}
              </ul>
            </li>`,
        )}
      </ol>`;
  }

  private name(userId: string | undefined) {
    return this.members.find((m) => m.userId === userId)?.displayName ?? '';
  }

  private start(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const minutes = Number(form.get('minutes') ?? 15);
    const leaders = this.leaders();
    const agenda = leaders.map((m) => ({
      leaderId: m.userId,
      topic: String(form.get(`topic-${m.userId}`) ?? '').trim(),
      plannedMinutes: minutes,
      goalCardId: null,
    }));
    this.room.start(agenda, minutes);
  }

  /** Participants in turn order: whoever starts the session leads first. */
  private leaders() {
    const me = this.services.me?.id;
    const participants = this.members.filter((m) => m.role === 'participant');
    return [
      ...participants.filter((m) => m.userId === me),
      ...participants.filter((m) => m.userId !== me),
    ];
  }

  private renderStart() {
    const { t } = this.services;
    const leaders = this.leaders();
    return html`<form @submit=${this.start}>
      <h3>${t('session.plan')}</h3>
      ${leaders.map((m) => html`<label>${t('session.topicFor', { name: m.displayName })} <input name=${`topic-${m.userId}`} maxlength="200" /></label>`)}
      <label
        >${t('session.minutes')}
        <select name="minutes">
          ${[10, 15, 20, 30, 45].map((n) => html`<option value=${n} ?selected=${n === 15}>${n}</option>`)}
        </select>
      </label>
      <button type="submit">${t('session.start')}</button>
    </form>`;
  }

  private renderRunning(session: MentoringSessionState) {
    const { t, me } = this.services;
    const turn = session.turns[session.current];
    const left = remainingMs(session, this.room.serverNow);
    const isFacilitator = this.members.some((m) => m.userId === me?.id && m.role === 'facilitator');
    const circle = this.kind === 'circle';
    const raised = session.raisedHands.includes(me?.id ?? '');
    // The turn's time is up: said once on screen and to screen readers; the turn goes on
    // until someone passes the lead or adds time (nobody is cut off mid-sentence).
    const timeUp = left < 0 && session.status === 'running';
    const leads = t('session.leads', { name: this.name(turn?.leaderId) });
    // Only those with the turn's controls are told what to do about it.
    const upNotice = t(!circle || isFacilitator ? 'session.timeUp' : 'session.timeUpWatch', {
      name: this.name(turn?.leaderId),
    });
    return html`
      <div class="now">
        <p>
          ${t('session.leads', { name: this.name(turn?.leaderId) })}${turn?.topic ? html` — ${turn.topic}` : nothing}
        </p>
        <span
          class="timer ${left < 0 ? 'over' : ''}"
          role="timer"
          aria-label=${t('session.remaining')}
          >${clock(left)}</span
        >
        ${session.status === 'paused' ? html`<span>${t('session.paused')}</span>` : nothing}
      </div>
      ${timeUp ? html`<p class="time-up" aria-hidden="true">${upNotice}</p>` : nothing}
      <p class="visually-hidden" role="status" aria-live="polite">${timeUp ? upNotice : leads}</p>
      <div class="actions">
        ${
          !circle || isFacilitator
            ? html`<button @click=${() => this.room.command('session:next')}>
                  ${t('session.next')}
                </button>
                ${circle ? nothing : html`<button class="secondary" @click=${() => this.room.command('session:swap')}>${t('session.swap')}</button>`}
                <button class="secondary" @click=${() => this.room.extend(5)}>
                  ${t('session.extend')}
                </button>
                ${
                  circle
                    ? html`<button
                        class="secondary"
                        @click=${() => this.room.command(session.status === 'paused' ? 'session:resume' : 'session:pause')}
                      >
                        ${t(session.status === 'paused' ? 'session.resume' : 'session.pause')}
                      </button>`
                    : nothing
                }
                <button class="secondary" @click=${() => this.room.command('session:end')}>
                  ${t('session.end')}
                </button>`
            : html`<button class="secondary" @click=${() => this.room.raiseHand(!raised)}>
                ${t(raised ? 'session.lowerHand' : 'session.raiseHand')}
              </button>`
        }
      </div>
      ${
        circle && session.raisedHands.length
          ? html`<p>
              ${t('session.hands')}
              ${session.raisedHands.map((id) => (isFacilitator ? html`<button class="secondary" @click=${() => this.room.giveFloor(id)}>${t('session.giveFloor', { name: this.name(id) })}</button>` : html`${this.name(id)} `))}
            </p>`
          : nothing
      }
      <ol>
        ${session.turns.map((tu, i) => html`<li aria-current=${i === session.current ? 'step' : 'false'}>${this.name(tu.leaderId)}${tu.topic ? ` — ${tu.topic}` : ''} (${tu.plannedMinutes} min)</li>`)}
      </ol>
    `;
  }

  private renderBalance() {
    const { t } = this.services;
    const entries = this.balance?.entries ?? [];
    if (!entries.length) return nothing;
    const max = Math.max(1, ...entries.map((e) => e.ledMs + e.supportedMs));
    return html`<div class="balance" aria-label=${t('session.balance')}>
      <h3>${t('session.balance')}</h3>
      ${entries.map(
        (e) =>
          html`<div>
            <span
              >${t('session.balanceEntry', { name: this.name(e.userId), led: String(Math.round(e.ledMs / 60_000)), supported: String(Math.round(e.supportedMs / 60_000)) })}</span
            >
            <meter min="0" max=${max} value=${e.ledMs} aria-hidden="true"></meter>
          </div>`,
      )}
    </div>`;
  }

  override render() {
    const { t } = this.services;
    const session = this.session;
    const live = session && session.status !== 'ended';
    return html`<section class="card" aria-labelledby="session-heading">
      <h2 id="session-heading">${t('session.title')}</h2>
      ${live ? this.renderRunning(session) : this.renderStart()} ${this.renderBalance()}
      ${this.renderPast()}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-turn-bar': TurnBar;
  }
}
