import { DEMAND_CATEGORIES } from '../../demands/domain/demand.events.js';
import { categoryLabel, frDateTime } from './fr.js';

describe('French words of the pages', () => {
  it('names every demand category in French, capitalised, never by its code', () => {
    for (const category of DEMAND_CATEGORIES) {
      const label = categoryLabel(category);
      expect({ category, raw: label.includes('_') || label === category }).toEqual({ category, raw: false });
      expect(label.charAt(0)).toBe(label.charAt(0).toUpperCase());
    }
    expect(categoryLabel('staffing_recruitment')).toBe('Effectifs et recrutement');
  });

  it('keeps the observation themes (and version 1 categories) of the visit report', () => {
    expect(categoryLabel('premises_security')).toBe('Locaux et sécurité');
    expect(categoryLabel('hr')).toBe('Ressources humaines');
  });

  it('never splits "9 h 50" at the end of a line', () => {
    expect(frDateTime('2026-12-05T08:50:00.000Z')).toBe('5 décembre 2026 à 9\u00a0h\u00a050');
  });
});
