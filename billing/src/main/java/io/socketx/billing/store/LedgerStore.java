package io.socketx.billing.store;

import io.socketx.billing.model.Ledger;
import java.util.function.UnaryOperator;

/** Where the shared {@link Ledger} lives. Implementations apply changes atomically. */
public interface LedgerStore {

  /** The current ledger. */
  Ledger load();

  /**
   * Applies {@code change} atomically and returns the stored result. The change must be a pure
   * function: it may run several times when a concurrent writer wins a race.
   */
  Ledger update(UnaryOperator<Ledger> change);
}
