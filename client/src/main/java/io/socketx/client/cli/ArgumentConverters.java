package io.socketx.client.cli;

import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.Fingerprint;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters that turn {@code socketx-client} arguments into values, each naming what it wants. */
final class ArgumentConverters {
  private ArgumentConverters() {}

  /** {@code ws://host[:port][/path]} or {@code wss://…}. */
  static final class WebSocketUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String text) {
      URI url;
      try {
        url = URI.create(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("invalid URL '" + text + "'");
      }
      String scheme = url.getScheme();
      if (scheme == null
          || !(scheme.equals("ws") || scheme.equals("wss"))
          || url.getHost() == null) {
        throw new TypeConversionException(
            "URL must look like ws://host:port/path or wss://host/path but was '" + text + "'");
      }
      return url;
    }
  }

  /** A suite by its ML-KEM strength: 0 (X25519 only), 512, 768 or 1024. */
  static final class Strength implements ITypeConverter<Suite> {
    @Override
    public Suite convert(String text) {
      try {
        return Suite.fromStrength(Integer.parseInt(text));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("must be 0, 512, 768 or 1024 but was '" + text + "'");
      }
    }
  }

  /** A number of seconds, fractions allowed, up to a day. */
  static final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      double seconds;
      try {
        seconds = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        seconds = Double.NaN;
      }
      if (!(seconds >= 0 && seconds <= 86_400)) {
        throw new TypeConversionException(
            "needs a number of seconds from 0 to 86400 but was '" + text + "'");
      }
      return Duration.ofMillis((long) (seconds * 1000));
    }
  }

  /** {@code sha256:} and a base64url or hex SHA-256, as {@code socketx-proxy keygen} prints. */
  static final class Pin implements ITypeConverter<Fingerprint> {
    @Override
    public Fingerprint convert(String text) {
      try {
        return Fingerprint.parse(text.trim());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("invalid fingerprint '" + text + "': " + e.getMessage());
      }
    }
  }
}
