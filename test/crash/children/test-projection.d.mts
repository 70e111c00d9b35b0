import { type Database, type SqlExecutor } from '../../../src/infrastructure/database/database.js';
import { type Projection } from '../../../src/infrastructure/projections/projection.js';

export declare const HANDLED_TYPES: readonly ['Deposited', 'Withdrawn'];
export declare const UNHANDLED_TYPE: 'Noted';
export declare const crashProjection: Projection;
export declare function createCrashTables(db: Database): Promise<void>;
export type ReadModelDigest = {
  accounts: number;
  events: number;
  accountsHash: string;
  appliedRows: number;
  maxApplied: number;
  appliedHash: string;
};
export declare function readModelDigest(db: SqlExecutor): Promise<ReadModelDigest>;
