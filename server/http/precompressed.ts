import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** What the build compresses ahead (`precompress` in vite.config.ts): hashed names only. */
const ASSET = /^\/([\w-]+(?:\.[\w-]+)*\.(js|css))$/;

/**
 * Hashed assets as the build compressed them: `<file>.br` to a browser that accepts Brotli,
 * with the type of the file itself; anything else falls through to the plain file (and
 * on-the-fly compression). Mounted on `/assets`; names are checked against `ASSET`, so no
 * path leaves the folder.
 */
export function precompressedAssets(assetsDir: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const asset = ASSET.exec(req.path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !asset) return next();
    res.vary('Accept-Encoding');
    if (req.acceptsEncodings('br', 'identity') !== 'br') return next();
    const compressed = path.join(assetsDir, `${asset[1]}.br`);
    if (!fs.existsSync(compressed)) return next();
    res.type(asset[2]!);
    res.setHeader('Content-Encoding', 'br');
    res.sendFile(compressed, { immutable: true, maxAge: '365d' }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };
}
