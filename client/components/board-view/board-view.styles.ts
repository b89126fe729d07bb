import { css } from 'lit';
import { sharedStyles } from '../../styles/shared-styles';

export const boardViewStyles = [
  sharedStyles,
  css`
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      margin-bottom: 0.5rem;
    }
    .bar h2 {
      margin: 0;
    }
    .sync {
      margin: 0;
      padding: 0.15rem 0.7rem;
      border-radius: 999px;
      background: #eef6f0;
      color: var(--mutua-ok);
      font-size: 0.95rem;
    }
    .sync.saving,
    .sync.connecting,
    .sync.offline {
      background: #fff4e5;
      color: var(--mutua-warn);
    }
    .sync.not-saved,
    .sync.archived,
    .sync.withdrawn,
    .sync.full,
    .sync.failed {
      background: #fdeeee;
      color: var(--mutua-error);
    }
    .sync.read-only {
      background: #f0eef0;
      color: var(--mutua-muted);
    }
    .undo,
    .views {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .views {
      margin-bottom: var(--mutua-space);
    }
    .views button[aria-pressed='true'] {
      background: var(--mutua-plum);
      color: #fff;
    }
  `,
];
