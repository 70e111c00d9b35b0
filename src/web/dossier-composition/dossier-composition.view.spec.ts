import { type DossierWorkspace } from '../../dossiers/compose-dossier/get-dossier-workspace.handler.js';
import { formState } from '../forms/form.js';
import {
  compositionPage,
  initialValues,
  LIMINAIRE_FIELD,
  paragraphsOf,
  pickField,
  questionField,
  rankField,
  readComposition,
} from './dossier-composition.view.js';

const demand = (id: string, title: string, suggested = false) => ({
  demandId: id,
  revision: 3,
  ref: 'n°\u00a01',
  title,
  antennaId: 'ant-bethune',
  antennaName: 'ALIP MO de Béthune',
  statusLabel: 'Soumise',
  overdue: id === 'd1',
  question: `Question sur ${title}`,
  questionChannel: 'question diverse',
  questionReason: 'réponse en retard',
  suggested,
});

const DRAFT = [
  {
    text: 'Pour cette séance, FO Justice CPIP suit 3 revendications ouvertes.',
    sources: [
      { demandId: 'd1', ref: 'n°\u00a01', label: 'Recruter au moins 1 ASE' },
      { demandId: null, ref: null, label: 'séance du 13 octobre 2023' },
    ],
    byOfficer: false,
  },
  { text: 'Nous demandons une réponse écrite et datée.', sources: [], byOfficer: false },
];

const workspace = (extra: Partial<DossierWorkspace> = {}): DossierWorkspace => ({
  meetingId: 'mtg-1',
  revision: -1,
  unitId: 'spip-62',
  withinSections: true,
  composition: null,
  proposal: {
    arreteAu: '2024-03-28T22:59:59.999Z',
    demands: [
      demand('d1', 'Recruter au moins 1 ASE', true),
      demand('d2', 'Prises réseau'),
      demand('d3', 'Bureaux', true),
    ],
    questionDemandIds: ['d1', 'd3'],
    liminaire: DRAFT,
    composedLiminaire: null,
  },
  names: [],
  issues: [],
  ...extra,
});

describe('Dossier composition page: the form as first shown', () => {
  it('When nothing is composed, then every demand is ticked in the proposal’s order, the suggestions as questions, the draft in the textarea', () => {
    const values = initialValues(workspace());
    expect(values[pickField('d2')]).toBe('oui');
    expect([rankField('d1'), rankField('d2'), rankField('d3')].map((f) => values[f])).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(values[questionField('d1')]).toBe('oui');
    expect(values[questionField('d2')]).toBeUndefined();
    expect(values[LIMINAIRE_FIELD]).toBe(`${DRAFT[0]?.text}\n\n${DRAFT[1]?.text}`);
  });

  it('When a composition is recorded, then it comes first in its order, with its questions and the officer’s text', () => {
    const w = workspace({
      revision: 0,
      composition: {
        demandIds: ['d3', 'd1'],
        questionDemandIds: ['d1'],
        liminaire: ['Notre texte.'],
        arreteAu: '2024-03-28T22:59:59.999Z',
        known: 'occurred',
        redaction: 'roles',
        composedAt: '2026-12-04T10:00:00.000Z',
      },
    });
    const values = initialValues(w);
    expect(values[pickField('d2')]).toBeUndefined();
    expect(values[rankField('d3')]).toBe('1');
    expect(values[rankField('d1')]).toBe('2');
    expect(values[questionField('d3')]).toBeUndefined();
    expect(values[LIMINAIRE_FIELD]).toBe('Notre texte.');
    const page = compositionPage(w, { title: 'CSA' }, { canWrite: true }, { key: 'k' });
    expect(page.rows.map((r) => r.id)).toEqual(['d3', 'd1', 'd2']);
    expect(page.composition?.summary).toBe(
      '2 revendications, 1 question diverse, déclaration liminaire rédigée par l’OS',
    );
    expect(page.forms?.revision).toBe(0);
    expect(page.composition?.liminaire).toEqual(['Notre texte.']);
  });
});

