import type { ProfileInput } from '../../shared/schemas/profile';
import type { Locale } from '../../shared/protocol';

export interface DemoPerson {
  key: string;
  email: string;
  locale: Locale;
  profile: ProfileInput;
}

const week = (days: number[], start: string, end: string) =>
  days.map((day) => ({ day, start, end }));

function person(
  key: string,
  locale: Locale,
  profile: Omit<ProfileInput, 'offerTags' | 'wantTags' | 'diasporaOrigin'> & Partial<ProfileInput>,
): DemoPerson {
  return {
    key,
    email: `${key}@demo.example`,
    locale,
    profile: { offerTags: [], wantTags: [], diasporaOrigin: null, ...profile },
  };
}

/** The sample program's people: realistic, clearly marked as demo, in three languages. */
export const DEMO_FACILITATOR = person('mariam.ba', 'fr', {
  displayName: 'Mariam Ba (démo)',
  country: 'SN',
  city: 'Dakar',
  timeZone: 'Africa/Dakar',
  languages: ['fr', 'wo', 'en'],
  businessName: null,
  sector: null,
  stage: null,
  offers: [],
  wants: [],
  bio: 'Animatrice du programme de démonstration.',
  availability: [],
});

export const DEMO_PARTICIPANTS: DemoPerson[] = [
  person('claire.tremblay', 'fr', {
    displayName: 'Claire Tremblay (démo)',
    country: 'CA',
    city: 'Montréal',
    timeZone: 'America/Toronto',
    languages: ['fr', 'en'],
    businessName: 'Savons Boréal',
    sector: 'cosmetics',
    stage: 'established',
    offers: ['digital-marketing', 'e-commerce'],
    wants: ['export-logistics', 'cooperatives'],
    bio: 'Je fabrique des savons artisanaux et je vends en ligne partout au Canada.',
    availability: week([1, 3], '12:00', '15:00'),
  }),
  person('awa.diop', 'fr', {
    displayName: 'Awa Diop (démo)',
    country: 'SN',
    city: 'Thiès',
    timeZone: 'Africa/Dakar',
    languages: ['fr', 'wo'],
    businessName: 'Teintures de Thiès',
    sector: 'textiles',
    stage: 'growing',
    offers: ['cooperatives', 'export-logistics'],
    wants: ['digital-marketing', 'social-media'],
    bio: 'Notre coopérative de 30 femmes teint le bazin et exporte vers la sous-région.',
    availability: week([1, 3, 5], '15:00', '20:00'),
  }),
  person('rosa.quispe', 'es', {
    displayName: 'Rosa Quispe (demo)',
    country: 'BO',
    city: 'Cochabamba',
    timeZone: 'America/La_Paz',
    languages: ['es', 'qu'],
    businessName: 'Quinua del Valle',
    sector: 'food',
    stage: 'growing',
    offers: ['quality-certification', 'supply-chain'],
    wants: ['pricing', 'e-commerce'],
    bio: 'Procesamos quinua orgánica con productoras del valle alto.',
    availability: week([2, 4], '18:00', '21:00'),
  }),
  person('jennifer.morales', 'en', {
    displayName: 'Jennifer Morales (demo)',
    country: 'CA',
    city: 'Toronto',
    timeZone: 'America/Toronto',
    languages: ['en', 'es'],
    businessName: 'Andes Table',
    sector: 'food',
    stage: 'early',
    diasporaOrigin: 'BO',
    offers: ['pricing', 'financing'],
    wants: ['supply-chain', 'quality-certification'],
    bio: 'I import Bolivian grains for Toronto restaurants; my family is from Cochabamba.',
    availability: week([2, 4], '17:00', '21:00'),
  }),
  person('fatou.ndiaye', 'fr', {
    displayName: 'Fatou Ndiaye (démo)',
    country: 'SN',
    city: 'Dakar',
    timeZone: 'Africa/Dakar',
    languages: ['fr', 'wo', 'es'],
    businessName: 'Ndiaye Transferts',
    sector: 'finance',
    stage: 'established',
    offers: ['financing', 'bookkeeping'],
    wants: ['social-media', 'product-design'],
    bio: 'Je conseille les commerçantes sur le crédit et la tenue des comptes.',
    availability: week([2, 4], '19:00', '23:00'),
  }),
  person('lucia.mamani', 'es', {
    displayName: 'Lucía Mamani (demo)',
    country: 'BO',
    city: 'La Paz',
    timeZone: 'America/La_Paz',
    languages: ['es', 'ay', 'fr'],
    businessName: 'Awayu Diseño',
    sector: 'textiles',
    stage: 'idea',
    offers: ['product-design', 'social-media'],
    wants: ['grant-writing', 'financing'],
    bio: 'Diseño accesorios con tejidos aymaras y busco mi primer financiamiento.',
    availability: week([2, 4], '15:00', '19:00'),
  }),
];
