import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { type Milieu, type UnitKind } from '../domain/units.events.js';
import { loadUnits, type UnitRow } from '../units/unit-tree.js';

export type UnitNode = {
  id: string;
  kind: UnitKind;
  name: string;
  parentId: string | null;
  milieu: Milieu | null;
  establishment: string | null;
  registeredAt: string;
  children: UnitNode[];
};

export type UnitHierarchy = { items: UnitNode[] };

export class ListUnitsQuery extends Query<UnitHierarchy> {
  /** The reader's organisation: only its units. */
  constructor(readonly organisationId?: string) {
    super();
  }
}

const KIND_ORDER: Record<UnitKind, number> = { DAP: 0, DISP: 1, SPIP: 2, SIEGE: 3, ANTENNA: 4 };

/** The hierarchy as a tree: roots are the DAP and any unit whose parent is not registered. */
@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async execute({ organisationId }: ListUnitsQuery): Promise<UnitHierarchy> {
    const units = await loadUnits(this.db, organisationId);
    const nodes = new Map<string, UnitNode>(
      [...units.values()].map((unit: UnitRow) => [unit.id, { ...unit, children: [] }]),
    );
    const roots: UnitNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      if (parent && parent !== node) parent.children.push(node);
      else roots.push(node);
    }
    const order = (a: UnitNode, b: UnitNode) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.name.localeCompare(b.name, 'fr') ||
      a.id.localeCompare(b.id);
    const sort = (list: UnitNode[]): UnitNode[] => {
      list.sort(order);
      list.forEach((node) => sort(node.children));
      return list;
    };
    return { items: sort(roots) };
  }
}
