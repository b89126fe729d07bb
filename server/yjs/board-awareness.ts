import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import {
  decodeAwarenessEntries,
  encodeAwarenessEntries,
  type AwarenessEntry,
} from './awareness-entries';
import type { BoardConnection } from './board-connection';
import { encodeAwarenessMessage } from './sync-messages';

interface Binding {
  readonly clientId: number;
  /**
   * Added to the client's clocks. A provider that reconnects resends its state with the
   * clock it had; peers already saw that clock (then its removal) and would ignore the
   * state. Shifting it past the last clock we broadcast makes the returning cursor visible.
   */
  readonly clockOffset: number;
}

type ChangeSet = { added: number[]; updated: number[]; removed: number[] };

/**
 * Awareness (cursors, drags, who is here) with server-stamped identity. A connection owns
 * exactly one awareness clientID: the first one it introduces. Entries for other ids are
 * dropped, so nobody can change or remove another person's state, and `user` is always
 * rewritten from the principal, so nobody can show up under another name or colour.
 */
export class BoardAwareness {
  readonly awareness: Awareness;
  private readonly bindings = new Map<BoardConnection, Binding>();
  private readonly owners = new Map<number, BoardConnection>();
  /** Client ids shown through other processes (scaled out), with whose they are. */
  private readonly peerOwners = new Map<number, string>();
  private readonly onUpdate: (changes: ChangeSet, origin: unknown) => void;

  constructor(
    doc: Y.Doc,
    private readonly out: {
      broadcast(message: Uint8Array, origin: unknown): void;
      /** What was accepted here, for the other processes serving the board. */
      published(update: Uint8Array): void;
    },
  ) {
    this.awareness = new Awareness(doc);
    // The server itself is not a participant.
    this.awareness.setLocalState(null);
    this.onUpdate = this.changed.bind(this);
    this.awareness.on('update', this.onUpdate);
  }

  /** Changes made here rather than in `receive` (removals, timeouts): relayed as encoded. */
  private changed({ added, updated, removed }: ChangeSet, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    for (const clientId of removed) this.peerOwners.delete(clientId);
    const update = encodeAwarenessUpdate(this.awareness, changed);
    this.out.broadcast(encodeAwarenessMessage(update), origin);
    this.out.published(update);
  }

  /**
   * Applies an incoming awareness update; throws `MalformedMessageError` if undecodable.
   * Each entry is decoded once, stamped, stored and relayed as encoded here, with the rules
   * of y-protocols' `applyAwarenessUpdate` (a newer clock wins; a removal at the same clock
   * too), rather than encoded and decoded once more by it and encoded again for the relay.
   */
  receive(connection: BoardConnection, update: Uint8Array): void {
    const { states, meta } = this.awareness;
    const now = Date.now();
    const accepted: AwarenessEntry[] = [];
    for (const entry of decodeAwarenessEntries(update)) {
      const binding = this.bind(connection, entry);
      if (binding === null) continue;
      const { clientId } = entry;
      const clock = entry.clock + binding.clockOffset;
      const current = meta.get(clientId)?.clock ?? 0;
      const removal = entry.state === null;
      if (!(current < clock || (current === clock && removal && states.has(clientId)))) continue;
      const { userId, displayName, color } = connection.principal;
      const state = removal
        ? null
        : { ...entry.state, user: { id: userId, name: displayName, color } };
      if (state === null) states.delete(clientId);
      else states.set(clientId, state);
      meta.set(clientId, { clock, lastUpdated: now });
      accepted.push({ clientId, clock, state });
    }
    if (accepted.length > 0) {
      const relayed = encodeAwarenessEntries(accepted);
      this.out.broadcast(encodeAwarenessMessage(relayed), connection);
      this.out.published(relayed);
    }
  }

  /**
   * An update another process accepted (stamped there): its entries are shown here too,
   * under the same clock rules, except for ids a connection of this process owns. Not
   * published again. Throws `MalformedMessageError` if undecodable.
   */
  receivePeer(update: Uint8Array): void {
    const { states, meta } = this.awareness;
    const now = Date.now();
    const accepted: AwarenessEntry[] = [];
    for (const entry of decodeAwarenessEntries(update)) {
      const { clientId, clock, state } = entry;
      if (this.owners.has(clientId) || clientId === this.awareness.clientID) continue;
      const current = meta.get(clientId)?.clock ?? 0;
      const removal = state === null;
      if (!(current < clock || (current === clock && removal && states.has(clientId)))) continue;
      if (state === null) {
        states.delete(clientId);
        this.peerOwners.delete(clientId);
      } else {
        states.set(clientId, state);
        this.peerOwners.set(clientId, stampedUserId(state));
      }
      meta.set(clientId, { clock, lastUpdated: now });
      accepted.push(entry);
    }
    if (accepted.length > 0) {
      this.out.broadcast(encodeAwarenessMessage(encodeAwarenessEntries(accepted)), null);
    }
  }

  /** Every known state, for a connection that just joined or asked for them; null if none. */
  fullStateMessage(): Uint8Array | null {
    const clientIds = [...this.awareness.getStates().keys()];
    if (clientIds.length === 0) return null;
    return encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, clientIds));
  }

  /** The states of this process's own connections, as an awareness update; null if none. */
  localStatesUpdate(): Uint8Array | null {
    const clientIds = [...this.owners.keys()].filter((id) => this.awareness.states.has(id));
    return clientIds.length === 0 ? null : encodeAwarenessUpdate(this.awareness, clientIds);
  }

  /** The connection left: its state disappears for everyone at once. */
  release(connection: BoardConnection): void {
    const binding = this.bindings.get(connection);
    if (binding === undefined) return;
    this.bindings.delete(connection);
    if (this.owners.get(binding.clientId) !== connection) return; // taken over already
    this.owners.delete(binding.clientId);
    removeAwarenessStates(this.awareness, [binding.clientId], connection);
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  private bind(connection: BoardConnection, entry: AwarenessEntry): Binding | null {
    const existing = this.bindings.get(connection);
    if (existing !== undefined) return existing.clientId === entry.clientId ? existing : null;
    if (entry.state === null || entry.clientId === this.awareness.clientID) return null;
    const owner = this.owners.get(entry.clientId);
    // Only the same person may take an id over: her previous tab or a half-dead socket,
    // here or on another process.
    if (owner !== undefined && owner.principal.userId !== connection.principal.userId) return null;
    const peerOwner = this.peerOwners.get(entry.clientId);
    if (peerOwner !== undefined && peerOwner !== connection.principal.userId) return null;
    if (owner !== undefined) this.bindings.delete(owner);
    const lastClock = this.awareness.meta.get(entry.clientId)?.clock;
    const clockOffset =
      lastClock !== undefined && entry.clock <= lastClock ? lastClock + 1 - entry.clock : 0;
    const binding: Binding = { clientId: entry.clientId, clockOffset };
    this.bindings.set(connection, binding);
    this.owners.set(entry.clientId, connection);
    return binding;
  }
}

/** The user id the process that accepted a state stamped on it ('' if none: nobody's). */
function stampedUserId(state: Readonly<Record<string, unknown>>): string {
  const user = state.user;
  if (typeof user !== 'object' || user === null) return '';
  const id = (user as Record<string, unknown>).id;
  return typeof id === 'string' ? id : '';
}
