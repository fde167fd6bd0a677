package io.socketx.client.cli;

import io.socketx.protocol.Suite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed command line of {@code socketx-client}. */
record CliArguments(
    URI url,
    String origin,
    Map<String, String> headers,
    Suite suite,
    boolean binary,
    Duration replyWait,
    Path caCert,
    boolean verbose) {

  static final String USAGE =
      "usage: socketx-client [--origin ORIGIN] [--header K:V]... [--strength 0|512|768|1024]"
          + " [--binary] [--wait SECONDS] [--cacert PEM] [--verbose] URL";

  /** Thrown for a command line that cannot be used; the message is one line for stderr. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static CliArguments parse(String[] args) throws UsageException {
    String origin = null;
    Map<String, String> headers = new LinkedHashMap<>();
    Suite suite = Suite.X25519_MLKEM768;
    boolean binary = false;
    Duration wait = Duration.ofSeconds(2);
    Path caCert = null;
    boolean verbose = false;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--origin" -> origin = value(args, ++i, a);
        case "--header" -> {
          String h = value(args, ++i, a);
          int colon = h.indexOf(':');
          if (colon <= 0) {
            throw new UsageException("--header needs NAME:VALUE but got '" + h + "'");
          }
          headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        case "--strength" -> {
          String s = value(args, ++i, a);
          try {
            suite = Suite.fromStrength(Integer.parseInt(s));
          } catch (IllegalArgumentException e) {
            throw new UsageException("--strength must be 0, 512, 768 or 1024 but was '" + s + "'");
          }
        }
        case "--binary" -> binary = true;
        case "--wait" -> {
          String s = value(args, ++i, a);
          try {
            double seconds = Double.parseDouble(s);
            if (seconds < 0 || Double.isNaN(seconds) || seconds > 86_400) {
              throw new NumberFormatException();
            }
            wait = Duration.ofMillis((long) (seconds * 1000));
          } catch (NumberFormatException e) {
            throw new UsageException("--wait needs a number of seconds but was '" + s + "'");
          }
        }
        case "--cacert" -> caCert = Path.of(value(args, ++i, a));
        case "--verbose", "-v" -> verbose = true;
        case "--help", "-h" -> throw new UsageException(USAGE);
        default -> {
          if (a.startsWith("-")) {
            throw new UsageException("unknown option " + a);
          }
          positional.add(a);
        }
      }
    }
    if (positional.size() != 1) {
      throw new UsageException(USAGE);
    }
    URI url;
    try {
      url = URI.create(positional.get(0));
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid URL '" + positional.get(0) + "'");
    }
    if (url.getScheme() == null
        || !(url.getScheme().equals("ws") || url.getScheme().equals("wss"))
        || url.getHost() == null) {
      throw new UsageException("URL must look like ws://host:port/path or wss://host/path");
    }
    return new CliArguments(url, origin, headers, suite, binary, wait, caCert, verbose);
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }
}
