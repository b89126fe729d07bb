import type { Locale } from './protocol';

/**
 * Skills a participant can offer or wants to learn. Keys are stable (stored and matched);
 * labels exist in every interface language. Free tags complement this list.
 */
export const SKILLS = {
  'export-logistics': {
    en: 'Export logistics',
    fr: 'Logistique d’exportation',
    es: 'Logística de exportación',
  },
  'digital-marketing': {
    en: 'Digital marketing',
    fr: 'Marketing numérique',
    es: 'Marketing digital',
  },
  'social-media': { en: 'Social media', fr: 'Réseaux sociaux', es: 'Redes sociales' },
  pricing: { en: 'Pricing', fr: 'Fixation des prix', es: 'Fijación de precios' },
  bookkeeping: { en: 'Bookkeeping', fr: 'Comptabilité', es: 'Contabilidad' },
  financing: {
    en: 'Financing and credit',
    fr: 'Financement et crédit',
    es: 'Financiamiento y crédito',
  },
  'e-commerce': { en: 'Online sales', fr: 'Vente en ligne', es: 'Venta en línea' },
  'product-design': {
    en: 'Product design',
    fr: 'Conception de produits',
    es: 'Diseño de productos',
  },
  'quality-certification': {
    en: 'Quality and certification',
    fr: 'Qualité et certification',
    es: 'Calidad y certificación',
  },
  negotiation: { en: 'Negotiation', fr: 'Négociation', es: 'Negociación' },
  'team-leadership': { en: 'Leading a team', fr: 'Diriger une équipe', es: 'Liderar un equipo' },
  'public-speaking': { en: 'Public speaking', fr: 'Prise de parole', es: 'Hablar en público' },
  cooperatives: { en: 'Cooperatives', fr: 'Coopératives', es: 'Cooperativas' },
  'supply-chain': {
    en: 'Suppliers and supply chain',
    fr: 'Fournisseurs et approvisionnement',
    es: 'Proveedores y abastecimiento',
  },
  'legal-registration': {
    en: 'Legal registration',
    fr: 'Formalités juridiques',
    es: 'Trámites legales',
  },
  'grant-writing': {
    en: 'Grant applications',
    fr: 'Demandes de subventions',
    es: 'Solicitudes de fondos',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type SkillKey = keyof typeof SKILLS;
export const SKILL_KEYS = Object.keys(SKILLS) as SkillKey[];

export function skillLabel(key: string, locale: Locale): string {
  return key in SKILLS ? SKILLS[key as SkillKey][locale] : key;
}

export const STAGES = ['idea', 'early', 'growing', 'established'] as const;
export type Stage = (typeof STAGES)[number];
