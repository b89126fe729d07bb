import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { accountRoutes } from '../../../shared/api';
import { COMMON_LANGUAGES, COUNTRY_CODES } from '../../../shared/countries';
import { ProfileInput, type Profile } from '../../../shared/schemas/profile';
import { SKILL_KEYS, STAGES, skillLabel } from '../../../shared/skills';
import { call } from '../../app/api-client';
import { appContext, type AppServices } from '../../app/app-context';
import { checkFields, describeFailure } from '../../app/form-state';
import { sharedStyles } from '../../styles/shared-styles';
import { renderTask } from '../page-state/page-state';
import { readProfileForm } from './profile-form';
import './availability-editor';
import './account-panel';

/** Her profile: who she is, what she offers and wants to learn, and when she is free. */
@customElement('mutua-profile-page')
export class ProfilePage extends LitElement {
  static override styles = sharedStyles;

  @consume({ context: appContext, subscribe: true }) services!: AppServices;
  @state() private failure: { message: string; fields: Record<string, string> } | null = null;
  @state() private saved = false;

  private readonly profile = new Task(this, {
    task: () => call(accountRoutes.getProfile),
    args: () => [],
  });

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const body = readProfileForm(event.target as HTMLFormElement);
    this.saved = false;
    this.failure = checkFields(ProfileInput, body, this.services);
    if (this.failure) return;
    try {
      await call(accountRoutes.putProfile, { body });
      this.saved = true;
      const me = this.services.me;
      if (me) this.services.setMe({ ...me, displayName: body.displayName });
    } catch (err) {
      this.failure = describeFailure(err, this.services);
    }
  }

  private error(name: string) {
    const message = this.failure?.fields[name];
    return message ? html`<span class="field-error">${message}</span>` : nothing;
  }

  private countrySelect(
    name: string,
    value: string | null,
    names: Intl.DisplayNames,
    label: string,
  ) {
    const sorted = [...COUNTRY_CODES].sort((a, b) =>
      (names.of(a) ?? a).localeCompare(names.of(b) ?? b),
    );
    return html`<label
      >${label}
      <select name=${name}>
        <option value="">—</option>
        ${sorted.map((c) => html`<option value=${c} ?selected=${c === value}>${names.of(c)}</option>`)}</select
      >${this.error(name)}</label
    >`;
  }

  private skills(name: 'offers' | 'wants', chosen: string[], tags: string[]) {
    const { t, locale } = this.services;
    return html`<fieldset>
      <legend>${t(name === 'offers' ? 'profile.offers' : 'profile.wants')}</legend>
      <div class="choices">
        ${SKILL_KEYS.map(
          (key) =>
            html`<label class="check"
              ><input type="checkbox" name=${name} value=${key} ?checked=${chosen.includes(key)} />
              <span>${skillLabel(key, locale)}</span></label
            >`,
        )}
      </div>
      <label
        >${t('profile.tags')}
        <input name=${`${name === 'offers' ? 'offer' : 'want'}Tags`} .value=${tags.join(', ')}
      /></label>
      ${this.error(name)}
    </fieldset>`;
  }

  private renderForm(p: Profile) {
    const { t, locale } = this.services;
    const countries = new Intl.DisplayNames([locale], { type: 'region' });
    const languages = new Intl.DisplayNames([locale], { type: 'language' });
    const zones = Intl.supportedValuesOf('timeZone');
    const zone = p.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const otherLanguages = p.languages.filter(
      (l) => !(COMMON_LANGUAGES as readonly string[]).includes(l),
    );
    return html`
      <form @submit=${this.save} novalidate>
        ${this.failure ? html`<p class="alert" role="alert">${this.failure.message}</p>` : nothing}
        ${this.saved ? html`<p role="status">${t('profile.saved')}</p>` : nothing}
        <label
          >${t('setup.name')}
          <input
            name="displayName"
            .value=${p.displayName}
            autocomplete="name"
            required
          />${this.error('displayName')}</label
        >
        <div class="row">
          ${this.countrySelect('country', p.country, countries, t('profile.country'))}
          <label
            >${t('profile.city')}
            <input name="city" .value=${p.city ?? ''} />${this.error('city')}</label
          >
          <label
            >${t('profile.timeZone')}
            <select name="timeZone">
              ${zones.map((z) => html`<option value=${z} ?selected=${z === zone}>${z.replace(/_/g, ' ')}</option>`)}
            </select>
          </label>
        </div>
        <fieldset>
          <legend>${t('profile.languages')}</legend>
          <div class="choices">
            ${COMMON_LANGUAGES.map(
              (l) =>
                html`<label class="check"
                  ><input
                    type="checkbox"
                    name="languages"
                    value=${l}
                    ?checked=${p.languages.includes(l)}
                  />
                  <span>${languages.of(l)}</span></label
                >`,
            )}
          </div>
          <label
            >${t('profile.otherLanguages')}
            <input name="otherLanguages" .value=${otherLanguages.join(', ')}
          /></label>
          ${this.error('languages')}
        </fieldset>
        <div class="row">
          <label
            >${t('profile.business')}
            <input
              name="businessName"
              .value=${p.businessName ?? ''}
            />${this.error('businessName')}</label
          >
          <label
            >${t('profile.sector')}
            <input name="sector" .value=${p.sector ?? ''} />${this.error('sector')}</label
          >
          <label
            >${t('profile.stage')}
            <select name="stage">
              <option value="">—</option>
              ${STAGES.map((s) => html`<option value=${s} ?selected=${s === p.stage}>${t(`stage.${s}`)}</option>`)}
            </select>
          </label>
        </div>
        ${this.skills('offers', p.offers, p.offerTags)} ${this.skills('wants', p.wants, p.wantTags)}
        <label
          >${t('profile.bio')}
          <textarea name="bio" rows="4" .value=${p.bio ?? ''}></textarea>${this.error('bio')}</label
        >
        ${this.countrySelect('diasporaOrigin', p.diasporaOrigin, countries, t('profile.diaspora'))}
        <mutua-availability-editor .windows=${p.availability}></mutua-availability-editor>
        ${this.error('availability')}
        <button type="submit">${t('profile.save')}</button>
      </form>
    `;
  }

  override render() {
    const { t } = this.services;
    return html`<h1>${t('profile.title')}</h1>
      <p class="muted">${t('profile.intro')}</p>
      ${renderTask(this.profile, this.services, (p) => this.renderForm(p))}
      <mutua-account-panel></mutua-account-panel>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mutua-profile-page': ProfilePage;
  }
}
