package io.socketx.billing.store;

import io.socketx.billing.model.Ledger;
import java.util.function.UnaryOperator;

/** Ledger held in this process only ({@code BILLING_COORDINATION=local}). */
public final class InMemoryLedgerStore implements LedgerStore {
  private Ledger ledger = Ledger.empty();

  @Override
  public synchronized Ledger load() {
    return ledger;
  }

  @Override
  public synchronized Ledger update(UnaryOperator<Ledger> change) {
    ledger = change.apply(ledger);
    return ledger;
  }
}
