import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import { PAGE_ANSWERS_ELEMENT_ID, parsePath, type Page } from '../../shared/pages';

/**
 * Modules a page loads on demand at once, by their source path under `client/` (keys of the
 * build's manifest): the room page's board. Named in the page's `<head>` as module preloads,
 * they download with the entry instead of one round trip after it.
 */
const PAGE_MODULES: Partial<Record<Page['name'], readonly string[]>> = {
  room: ['components/board-view/board-view.ts'],
};

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

type Answers = (req: Request, res: Response) => Promise<Record<string, unknown>>;

/**
 * The app shell (`index.html`) as each page is sent: with the answers to the page's first API
 * calls (`page-answers.ts`) in a JSON data element, which the client reads instead of asking,
 * and module preloads for what the page loads on demand. The file and the build's manifest
 * are read once and again whenever the file changes (a new build).
 */
export class PageShell {
  private readonly indexFile: string;
  private readonly manifestFile: string;
  private cached: { mtimeMs: number; html: string; preloads: Map<string, string> } | null = null;

  constructor(
    clientDir: string,
    private readonly answers: Answers,
  ) {
    this.indexFile = path.join(clientDir, 'index.html');
    this.manifestFile = path.join(clientDir, '.vite', 'manifest.json');
  }

  /** The page for this request; null when there is no built client. */
  async render(req: Request, res: Response): Promise<string | null> {
    const shell = this.load();
    if (shell === null) return null;
    const page = parsePath(req.path);
    const answers = await this.answers(req, res);
    const head =
      (shell.preloads.get(page.name) ?? '') +
      `<script type="application/json" id="${PAGE_ANSWERS_ELEMENT_ID}">${scriptJson(answers)}</script>`;
    // A function, not a string: `$&`, `` $` `` and `$'` in people's text stay text.
    return shell.html.replace('</head>', () => `${head}</head>`);
  }

  private load() {
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(this.indexFile).mtimeMs;
    } catch {
      return null;
    }
    if (this.cached?.mtimeMs !== mtimeMs) {
      this.cached = {
        mtimeMs,
        html: fs.readFileSync(this.indexFile, 'utf8'),
        preloads: this.readPreloads(),
      };
    }
    return this.cached;
  }

  /** Preload links per page from the manifest; none when the build wrote no manifest. */
  private readPreloads(): Map<string, string> {
    const preloads = new Map<string, string>();
    let manifest: Record<string, ManifestChunk>;
    try {
      manifest = JSON.parse(fs.readFileSync(this.manifestFile, 'utf8')) as typeof manifest;
    } catch {
      return preloads;
    }
    for (const [page, sources] of Object.entries(PAGE_MODULES)) {
      const files = new Set<string>();
      const visit = (key: string) => {
        const chunk = manifest[key];
        // The entry is the page's own script already.
        if (chunk === undefined || chunk.isEntry || files.has(chunk.file)) return;
        files.add(chunk.file);
        chunk.imports?.forEach(visit);
      };
      sources.forEach(visit);
      const links = [...files].map(
        (file) => `<link rel="modulepreload" crossorigin href="/${encodeURI(file)}">`,
      );
      preloads.set(page, links.join(''));
    }
    return preloads;
  }
}

/** JSON that is safe inside a script element: no `<`, so nothing in it can end the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
