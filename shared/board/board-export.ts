import type { BoardSnapshot, CardSnapshot } from './board-read';

/** Section titles of an exported board; the server passes English, a client its own. */
export interface ExportLabels {
  goalsOf: (name: string) => string;
  lanes: Record<'lessons' | 'resources' | 'questions' | 'next-steps', string>;
  status: Record<CardSnapshot['status'], string>;
  learnedFrom: (name: string) => string;
  forGoal: (text: string) => string;
}

export const ENGLISH_EXPORT_LABELS: ExportLabels = {
  goalsOf: (name) => `Goals of ${name}`,
  lanes: {
    lessons: 'Lessons learned',
    resources: 'Resources',
    questions: 'Questions',
    'next-steps': 'Next steps',
  },
  status: { open: 'open', active: 'in progress', done: 'done' },
  learnedFrom: (name) => `learned from ${name}`,
  forGoal: (text) => `for the goal “${text}”`,
};

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** The board as Markdown: one section per lane, one bullet per card. */
export function boardToMarkdown(
  board: BoardSnapshot,
  nameOf: (userId: string) => string,
  labels: ExportLabels = ENGLISH_EXPORT_LABELS,
): string {
  const lines = [`# ${board.meta.title || 'Board'}`, ''];
  for (const lane of board.lanes) {
    const title =
      lane.owner !== null
        ? labels.goalsOf(nameOf(lane.owner))
        : labels.lanes[lane.id as keyof ExportLabels['lanes']];
    lines.push(`## ${title}`, '');
    for (const id of lane.cardIds) {
      const card = board.cards[id];
      if (!card) continue;
      const notes: string[] = [];
      if (card.kind === 'goal') notes.push(labels.status[card.status]);
      if (card.learnedFrom) notes.push(labels.learnedFrom(nameOf(card.learnedFrom)));
      const goal = card.goalId ? board.cards[card.goalId] : undefined;
      if (goal) notes.push(labels.forGoal(oneLine(goal.text)));
      const suffix = notes.length ? ` _(${notes.join('; ')})_` : '';
      lines.push(
        `- ${card.kind === 'goal' && card.status === 'done' ? '[x]' : card.kind === 'goal' ? '[ ]' : ''}${card.kind === 'goal' ? ' ' : ''}${oneLine(card.text)}${suffix}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
