import { css } from 'lit';

/** Forms, buttons and cards shared by every page component. */
export const sharedStyles = css`
  :host {
    display: block;
  }
  h1,
  h2 {
    line-height: 1.2;
    margin: 0 0 var(--mutua-space);
  }
  .card {
    background: var(--mutua-card);
    border: 1px solid var(--mutua-line);
    border-radius: var(--mutua-radius);
    padding: calc(var(--mutua-space) * 1.25);
  }
  /* minmax(0, 1fr): a long option or a wide field never pushes a phone page sideways. */
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--mutua-space);
    max-width: 28rem;
  }
  label {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.25rem;
    font-weight: 600;
  }
  label.check {
    grid-template-columns: auto 1fr;
    align-items: start;
    font-weight: 400;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.6rem 0.7rem;
    border: 1px solid var(--mutua-muted);
    border-radius: 6px;
    background: #fff;
    color: var(--mutua-ink);
    min-height: 44px;
    box-sizing: border-box;
  }
  input,
  select,
  textarea {
    max-width: 100%;
  }
  /* 24 px at least: the WCAG 2.2 AA target size, on a phone too. */
  input[type='checkbox'] {
    min-height: auto;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    padding: 0.55rem 1.1rem;
    border-radius: 6px;
    border: 1px solid var(--mutua-plum);
    background: var(--mutua-plum);
    color: #fff;
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--mutua-plum);
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  :focus-visible {
    outline: 3px solid var(--mutua-focus);
    outline-offset: 2px;
  }
  .field-error {
    color: var(--mutua-error);
    font-weight: 400;
    font-size: 0.95rem;
  }
  .alert {
    border-left: 4px solid var(--mutua-error);
    background: #fdeeee;
    padding: 0.6rem 0.8rem;
    border-radius: 4px;
  }
  .muted {
    color: var(--mutua-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  fieldset {
    border: 1px solid var(--mutua-line);
    border-radius: 6px;
    padding: 0.75rem;
    /* Fieldsets default to min-content width, which pushes a phone page sideways. */
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: end;
  }
  .row > * {
    flex: 1 1 12rem;
    min-width: 0;
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(13rem, 100%), 1fr));
    gap: 0.25rem 1rem;
  }
`;
