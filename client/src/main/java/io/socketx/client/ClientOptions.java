package io.socketx.client;

import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.Fingerprint;
import io.socketx.protocol.v2.KeyLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a {@link SocketXClient} connects: the proxy identities it accepts (pins), headers, suite,
 * timeouts and TLS. Immutable.
 */
public final class ClientOptions {
  private final String origin;
  private final Map<String, String> headers;
  private final Suite suite;
  private final boolean offerSubprotocol;
  private final Duration connectTimeout;
  private final Duration handshakeTimeout;
  private final Duration pingInterval;
  private final int decoderWindowSize;
  private final SSLContext sslContext;
  private final List<Fingerprint> pins;
  private final boolean allowUnpinnedProxy;
  private final KeyLimits keyLimits;

  private ClientOptions(Builder b) {
    this.origin = b.origin;
    this.headers = Map.copyOf(b.headers);
    this.suite = b.suite;
    this.offerSubprotocol = b.offerSubprotocol;
    this.connectTimeout = b.connectTimeout;
    this.handshakeTimeout = b.handshakeTimeout;
    this.pingInterval = b.pingInterval;
    this.decoderWindowSize = b.decoderWindowSize;
    this.sslContext = b.sslContext;
    this.pins = List.copyOf(b.pins);
    this.allowUnpinnedProxy = b.allowUnpinnedProxy;
    this.keyLimits = b.keyLimits;
  }

  /** Options with every default: hybrid ML-KEM-768, 10 s timeouts, no origin. */
  public static ClientOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The Origin header to send, or null for none. */
  public String origin() {
    return origin;
  }

  /** Extra headers sent with the upgrade request. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The suite to offer; the proxy accepts it if it is at least the proxy's minimum. */
  public Suite suite() {
    return suite;
  }

  /** The fingerprints of the proxy identity keys this client accepts; empty when unpinned. */
  public List<Fingerprint> pins() {
    return pins;
  }

  /**
   * Whether a {@code ws://} connection may proceed without pins (any proxy identity accepted: no
   * protection against a man-in-the-middle).
   */
  public boolean allowUnpinnedProxy() {
    return allowUnpinnedProxy;
  }

  /** Records and bytes the client sends under one key before it updates the key. */
  public KeyLimits keyLimits() {
    return keyLimits;
  }

  /** Whether to offer the {@code socketx.v2} WebSocket subprotocol. */
  public boolean offerSubprotocol() {
    return offerSubprotocol;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long the whole handshake may take, from TCP connect to "open". */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** Interval of client pings, or {@link Duration#ZERO} for none. */
  public Duration pingInterval() {
    return pingInterval;
  }

  public int decoderWindowSize() {
    return decoderWindowSize;
  }

  /** The TLS context for {@code wss://}, or null for the JDK default. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** Builds {@link ClientOptions}. */
  public static final class Builder {
    private String origin;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Suite suite = Suite.X25519_MLKEM768;
    private boolean offerSubprotocol = true;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration pingInterval = Duration.ZERO;
    private int decoderWindowSize = ProtocolConstants.DEFAULT_DECODER_WINDOW;
    private SSLContext sslContext;
    private final List<Fingerprint> pins = new ArrayList<>();
    private boolean allowUnpinnedProxy;
    private KeyLimits keyLimits = KeyLimits.PROTOCOL;

    private Builder() {}

    /**
     * Accepts a proxy whose identity key has this fingerprint ({@code sha256:…}, as {@code
     * socketx-proxy keygen} prints it); repeatable, e.g. old and new key during a rotation. The
     * pathname and data never leave the client for any other proxy.
     *
     * @throws IllegalArgumentException naming what is wrong with the fingerprint
     */
    public Builder pin(String fingerprint) {
      return pin(Fingerprint.parse(fingerprint));
    }

    public Builder pin(Fingerprint fingerprint) {
      pins.add(Objects.requireNonNull(fingerprint, "fingerprint"));
      return this;
    }

    /**
     * Lets a {@code ws://} connection proceed without any pin, accepting whatever identity the
     * proxy presents. Anyone on the network path can then read and change everything; use it only
     * for local experiments. ({@code wss://} without pins relies on the TLS certificate.)
     */
    public Builder allowUnpinnedProxy() {
      this.allowUnpinnedProxy = true;
      return this;
    }

    /**
     * Per-key limits of what this client sends; the protocol's limits by default. Lower them only
     * to exercise key updates in tests.
     */
    public Builder keyLimits(KeyLimits limits) {
      this.keyLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Builder origin(String origin) {
      this.origin = origin;
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder suite(Suite suite) {
      this.suite = Objects.requireNonNull(suite, "suite");
      return this;
    }

    public Builder offerSubprotocol(boolean offer) {
      this.offerSubprotocol = offer;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    public Builder pingInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("pingInterval must not be negative");
      }
      this.pingInterval = interval;
      return this;
    }

    public Builder decoderWindowSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("decoderWindowSize must be at least 1");
      }
      this.decoderWindowSize = size;
      return this;
    }

    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    public ClientOptions build() {
      return new ClientOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
