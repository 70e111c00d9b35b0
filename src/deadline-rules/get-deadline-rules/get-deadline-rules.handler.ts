import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import {
  DEADLINE_RULE_NAMES,
  type DeadlineRuleSet,
  type DeadlineRulesChanged,
} from '../domain/deadline-rules.events.js';
import { changedRules, RULE_UNITS } from '../domain/deadline-rules.js';
import { type DeadlineRulesHistoryEntry, type DeadlineRulesView } from '../deadline-rules.responses.js';
import { DEFAULT_ORGANISATION, DeadlineRules } from '../deadline-rules.service.js';

export class GetDeadlineRulesQuery extends Query<DeadlineRulesView> {
  constructor(readonly organisationId?: string) {
    super();
  }
}

/** The organisation's rules in force, each against its default, and every change (read from its small stream). */
@QueryHandler(GetDeadlineRulesQuery)
export class GetDeadlineRulesHandler implements IQueryHandler<GetDeadlineRulesQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly deadlineRules: DeadlineRules,
  ) {}

  async execute(query: GetDeadlineRulesQuery): Promise<DeadlineRulesView> {
    const organisationId = query.organisationId ?? DEFAULT_ORGANISATION;
    const defaults = this.deadlineRules.defaults();
    const recorded = await this.deadlineRules.changes(organisationId);
    const actorIds = [...new Set(recorded.map((e) => e.metadata.actorId).filter((id) => id !== undefined))];
    const names = new Map<string, string>();
    if (actorIds.length > 0) {
      const { rows } = await this.db.query<{ account_id: string; display_name: string }>(
        `SELECT account_id::text AS account_id, display_name FROM app.accounts
          WHERE account_id::text = ANY($1::text[]) AND organisation_id = $2`,
        [actorIds, organisationId],
      );
      rows.forEach((row) => names.set(row.account_id, row.display_name));
    }
    let inForce: DeadlineRuleSet = defaults;
    const history: DeadlineRulesHistoryEntry[] = [];
    for (const event of recorded) {
      if (event.type !== 'DeadlineRulesChanged') continue;
      const data = event.data as DeadlineRulesChanged['data'];
      const actor = event.metadata.actorId ?? null;
      history.push({
        revision: Number(event.revision),
        occurredAt: data.occurredAt,
        recordedAt: event.recordedAt.toISOString(),
        actor,
        actorName: actor === null ? null : (names.get(actor) ?? null),
        source: data.source,
        ...(data.reason === undefined ? {} : { reason: data.reason }),
        rules: data.rules,
        changes: changedRules(inForce, data.rules),
      });
      inForce = data.rules;
    }
    const last = recorded[recorded.length - 1];
    return {
      organisationId,
      revision: last === undefined ? null : Number(last.revision),
      values: inForce,
      rules: DEADLINE_RULE_NAMES.map((name) => ({
        name,
        value: inForce[name],
        default: defaults[name],
        isDefault: inForce[name] === defaults[name],
        unit: RULE_UNITS[name],
      })),
      history,
    };
  }
}
