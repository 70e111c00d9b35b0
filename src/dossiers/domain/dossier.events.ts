import type { Event } from '../../shared/event.js';
import type { Redaction } from './redaction.js';

/**
 * A meeting's dossier as the officers make it (stream `dossier-<meetingId>`): composed (picked and ordered demands
 * and questions diverses, edited déclaration liminaire), then issued. An issued dossier records everything needed
 * to produce it again identically: the cutoff, how it was known, the redaction, the store's recorded instant, the
 * composition, the generation instant and the digest (and the seal, when the store has one).
 */
export type DossierSettings = {
  /** "Données arrêtées au" (occurred time), ISO 8601. */
  arreteAu: string;
  known: 'occurred' | 'recorded';
  redaction: Redaction;
};

export type DossierComposition = {
  demandIds: string[];
  questionDemandIds: string[];
  liminaire: string[] | null;
};

export type DossierComposed = Event<
  'DossierComposed',
  { meetingId: string; occurredAt: string } & DossierComposition & DossierSettings
>;

export type DossierIssued = Event<
  'DossierIssued',
  {
    meetingId: string;
    occurredAt: string;
    /** 1, 2…: a dossier may be issued again after a new composition. */
    issue: number;
    composition: DossierComposition;
    /** The store as recorded up to this instant is what the dossier shows and what the digest covers. */
    recordedUpTo: string;
    generatedAt: string;
    digest: string;
    checkedEvents: number;
    /** The latest seal of the ledger the dossier covers, when there is one. */
    seal: { sealId: string; count: number; rootHash: string; sealedAt: string; position: string } | null;
  } & DossierSettings
>;

export type DossierEvent = DossierComposed | DossierIssued;
export const DOSSIER_EVENT_TYPES: readonly DossierEvent['type'][] = ['DossierComposed', 'DossierIssued'];

export const dossierStreamId = (meetingId: string): string => `dossier-${meetingId}`;
