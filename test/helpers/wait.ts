/** Anything with on/off: Node emitters, Socket.IO sockets, Yjs providers. */
export interface Emitter {
  // Listener types differ per library; each caller knows what its event carries.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  off(event: string, listener: (...args: any[]) => void): unknown;
}

/** Resolves with the first emission of `event`, rejects on `error` or after `ms`. */
export function once<T = unknown>(emitter: Emitter, event: string, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${ms} ms waiting for '${event}'`));
    }, ms);
    const onEvent = (value: T) => {
      cleanup();
      resolve(value);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      clearTimeout(timer);
      emitter.off(event, onEvent);
      if (event !== 'error') emitter.off('error', onError);
    };
    emitter.on(event, onEvent);
    if (event !== 'error') emitter.on('error', onError);
  });
}

/** Resolves when `line` matching `pattern` appears on a readable stream. */
export function lineMatching(
  stream: NodeJS.ReadableStream,
  pattern: RegExp,
  ms = 20_000,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      stream.off('data', onData);
      reject(new Error(`timed out waiting for ${pattern}; saw:\n${buffer}`));
    }, ms);
    const onData = (chunk: Buffer | string) => {
      buffer += chunk.toString();
      const match = pattern.exec(buffer);
      if (match) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(match);
      }
    };
    stream.on('data', onData);
  });
}
