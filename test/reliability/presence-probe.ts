import type { RoomPresence } from '../../shared/schemas/live';
import type { LiveParticipant } from './live-participant';
import { pollUntil } from './poll';

/** How often a wait looks at what was recorded; the times are those of the events. */
const POLL_MS = 10;

interface Seen {
  at: number;
  degraded: boolean;
  /** The prober's focused card in that presence, which names the probe change shown. */
  focus: string | null;
}

/**
 * Presence changes made on one process and watched from another. The prober, on process
 * one, moves her focus to a new made-up card every `everyMs`; the observer, on process two,
 * records every presence she is shown. A change is "seen" when the observer is shown it
 * with presence not degraded, i.e. through Redis.
 */
export function startPresenceProbe(options: {
  roomId: string;
  prober: LiveParticipant;
  proberId: string;
  observer: LiveParticipant;
  everyMs: number;
}) {
  const { roomId, prober, proberId, observer } = options;
  const sentAt = new Map<string, number>();
  const record = (into: Seen[]) => (p: RoomPresence) => {
    if (p.roomId !== roomId) return;
    const focus = p.people.find((x) => x.userId === proberId)?.focusedCardId ?? null;
    into.push({ at: Date.now(), degraded: p.degraded, focus });
  };
  const onOne: Seen[] = [];
  const onTwo: Seen[] = [];
  prober.socket.on('presence:changed', record(onOne));
  observer.socket.on('presence:changed', record(onTwo));

  // Changes go out on the clock, not one ack after another: an ack held up during an
  // outage must not delay the first change made once Redis is back.
  const acks: Promise<unknown>[] = [];
  let n = 0;
  const timer = setInterval(() => {
    const focus = `probe-${String(++n).padStart(8, '0')}`;
    sentAt.set(focus, Date.now());
    acks.push(prober.send('presence:update', { roomId, status: 'online', focusedCardId: focus }));
  }, options.everyMs);

  const degradedSince = (seen: Seen[], since: number) =>
    seen.some((s) => s.at >= since && s.degraded);

  return {
    /** Whether clients on both processes were shown degraded presence since `since`. */
    degradedOnBoth: (since: number, timeoutMs: number) =>
      pollUntil(
        () => degradedSince(onOne, since) && degradedSince(onTwo, since),
        timeoutMs,
        POLL_MS,
      ),

    /**
     * Milliseconds from `since` until the observer was shown, not degraded, a change the
     * prober made at or after `since`; null when that did not happen within `timeoutMs`.
     */
    async recoveryAfter(since: number, timeoutMs: number): Promise<number | null> {
      const crossed = () =>
        onTwo.find(
          (s) => s.at >= since && !s.degraded && s.focus !== null && sentAt.get(s.focus)! >= since,
        );
      const seen = await pollUntil(() => crossed() !== undefined, timeoutMs, POLL_MS);
      return seen ? crossed()!.at - since : null;
    },

    async stop() {
      clearInterval(timer);
      await Promise.all(acks);
    },
  };
}
