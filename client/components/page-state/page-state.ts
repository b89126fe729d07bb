import { html, type nothing, type TemplateResult } from 'lit';
import type { Task } from '@lit/task';
import type { AppServices } from '../../app/app-context';
import { describeFailure } from '../../app/form-state';

/** Loading, error and done states of a page's data, the same way everywhere. */
export function renderTask<T>(
  task: Task<readonly unknown[], T>,
  services: Pick<AppServices, 't' | 'locale'>,
  complete: (value: T) => TemplateResult | typeof nothing,
) {
  const { t } = services;
  return task.render({
    initial: () => html`<p role="status">${t('app.loading')}</p>`,
    pending: () => html`<p role="status">${t('app.loading')}</p>`,
    complete,
    error: (err: unknown) => {
      const { message } = describeFailure(err, services);
      return html`<p class="alert" role="alert">${message}</p>
        <button class="secondary" @click=${() => task.run()}>${t('app.retry')}</button>`;
    },
  });
}
