package io.socketx.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.Suite;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The heap one idle proxy session keeps (handshake done, UPSTREAM_CONNECTED sent, no data since):
 * the live bytes the JVM's class histogram counts after a full collection, for many sessions held
 * at once, divided by their number. It counts objects, not time, so it is the same on a busy
 * machine. Everything only the handshake needs must be gone by then.
 */
class V2SessionFootprintTest {
  private static final int SESSIONS = 2_000;
  private static final String TOTAL = "Total";
  private static final Pattern ROW =
      Pattern.compile("^\\s*(?:\\d+:)?\\s*\\d+\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);
  private static final Pattern TOTAL_ROW = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");

  /** Measured 989 B (issue 18, docs/benchmarks.md; 4,367 B before); a margin above. */
  private static final long CEILING_BYTES = 1_200;

  @Test
  void anIdleProxySessionKeepsOnlyItsRecordKeys() throws Exception {
    IdentityKeys keys = IdentityKeys.of(V2Fixture.PROXY);
    SecureRandom random = new SecureRandom();
    open(keys, random, 50); // class initialisation and static tables are not per session
    Map<String, Long> before = histogram();
    List<ServerSession> held = open(keys, random, SESSIONS);
    Map<String, Long> after = histogram();

    long perSession = (after.get(TOTAL) - before.get(TOTAL)) / SESSIONS;
    System.out.printf("idle v2 proxy session: %,d bytes of heap each%n", perSession);
    after.entrySet().stream()
        .filter(e -> !e.getKey().equals(TOTAL))
        .map(
            e ->
                Map.entry(
                    e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / SESSIONS))
        .filter(e -> e.getValue() >= 16)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> System.out.printf("  %,6d B  %s%n", e.getValue(), e.getKey()));
    assertThat(held).hasSize(SESSIONS);
    assertThat(perSession).isLessThanOrEqualTo(CEILING_BYTES);
  }

  private static List<ServerSession> open(IdentityKeys keys, SecureRandom random, int count)
      throws Exception {
    List<ServerSession> sessions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sessions.add(InMemoryHandshake.open(Suite.X25519_MLKEM768, keys, random).server());
    }
    return sessions;
  }

  /**
   * Live heap bytes per class and in total after a full collection ({@code GC.class_histogram}).
   */
  private static Map<String, Long> histogram() throws Exception {
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    Map<String, Long> bytes = new HashMap<>();
    Matcher row = ROW.matcher(histogram);
    while (row.find()) {
      bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
    }
    Matcher total = TOTAL_ROW.matcher(histogram);
    assertThat(total.find()).as("class histogram total line").isTrue();
    bytes.put(TOTAL, Long.parseLong(total.group(1)));
    return bytes;
  }
}
