import type { AuthService } from './auth-service';
import type { Principal } from './principal';

/** An open connection (a Socket.IO socket, a board WebSocket) and how to end it. */
export interface WatchedConnection {
  readonly userId: string;
  readonly via: Principal['via'];
  readonly credentialHash: string;
  /** Her credential no longer holds: close the connection as unauthenticated. */
  end(): void;
}

interface WatchLogger {
  warn(obj: object, msg?: string): void;
}

/**
 * Connections are authenticated once, at the handshake; this keeps that answer true for
 * as long as they stay open. When a session or token of hers is revoked here (sign-out,
 * "sign out everywhere", a password change, a revoked token, a deleted account), her
 * connections are re-checked at once; every `intervalMs` all of them are, which also ends
 * connections whose session expired or was revoked by another process.
 */
export class CredentialWatch {
  private readonly byUser = new Map<string, Set<WatchedConnection>>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly onRevoked = (userId: string) => {
    void this.recheck([...(this.byUser.get(userId) ?? [])]);
  };

  constructor(
    private readonly auth: AuthService,
    private readonly logger: WatchLogger,
    intervalMs = 60_000,
  ) {
    auth.revocations.on('revoked', this.onRevoked);
    this.timer = setInterval(() => void this.recheckAll(), intervalMs);
    this.timer.unref();
  }

  /** Watches a connection; call the returned function when it closes. */
  add(connection: WatchedConnection): () => void {
    let set = this.byUser.get(connection.userId);
    if (!set) this.byUser.set(connection.userId, (set = new Set()));
    set.add(connection);
    return () => {
      set.delete(connection);
      if (set.size === 0 && this.byUser.get(connection.userId) === set) {
        this.byUser.delete(connection.userId);
      }
    };
  }

  get size(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  close(): void {
    clearInterval(this.timer);
    this.auth.revocations.off('revoked', this.onRevoked);
  }

  private endOnce(connection: WatchedConnection): void {
    const set = this.byUser.get(connection.userId);
    if (!set?.delete(connection)) return;
    if (set.size === 0) this.byUser.delete(connection.userId);
    connection.end();
  }

  private recheckAll(): Promise<void> {
    return this.recheck([...this.byUser.values()].flatMap((set) => [...set]));
  }

  /** One query per distinct credential; a failing database ends nobody's connection. */
  private async recheck(connections: readonly WatchedConnection[]): Promise<void> {
    const byCredential = new Map<string, WatchedConnection[]>();
    for (const c of connections) {
      const key = `${c.via}:${c.credentialHash}`;
      byCredential.set(key, [...(byCredential.get(key) ?? []), c]);
    }
    for (const group of byCredential.values()) {
      const { via, credentialHash } = group[0]!;
      let live: boolean;
      try {
        live = await this.auth.credentialIsLive(via, credentialHash);
      } catch (error) {
        this.logger.warn({ err: error }, 'could not re-check credentials of open connections');
        return;
      }
      if (!live) for (const c of group) this.endOnce(c);
    }
  }
}
