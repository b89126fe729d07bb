import { html, nothing } from 'lit';
import {
  GOAL_STATUSES,
  type CardSnapshot,
  type GoalStatus,
  linkLesson,
  setLearnedFrom,
  setStatus,
} from '../../../shared/board';
import type { AppServices } from '../../app/app-context';
import { type BoardScope, nameOf } from '../board-view/board-context';

const valueOf = (e: Event) => (e.target as HTMLSelectElement).value;

/**
 * A card's status (goals), and who a lesson was learned from and for which goal: as
 * choices on the live board, as plain text where she may not change them (a past
 * snapshot, an archived room), so nothing there looks editable.
 */
export function renderCardMeta(card: CardSnapshot, scope: BoardScope, t: AppServices['t']) {
  const { doc, origin, board, members, readOnly } = scope;
  const goals = Object.values(board.cards).filter((c) => c.kind === 'goal');
  const goalText = (g: CardSnapshot) => g.text.slice(0, 60) || t('board.card.untitled');
  if (readOnly) {
    const goal = card.goalId ? board.cards[card.goalId] : undefined;
    const facts = [
      card.kind === 'goal' ? [t('board.card.status'), t(`board.status.${card.status}`)] : null,
      card.kind === 'lesson' && card.learnedFrom
        ? [t('board.card.learnedFrom'), nameOf(scope, card.learnedFrom, t)]
        : null,
      card.kind === 'lesson' && goal ? [t('board.card.forGoal'), goalText(goal)] : null,
    ].filter((f): f is string[] => f !== null);
    return facts.length
      ? html`<p class="meta muted">${facts.map(([k, v]) => html`<span>${k}: ${v}</span> `)}</p>`
      : nothing;
  }
  const status =
    card.kind === 'goal'
      ? html`<label
          >${t('board.card.status')}
          <select
            @change=${(e: Event) => setStatus(doc, card.id, valueOf(e) as GoalStatus, origin)}
          >
            ${GOAL_STATUSES.map(
              (s) =>
                html`<option value=${s} ?selected=${card.status === s}>
                  ${t(`board.status.${s}`)}
                </option>`,
            )}
          </select></label
        >`
      : nothing;
  const lesson =
    card.kind === 'lesson'
      ? html`<label
            >${t('board.card.learnedFrom')}
            <select
              @change=${(e: Event) => setLearnedFrom(doc, card.id, valueOf(e) || null, origin)}
            >
              <option value="" ?selected=${!card.learnedFrom}>${t('board.card.none')}</option>
              ${members.map(
                (m) =>
                  html`<option value=${m.userId} ?selected=${card.learnedFrom === m.userId}>
                    ${m.displayName}
                  </option>`,
              )}
            </select></label
          >
          <label
            >${t('board.card.forGoal')}
            <select @change=${(e: Event) => linkLesson(doc, card.id, valueOf(e) || null, origin)}>
              <option value="" ?selected=${!card.goalId}>${t('board.card.none')}</option>
              ${goals.map(
                (g) =>
                  html`<option value=${g.id} ?selected=${card.goalId === g.id}>
                    ${goalText(g)}
                  </option>`,
              )}
            </select></label
          >`
      : nothing;
  return html`<div class="meta">${status}${lesson}</div>`;
}
