import { OccurredAtRequest } from '../meeting.requests.js';

export class AcceptAgendaItemRequest extends OccurredAtRequest {}
