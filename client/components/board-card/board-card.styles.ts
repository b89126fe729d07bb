import { css } from 'lit';
import { sharedStyles } from '../../styles/shared-styles';

export const boardCardStyles = [
  sharedStyles,
  css`
    .card {
      position: relative;
      background: var(--mutua-card);
      border: 1px solid var(--mutua-line);
      border-left: 5px solid #b8a99f;
      border-radius: 8px;
      padding: 0.5rem;
      display: grid;
      gap: 0.4rem;
    }
    .card.plum {
      border-left-color: var(--mutua-plum);
    }
    .card.saffron {
      border-left-color: var(--mutua-saffron);
    }
    .card.sky {
      border-left-color: #1a5fb4;
    }
    .card.leaf {
      border-left-color: var(--mutua-ok);
    }
    .card.done {
      background: #f1f8f3;
    }
    .card.shared {
      outline: 3px dashed var(--mutua-focus);
      outline-offset: 1px;
    }
    .peer {
      justify-self: start;
      font-size: 0.85rem;
      background: var(--mutua-focus);
      color: #fff;
      border-radius: 4px;
      padding: 0 0.4rem;
    }
    textarea {
      width: 100%;
      resize: vertical;
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .by {
      margin: 0;
      font-size: 0.85rem;
    }
    .meta,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: end;
    }
    label {
      font-size: 0.9rem;
      font-weight: 600;
    }
    select {
      max-width: 100%;
    }
    button {
      padding: 0.3rem 0.7rem;
    }
    button.icon {
      min-width: 44px;
    }
    button.danger {
      color: var(--mutua-error);
      border-color: var(--mutua-error);
    }
  `,
];
