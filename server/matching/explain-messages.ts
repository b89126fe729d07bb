/**
 * Sentence templates for each reason, in the three interface languages. Lists, language
 * and country names are formatted by the caller (Intl) before they reach a template.
 * French and Spanish sentences use the feminine plural: participants are women.
 */
import type { Locale } from '../../shared/protocol';
import type { PairKind, Stage } from './types';

export interface Phrases {
  offers(from: string, to: string, skills: string): string;
  sameStage(stage: Stage): string;
  stages(nameA: string, stageA: Stage, nameB: string, stageB: Stage): string;
  sharedSector(sector: string): string;
  complementarySectors(a: string, b: string): string;
  sharedGoals(goals: string): string;
  overlap(hours: string, plural: boolean): string;
  sharedLanguages(languages: string): string;
  kind(kind: PairKind, countryA: string, countryB: string): string;
}

const EN_STAGE: Record<Stage, string> = {
  idea: 'idea',
  early: 'early',
  growing: 'growth',
  established: 'established',
};
const FR_STAGE: Record<Stage, string> = {
  idea: "de l'idée",
  early: 'du démarrage',
  growing: 'de la croissance',
  established: 'de la maturité',
};
const ES_STAGE: Record<Stage, string> = {
  idea: 'la etapa de idea',
  early: 'la etapa inicial',
  growing: 'la etapa de crecimiento',
  established: 'la etapa de consolidación',
};

const en: Phrases = {
  offers: (from, to, skills) => `${from} offers ${skills}, which ${to} wants to learn.`,
  sameStage: (stage) => `Both businesses are at the ${EN_STAGE[stage]} stage.`,
  stages: (a, sa, b, sb) =>
    `${a}'s business is at the ${EN_STAGE[sa]} stage and ${b}'s at the ${EN_STAGE[sb]} stage.`,
  sharedSector: (sector) => `Both work in ${sector}.`,
  complementarySectors: (a, b) => `Their sectors complement each other: ${a} and ${b}.`,
  sharedGoals: (goals) => `They share goals: ${goals}.`,
  overlap: (hours, plural) =>
    `They can meet about ${hours} ${plural ? 'hours' : 'hour'} a week at times that suit both.`,
  sharedLanguages: (languages) => `Both speak ${languages}.`,
  kind: (kind, a, b) => {
    switch (kind) {
      case 'national':
        return `Both are based in ${a}.`;
      case 'diaspora-to-origin':
        return `A diaspora pair linking ${a} and ${b}.`;
      default:
        return `A ${kind.replace('-', '–')} pair: ${a} and ${b}.`;
    }
  },
};

const FR_KIND: Record<PairKind, string> = {
  'north-south': 'nord–sud',
  'south-south': 'sud–sud',
  'north-north': 'nord–nord',
  national: 'national',
  'diaspora-to-origin': "diaspora–pays d'origine",
};

const fr: Phrases = {
  offers: (from, to, skills) => `${from} propose ce que ${to} veut apprendre\u00a0: ${skills}.`,
  sameStage: (stage) => `Les deux entreprises en sont au stade ${FR_STAGE[stage]}.`,
  stages: (a, sa, b, sb) => `${a} en est au stade ${FR_STAGE[sa]}, ${b} au stade ${FR_STAGE[sb]}.`,
  sharedSector: (sector) => `Toutes deux travaillent dans le même secteur\u00a0: ${sector}.`,
  complementarySectors: (a, b) => `Leurs secteurs se complètent\u00a0: ${a} et ${b}.`,
  sharedGoals: (goals) => `Elles partagent des objectifs\u00a0: ${goals}.`,
  overlap: (hours, plural) =>
    `Elles ont environ ${hours}\u00a0${plural ? 'heures' : 'heure'} de disponibilités communes par semaine.`,
  sharedLanguages: (languages) => `Toutes deux parlent ${languages}.`,
  kind: (kind, a, b) =>
    kind === 'national'
      ? `Toutes deux sont basées dans le même pays\u00a0: ${a}.`
      : `Un binôme ${FR_KIND[kind]}\u00a0: ${a} et ${b}.`,
};

const ES_KIND: Record<PairKind, string> = {
  'north-south': 'norte–sur',
  'south-south': 'sur–sur',
  'north-north': 'norte–norte',
  national: 'nacional',
  'diaspora-to-origin': 'diáspora–país de origen',
};

const es: Phrases = {
  offers: (from, to, skills) => `${from} ofrece lo que ${to} quiere aprender: ${skills}.`,
  sameStage: (stage) => `Ambas empresas están en ${ES_STAGE[stage]}.`,
  stages: (a, sa, b, sb) => `${a} está en ${ES_STAGE[sa]} y ${b} en ${ES_STAGE[sb]}.`,
  sharedSector: (sector) => `Ambas trabajan en el mismo sector: ${sector}.`,
  complementarySectors: (a, b) => `Sus sectores se complementan: ${a} y ${b}.`,
  sharedGoals: (goals) => `Comparten objetivos: ${goals}.`,
  overlap: (hours, plural) =>
    `Tienen unas ${hours} ${plural ? 'horas' : 'hora'} por semana de disponibilidad en común.`,
  sharedLanguages: (languages) => `Ambas hablan ${languages}.`,
  kind: (kind, a, b) =>
    kind === 'national'
      ? `Ambas tienen su base en el mismo país: ${a}.`
      : `Una pareja ${ES_KIND[kind]}: ${a} y ${b}.`,
};

export const PHRASES: Record<Locale, Phrases> = { en, fr, es };
