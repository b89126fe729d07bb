import type { BalanceEntry } from '../../shared/schemas/live';

export interface BalanceInput {
  turns: { sessionId: string; leaderId: string; actualMs: number }[];
  attendees: { sessionId: string; userId: string }[];
}

/**
 * Reciprocity made visible: per person, minutes she led and minutes she was supported
 * (turns others led in sessions she attended). Only `people` are reported.
 */
export function computeBalance(input: BalanceInput, people: string[]): BalanceEntry[] {
  const attended = new Map<string, Set<string>>();
  for (const a of input.attendees) {
    attended.set(a.sessionId, (attended.get(a.sessionId) ?? new Set()).add(a.userId));
  }
  return people.map((userId) => {
    let ledMs = 0;
    let supportedMs = 0;
    for (const t of input.turns) {
      if (t.leaderId === userId) ledMs += t.actualMs;
      else if (attended.get(t.sessionId)?.has(userId)) supportedMs += t.actualMs;
    }
    return { userId, ledMs, supportedMs };
  });
}
