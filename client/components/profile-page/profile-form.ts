import type { ProfileInput } from '../../../shared/schemas/profile';
import type { AvailabilityEditor } from './availability-editor';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const orNull = (value: string) => (value === '' ? null : value);
const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** Reads the profile form into the shared ProfileInput shape (validated by its schema next). */
export function readProfileForm(element: HTMLFormElement): ProfileInput {
  const form = new FormData(element);
  const editor = element.querySelector('mutua-availability-editor') as AvailabilityEditor | null;
  return {
    displayName: text(form, 'displayName'),
    country: orNull(text(form, 'country')),
    city: orNull(text(form, 'city')),
    timeZone: orNull(text(form, 'timeZone')),
    languages: [
      ...new Set([
        ...form.getAll('languages').map(String),
        ...list(text(form, 'otherLanguages').toLowerCase()),
      ]),
    ],
    businessName: orNull(text(form, 'businessName')),
    sector: orNull(text(form, 'sector')),
    stage: orNull(text(form, 'stage')) as ProfileInput['stage'],
    offers: form.getAll('offers').map(String),
    wants: form.getAll('wants').map(String),
    offerTags: list(text(form, 'offerTags')),
    wantTags: list(text(form, 'wantTags')),
    bio: orNull(text(form, 'bio')),
    diasporaOrigin: orNull(text(form, 'diasporaOrigin')),
    availability: editor?.windows ?? [],
  };
}
