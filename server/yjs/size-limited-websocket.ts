import { WebSocket } from 'ws';
import { CLOSE_CODES } from '../../shared/errors';

/** Close code `ws` uses when a frame is larger than `maxPayload`. */
const WS_MESSAGE_TOO_BIG = 1009;

/**
 * `ws` rejects an oversized frame from its header, before buffering it, and closes with
 * 1009. We want our own 4413 on the wire (clients map it to a translated message), so the
 * server's sockets swap that one code; everything else passes through.
 */
export class SizeLimitedWebSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === WS_MESSAGE_TOO_BIG) {
      super.close(CLOSE_CODES.tooLarge, 'message_too_large');
      return;
    }
    super.close(code, data);
  }
}
