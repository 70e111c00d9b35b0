import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { recordedChanges } from '../../accounts/recorded-changes.js';
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
    let inForce: DeadlineRuleSet = defaults;
    const history: DeadlineRulesHistoryEntry[] = [];
    const changes = recorded.filter((event) => event.type === 'DeadlineRulesChanged');
    const entries = await recordedChanges(this.db, organisationId, changes);
    for (const [index, event] of changes.entries()) {
      const data = event.data as DeadlineRulesChanged['data'];
      history.push({ ...entries[index]!, rules: data.rules, changes: changedRules(inForce, data.rules) });
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
