import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MalformedMessageError } from './connection-errors';

/** One client's entry in a y-protocols awareness update. */
export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  /** `null` means the client left. */
  readonly state: Readonly<Record<string, unknown>> | null;
}

/** Strict decoder: states must be JSON objects or null, and nothing may follow the entries. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
        throw new MalformedMessageError('awareness state is not an object');
      }
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    if (decoder.pos !== update.length) throw new MalformedMessageError('trailing bytes');
    return entries;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(error instanceof Error ? error.message : 'bad awareness');
  }
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
