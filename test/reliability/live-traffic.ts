import type { LiveParticipant } from './live-participant';

/**
 * Keeps participants busy until stopped: each, every `everyMs`, either says something in
 * the chat or (when `presence`) changes her status, in turn.
 */
export function keepTalking(
  talkers: readonly { participant: LiveParticipant; roomId: string; presence: boolean }[],
  everyMs: number,
) {
  let running = true;
  const loops = talkers.map(async ({ participant, roomId, presence }, i) => {
    for (let n = 0; running; n++) {
      if (presence && n % 2 === 1) {
        const status = n % 4 === 1 ? 'away' : 'online';
        await participant.send('presence:update', { roomId, status });
      } else {
        await participant.send('chat:send', { roomId, text: `Message ${n} from talker ${i}` });
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