describe('Dossier composition page: reading the posted form', () => {
  const base = (): Record<string, string> => ({ ...initialValues(workspace()) });

  it('When ranks are given, then the ticked demands follow them (ties in the page’s order), questions in that order', () => {
    const values = {
      ...base(),
      [rankField('d1')]: '2',
      [rankField('d2')]: '1',
      [rankField('d3')]: '2',
    };
    const read = readComposition(workspace(), values);
    expect(read.errors).toEqual([]);
    expect(read.demandIds).toEqual(['d2', 'd1', 'd3']);
    expect(read.questionDemandIds).toEqual(['d1', 'd3']);
  });

  it('When a demand is unticked, then it is left out; its question too, or an error says why beside it', () => {
    const values = base();
    delete values[pickField('d2')];
    expect(readComposition(workspace(), values).demandIds).toEqual(['d1', 'd3']);
    delete values[pickField('d3')];
    const read = readComposition(workspace(), values);
    expect(read.errors).toEqual([
      {
        field: questionField('d3'),
        message:
          '« Bureaux » : une question diverse ne porte que sur une revendication cochée pour le dossier',
      },
    ]);
  });

  it('When nothing is ticked or a rank is not a whole number, then French messages name the fields', () => {
    const none: Record<string, string> = { [LIMINAIRE_FIELD]: '' };
    expect(readComposition(workspace(), none).errors).toEqual([
      { field: 'demandes', message: 'Cochez au moins une revendication à mettre dans le dossier' },
    ]);
    for (const bad of ['', 'deux', '0', '1000', '1.5']) {
      const read = readComposition(workspace(), { ...base(), [rankField('d2')]: bad });
      expect(read.errors.map((e) => e.field)).toEqual([rankField('d2')]);
      expect(read.errors[0]?.message).toBe(
        'Rang de « Prises réseau » : indiquez un nombre entier de 1 à 999',
      );
    }
  });

  it('When more than a handful of questions are ticked, then refused, naming the questions', () => {
    const w = workspace();
    w.proposal.demands = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => demand(id, `Revendication ${id}`));
    const values: Record<string, string> = {};
    for (const d of w.proposal.demands) {
      values[pickField(d.demandId)] = 'oui';
      values[rankField(d.demandId)] = '1';
      values[questionField(d.demandId)] = 'oui';
    }
    expect(readComposition(w, values).errors).toEqual([
      {
        field: 'questions',
        message: 'Retenez au plus 5 questions diverses : une séance n’en prend qu’une poignée',
      },
    ]);
  });

  it('When the statement is the draft as shown (spacing aside) or emptied, then the generated one is kept (null); edited, it is the officer’s', () => {
    const draftAgain = { ...base(), [LIMINAIRE_FIELD]: `  ${DRAFT[0]?.text}\r\n\r\n${DRAFT[1]?.text}  ` };
    expect(readComposition(workspace(), draftAgain).liminaire).toBeNull();
    expect(readComposition(workspace(), { ...base(), [LIMINAIRE_FIELD]: ' \n ' }).liminaire).toBeNull();
    const edited = { ...base(), [LIMINAIRE_FIELD]: 'Premier paragraphe.\n\n\nSecond,\nsur deux lignes.' };
    expect(readComposition(workspace(), edited).liminaire).toEqual([
      'Premier paragraphe.',
      'Second,\nsur deux lignes.',
    ]);
  });

  it('When a paragraph is too long, then refused beside the textarea', () => {
    const values = { ...base(), [LIMINAIRE_FIELD]: 'x'.repeat(4001) };
    expect(readComposition(workspace(), values).errors).toEqual([
      {
        field: LIMINAIRE_FIELD,
        message: 'Chaque paragraphe de la déclaration doit compter au plus 4 000 caractères',
      },
    ]);
    expect(paragraphsOf('a\n \nb')).toEqual(['a', 'b']);
  });
});

