import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Demand, nextDueDate, overdueFlags } from '../domain/demand.js';

/** A demand as the API shows it: its folded state, its revision, and the flags that depend on today's date. */
export class DemandView {
  @ApiProperty() id!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() status!: string;
  @ApiProperty() antennaId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() category!: string;
  @ApiProperty() priority!: string;
  @ApiProperty() level!: string;
  @ApiProperty() explicit!: boolean;
  @ApiProperty() timesAsked!: number;
  @ApiPropertyOptional({ nullable: true }) nextDueAt!: string | null;
  @ApiProperty() overdue!: { response: boolean; commitment: boolean; any: boolean };
  @ApiPropertyOptional({ nullable: true }) lastManagementPosition!: Demand['lastResponse'];
  @ApiProperty({ description: 'Full folded state' }) details!: Demand;
}

export const toDemandView = (state: Demand, revision: number, asOf: string): DemandView => {
  const flags = overdueFlags(state, asOf);
  return {
    id: state.demandId,
    revision,
    status: state.status,
    antennaId: state.antennaId,
    title: state.title,
    category: state.category,
    priority: state.priority,
    level: state.level,
    explicit: state.explicit,
    timesAsked: state.timesAsked,
    nextDueAt: nextDueDate(state),
    overdue: {
      response: flags.responseOverdue,
      commitment: flags.commitmentOverdue,
      any: flags.responseOverdue || flags.commitmentOverdue,
    },
    lastManagementPosition: state.lastResponse,
    details: state,
  };
};
