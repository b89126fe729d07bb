import { html, nothing } from 'lit';
import type { AppServices } from './app-context';

/**
 * Name, email and a new password: the fields of every form that creates an account (first
 * admin, accepting an invitation), with each field's message in her language.
 */
export function accountFields(
  t: AppServices['t'],
  fields: Record<string, string> | undefined,
  email = '',
) {
  const error = (name: string) =>
    fields?.[name] ? html`<span class="field-error">${fields[name]}</span>` : nothing;
  return html`
    <label
      >${t('setup.name')}
      <input name="displayName" autocomplete="name" required />${error('displayName')}</label
    >
    <label
      >${t('signIn.email')}
      <input name="email" type="email" autocomplete="email" .value=${email} required />${error(
        'email',
      )}</label
    >
    <label
      >${t('signIn.password')}
      <input
        name="password"
        type="password"
        autocomplete="new-password"
        minlength="8"
        required
      />${error('password')}</label
    >
  `;
}
