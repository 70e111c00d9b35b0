import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuditLedgerService } from '../ledger/audit-ledger.service.js';
import { type Seal } from '../seals/seal.js';

/** Seal the ledger's head now (on demand, or when a dossier is issued): folds what is committed, then signs. */
export class SealLedgerCommand extends Command<Seal> {
  constructor(readonly reason = 'on demand') {
    super();
  }
}

@CommandHandler(SealLedgerCommand)
export class SealLedgerHandler implements ICommandHandler<SealLedgerCommand> {
  constructor(private readonly ledger: AuditLedgerService) {}

  execute({ reason }: SealLedgerCommand): Promise<Seal> {
    return this.ledger.seal(reason);
  }
}