describe('Dossier composition page: what is shown', () => {
  it('When an observer reads it, then no form, and a sentence says why', () => {
    const page = compositionPage(workspace(), { title: 'CSA' }, { canWrite: false }, { key: 'k' });
    expect(page.forms).toBeNull();
    expect(page.readOnly).toContain('Consultation seule');
  });

  it('When the instance is outside the officer’s sections, then no form, and it says so', () => {
    const page = compositionPage(
      workspace({ withinSections: false }),
      { title: 'CSA' },
      { canWrite: true },
      { key: 'k' },
    );
    expect(page.forms).toBeNull();
    expect(page.readOnly).toContain('hors de vos sections');
  });

  it('Then every draft paragraph shows its recorded sources, demands linked to their page', () => {
    const page = compositionPage(workspace(), { title: 'CSA' }, { canWrite: true }, { key: 'k' });
    expect(page.draft[0]?.sources).toEqual([
      { label: 'n° 1 — Recruter au moins 1 ASE', href: '/revendications/d1' },
      { label: 'séance du 13 octobre 2023', href: null },
    ]);
    expect(page.rows[0]).toMatchObject({ reason: 'réponse en retard', suggested: true, overdue: true });
    expect(page.rows[0]?.meta).toBe('ALIP MO de Béthune · soumise, en retard');
  });

  it('Then the names found say what is masked, in French for 0, 1 and several', () => {
    const summary = (names: DossierWorkspace['names']) =>
      compositionPage(workspace({ names }), { title: 'CSA' }, { canWrite: true }, { key: 'k' }).namesSummary;
    expect(summary([])).toBe('Aucun nom de personne trouvé dans les textes du dossier.');
    expect(summary([{ name: 'Mme Dupont', occurrences: 1, masked: true }])).toBe(
      '1 nom trouvé dans les textes du dossier : il sera masqué.',
    );
    expect(
      summary([
        { name: 'Mme Dupont', occurrences: 2, masked: true },
        { name: 'Jean-Pierre Martin', occurrences: 1, masked: true },
      ]),
    ).toBe('2 noms trouvés dans les textes du dossier : tous seront masqués.');
    expect(
      summary([
        { name: 'Mme Dupont', occurrences: 2, masked: true },
        { name: 'Jean-Pierre Martin', occurrences: 1, masked: false },
      ]),
    ).toBe('2 noms trouvés dans les textes du dossier : 1 sera masqué, 1 restera lisible.');
    const page = compositionPage(
      workspace({ names: [{ name: 'Mme Dupont', occurrences: 2, masked: true }] }),
      { title: 'CSA' },
      { canWrite: true },
      { key: 'k' },
    );
    expect(page.names).toEqual([
      { name: 'Mme Dupont', occurrences: '2 occurrences', masked: true, verdict: 'sera masqué' },
    ]);
  });

  it('Then issued dossiers come newest first, with PDF, HTML, DOCX and CSV links', () => {
    const w = workspace({
      issues: [
        {
          issue: 1,
          generatedAt: '2026-12-04T10:00:00.000Z',
          arreteAu: '2024-03-28T22:59:59.999Z',
          digest: 'a'.repeat(64),
        },
        {
          issue: 2,
          generatedAt: '2026-12-05T10:00:00.000Z',
          arreteAu: '2024-03-28T22:59:59.999Z',
          digest: 'b'.repeat(64),
        },
      ],
    });
    const page = compositionPage(w, { title: 'CSA' }, { canWrite: true }, { key: 'k' });
    expect(page.issues.map((i) => i.number)).toEqual([2, 1]);
    expect(page.issues[0]?.links).toEqual({
      pdf: '/api/meetings/mtg-1/dossier/issues/2/dossier.pdf',
      html: '/api/meetings/mtg-1/dossier/issues/2/dossier.html',
      docx: '/api/meetings/mtg-1/dossier/issues/2/dossier.docx',
      csv: '/api/meetings/mtg-1/dossier/issues/2/dossier.csv',
    });
    expect(page.issues[0]?.label).toBe('Dossier n° 2, émis le 5 décembre 2026 à 11\u00a0h\u00a000');
  });

  it('When the form was refused, then the typed values and the messages are what it shows', () => {
    const values = { ...initialValues(workspace()), [rankField('d2')]: 'x' };
    delete values[pickField('d1')];
    const compose = formState('composer', values, [{ field: rankField('d2'), message: 'Rang faux' }]);
    const page = compositionPage(workspace(), { title: 'CSA' }, { canWrite: true }, { key: 'k', compose });
    expect(page.rows.find((r) => r.id === 'd1')?.picked).toBe(false);
    expect(page.rows.find((r) => r.id === 'd2')).toMatchObject({ rank: 'x', rankError: 'Rang faux' });
  });
});
