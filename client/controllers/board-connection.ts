import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { messageYjsSyncStep2, writeSyncStep1 } from 'y-protocols/sync';
import { WebsocketProvider, messageSync } from 'y-websocket';
import * as Y from 'yjs';
import { repairAfterRemoteChanges } from '../../shared/board';
import { CLOSE_CODES } from '../../shared/errors';
import {
  BOARD_SAVE_NOTICE,
  PROTOCOL_VERSION,
  YJS_SAVE_NOTICE_MESSAGE,
} from '../../shared/protocol';
import { BOARD_MAX_BACKOFF_MS, retryQuicklyAfterRestart } from './restart-retry';

/** What the sync indicator says. */
export type SyncState =
  | 'connecting'
  | 'saved'
  | 'saving'
  | 'not-saved'
  | 'offline'
  | 'read-only'
  | 'withdrawn'
  | 'archived'
  | 'full'
  | 'failed';

export interface BoardConnectionOptions {
  boardId: string;
  readOnly: boolean;
  /** "Shared computer" sign-in: nothing of the board is kept in this browser. */
  sharedDevice: boolean;
}

/** How long after her last edit we ask the server whether it has stored everything. */
const PROBE_DELAY_MS = 150;

/**
 * The board's connection: a stock y-websocket provider on `/yjs` (session cookie, same
 * origin), the offline cache in IndexedDB, and whether her edits are stored yet.
 *
 * The server answers a sync step 1 only once every update it received before it is
 * stored, so after her edits we send a step 1 and count them saved when its step 2 comes.
 * When the server cannot store edits (its database refuses writes), it says so with a save
 * notice: the indicator says "not saved" until it can again, and her edits stay in this
 * document and its offline copy, which the provider sends again after any reconnection.
 */
export class BoardConnection implements ReactiveController {
  readonly doc = new Y.Doc();
  provider: WebsocketProvider | null = null;
  state: SyncState = 'connecting';
  /** Her changes not yet confirmed stored. */
  pending = 0;
  /** Her changes since the last confirmed probe. */
  private sent = 0;
  private probes: number[] = [];
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private cache: IndexeddbPersistence | null = null;
  private repair: ReturnType<typeof repairAfterRemoteChanges> | null = null;
  private terminal: SyncState | null = null;
  /** The server said it cannot store this board's edits at the moment. */
  private serverNotSaving = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: BoardConnectionOptions,
  ) {
    host.addController(this);
  }

  get awareness() {
    return this.provider?.awareness ?? null;
  }

  hostConnected() {
    const { boardId, sharedDevice } = this.options;
    if (!sharedDevice) this.cache = new IndexeddbPersistence(`mutua-board-${boardId}`, this.doc);
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
    const provider = new WebsocketProvider(url, boardId, this.doc, {
      params: { protocol: String(PROTOCOL_VERSION) },
      disableBc: true,
      maxBackoffTime: BOARD_MAX_BACKOFF_MS,
    });
    retryQuicklyAfterRestart(provider);
    this.provider = provider;
    this.repair = repairAfterRemoteChanges(this.doc, () => provider.synced);
    const original = provider.messageHandlers[messageSync]!;
    provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, type) => {
      const step = decoding.peekVarUint(decoder);
      original(encoder, decoder, p, emitSynced, type);
      if (step === messageYjsSyncStep2 && p.synced) this.confirmProbe();
    };
    provider.messageHandlers[YJS_SAVE_NOTICE_MESSAGE] = (_encoder, decoder) => {
      this.onSaveNotice(decoding.readVarUint(decoder));
    };
    provider.on('status', this.onStatus);
    provider.on('sync', this.onSync);
    provider.on('closed', this.onClosed);
    this.doc.on('update', this.onUpdate);
    addEventListener('offline', this.onOffline);
    addEventListener('online', this.onOnline);
  }

  hostDisconnected() {
    removeEventListener('offline', this.onOffline);
    removeEventListener('online', this.onOnline);
    clearTimeout(this.probeTimer);
    this.doc.off('update', this.onUpdate);
    this.repair?.stop();
    this.provider?.destroy();
    void this.cache?.destroy();
    this.provider = null;
    this.cache = null;
  }

  /** Whether this browser keeps a copy (not after a "shared computer" sign-in). */
  get cached() {
    return this.cache !== null;
  }

  /** Resolves once the offline copy is loaded (at once when there is none). */
  whenCached(): Promise<unknown> {
    return this.cache?.whenSynced ?? Promise.resolve();
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider || origin === this.cache || this.options.readOnly) return;
    this.sent++;
    this.scheduleProbe();
    this.refresh();
  };

  /**
   * A socket can outlive the network (a phone between cells, a laptop whose Wi-Fi dropped)
   * and only time out 30 s later: when the browser knows it is offline, close it at once,
   * so the indicator tells the truth, and reconnect as soon as it is back.
   */
  private readonly onOffline = () => {
    if (this.terminal) return;
    this.provider?.disconnect();
    this.refresh();
  };

  private readonly onOnline = () => {
    if (!this.terminal) this.provider?.connect();
  };

  private readonly onStatus = ({ status }: { status: string }) => {
    if (status === 'disconnected') {
      this.probes = [];
      // A new connection tells again if the board is still not being saved.
      this.serverNotSaving = false;
    }
    this.refresh();
  };

  private onSaveNotice(notice: number) {
    this.serverNotSaving = notice === BOARD_SAVE_NOTICE.notSaved;
    // Stored again: what she typed meanwhile is being written; ask when it is.
    if (!this.serverNotSaving) this.scheduleProbe(0);
    this.refresh();
  }

  private readonly onSync = (synced: boolean) => {
    if (!synced) return;
    this.repair?.settle();
    this.scheduleProbe(0);
    this.refresh();
  };

  private readonly onClosed = ({ code, reason }: { code: number; reason: string }) => {
    if (code === CLOSE_CODES.tooLarge && reason === 'board_full') this.terminal = 'full';
    else if (code === CLOSE_CODES.forbidden && reason === 'archived') this.terminal = 'archived';
    else if (code === CLOSE_CODES.forbidden || code === CLOSE_CODES.unauthenticated)
      this.terminal = 'withdrawn';
    else this.terminal = 'failed';
    this.refresh();
  };

  private scheduleProbe(delay = PROBE_DELAY_MS) {
    clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => this.sendProbe(), delay);
  }

  private sendProbe() {
    const provider = this.provider;
    const ws = provider?.ws;
    if (!provider?.synced || !ws || ws.readyState !== ws.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    writeSyncStep1(encoder, this.doc);
    this.probes.push(this.sent);
    ws.send(encoding.toUint8Array(encoder));
  }

  private confirmProbe() {
    const covered = this.probes.shift();
    if (covered === undefined) return;
    // The first `covered` changes are stored; later probes counted them too.
    this.sent -= covered;
    this.probes = this.probes.map((n) => n - covered);
    this.refresh();
  }

  private refresh() {
    this.pending = this.sent;
    this.state = this.computeState();
    this.host.requestUpdate();
  }

  private computeState(): SyncState {
    if (this.terminal) return this.terminal;
    if (this.options.readOnly) return 'read-only';
    const provider = this.provider;
    if (!provider?.wsconnected)
      return provider?.wsconnecting && this.sent === 0 ? 'connecting' : 'offline';
    if (this.serverNotSaving) return 'not-saved';
    if (!provider.synced) return 'connecting';
    return this.sent > 0 ? 'saving' : 'saved';
  }
}
