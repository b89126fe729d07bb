import { createContext } from '@lit/context';
import type { Locale } from '../../shared/protocol';
import type { Me } from '../../shared/schemas/auth';
import type { MessageKey } from '../i18n/i18n';
import type { LiveConnection } from '../controllers/live-connection';

/** What every page needs: her language, a translator, who she is, and navigation. */
export interface AppServices {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string>) => string;
  me: Me | null;
  /** The page's one Socket.IO connection. */
  live: LiveConnection;
  navigate: (path: string) => void;
  setMe: (me: Me | null) => void;
}

export const appContext = createContext<AppServices>(Symbol('mutua-app'));
