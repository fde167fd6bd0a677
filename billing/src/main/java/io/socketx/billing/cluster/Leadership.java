package io.socketx.billing.cluster;

/** Tells a replica whether it is the one that reports usage. */
public interface Leadership extends AutoCloseable {

  /** Single process: always the reporter. */
  Leadership ALWAYS =
      new Leadership() {
        @Override
        public boolean isLeader() {
          return true;
        }

        @Override
        public void close() {}
      };

  /** True while this replica holds the reporter role. */
  boolean isLeader();

  /** Gives up the role (if held) and stops competing for it. */
  @Override
  void close();
}
