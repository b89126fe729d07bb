/**
 * Which browser origins may open WebSockets and send state-changing requests: the origin
 * of PUBLIC_URL when set; else the local addresses on the port the server listens on
 * (and the Vite dev server's, in development).
 */
export function createOriginPolicy(opts: {
  publicUrl: URL | undefined;
  port: () => number;
  development: boolean;
}): (origin: string | undefined) => boolean {
  return (origin) => {
    if (origin === undefined) return false;
    if (opts.publicUrl) return origin === opts.publicUrl.origin;
    const ports = [opts.port(), ...(opts.development ? [3000, 5173] : [])];
    return ports.some((port) =>
      ['localhost', '127.0.0.1', '[::1]'].some((host) => origin === `http://${host}:${port}`),
    );
  };
}
