import { css } from 'lit';
import { sharedStyles } from '../../styles/shared-styles';

export const boardLanesStyles = [
  sharedStyles,
  css`
    .goals,
    .shared {
      display: grid;
      gap: var(--mutua-space);
      margin-bottom: var(--mutua-space);
    }
    :host([layout='lanes']) .goals {
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    }
    :host([layout='lanes']) .shared {
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    }
    .lane {
      background: #f7f1ee;
      border: 1px solid var(--mutua-line);
      border-radius: var(--mutua-radius);
      padding: 0.75rem;
      min-width: 0;
    }
    .lane.goal {
      border-top: 4px solid var(--mutua-plum);
    }
    h3 {
      margin: 0 0 0.5rem;
      font-size: 1.05rem;
    }
    ol {
      list-style: none;
      margin: 0 0 0.5rem;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .add {
      width: 100%;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @media (max-width: 40rem) {
      :host([layout='lanes']) .goals,
      :host([layout='lanes']) .shared {
        grid-template-columns: 1fr;
      }
    }
  `,
];
