import { css } from 'lit';
import { sharedStyles } from '../styles/shared-styles';

export const shellStyles = [
  sharedStyles,
  css`
    header {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      justify-content: space-between;
      padding: 0.5rem var(--mutua-space);
      background: var(--mutua-plum);
      color: #fff;
    }
    header a {
      color: #fff;
    }
    /* The blue focus ring is too faint on plum: white in the header. */
    header :focus-visible {
      outline-color: #fff;
    }
    .brand {
      font-weight: 700;
      font-size: 1.25rem;
      text-decoration: none;
    }
    nav {
      display: flex;
      gap: 0.75rem;
      flex-wrap: wrap;
    }
    nav a {
      padding: 0.6rem 0.2rem;
    }
    .tools {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
    }
    header select {
      min-height: 44px;
      padding: 0.2rem 0.4rem;
    }
    header button.secondary {
      color: #fff;
      border-color: #fff;
    }
    .status {
      font-size: 0.9rem;
      background: rgba(255, 255, 255, 0.18);
      border-radius: 999px;
      padding: 0.1rem 0.6rem;
    }
    .offline {
      margin: 0;
      padding: 0.5rem var(--mutua-space);
      background: #fff4e0;
      color: var(--mutua-warn);
      border-bottom: 1px solid var(--mutua-line);
    }
    main {
      max-width: 72rem;
      margin: 0 auto;
      padding: var(--mutua-space);
    }
    main:focus {
      outline: none;
    }
    .skip {
      position: absolute;
      left: -999px;
    }
    .skip:focus {
      outline-color: var(--mutua-focus);
      left: 0.5rem;
      top: 0.5rem;
      background: #fff;
      color: var(--mutua-plum);
      padding: 0.5rem;
      z-index: 10;
    }
  `,
];
