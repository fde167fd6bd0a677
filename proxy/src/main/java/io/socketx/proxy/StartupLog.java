package io.socketx.proxy;

import io.netty.handler.ssl.SslContext;
import io.socketx.billing.config.BillingConfig;
import io.socketx.protocol.v2.Wire;
import io.socketx.proxy.config.ProxyConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The redacted {@code config} object of the {@code Starting server} log line. */
final class StartupLog {
  /** The record protection of protocol v2 (docs/protocol.md section 2). */
  static final String CODEC = "aes-256-gcm";

  private StartupLog() {}

  static String version() {
    String v = ProxyServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * The seed logged its MTE library's version here; the open codec has no MTE library, so this
   * names the payload codec and the SocketX protocol version instead, e.g. {@code aes-256-gcm/v2}.
   */
  static String mteVersion() {
    return CODEC + "/v" + Wire.VERSION;
  }

  static Map<String, Object> config(ProxyConfig c, boolean demo) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("listen_addr", c.listenHost() + ":" + c.listenPort());
    m.put("log_level", c.logLevel());
    m.put("console_logs", c.consoleLogs());
    m.put("socketx_version", version());
    m.put("protocol_version", Wire.VERSION);
    m.put("codec", CODEC);
    // fingerprints only: clients pin these; the keys themselves never reach a log
    m.put(
        "identity_fingerprints",
        c.identity().keys().fingerprints().stream().map(Object::toString).toList());
    m.put(
        "identity_key_file",
        c.identity().file().map(Object::toString).orElse("(ephemeral, demo mode)"));
    m.put("demo", demo);
    m.put("routes", c.routes().size());
    m.put("mte_company_name", c.companyName());
    m.put("mte_license_key", c.licenseKey().redacted());
    m.put("kyber_strength", c.kyberStrength());
    // The seed's names, kept for existing log queries (docs/migrating-from-socketx-server.md).
    m.put("mte_kyber_strength", c.kyberStrength());
    m.put("mte_version", mteVersion());
    m.put("decoder_window_size", c.decoderWindowSize());
    m.put("handshake_warmup", c.handshakeWarmup());
    // the setting; which provider it resolved to is logged once the proxy chose it
    m.put("crypto_provider", c.cryptoProvider());
    m.put("read_buffer_size", c.readBufferSize());
    m.put("write_buffer_size", c.writeBufferSize());
    m.put("max_message_size", c.maxMessageSize());
    m.put("client_ping_interval", c.clientPingInterval().toString());
    m.put("client_pong_timeout", c.clientPongTimeout().toString());
    m.put("upstream_ping_interval", c.upstreamPingInterval().toString());
    m.put("upstream_pong_timeout", c.upstreamPongTimeout().toString());
    m.put("write_timeout", c.writeTimeout().toString());
    m.put("handshake_timeout", c.handshakeTimeout().toString());
    m.put("upstream_connect_timeout", c.upstreamConnectTimeout().toString());
    m.put("shutdown_drain_period", c.shutdownDrainPeriod().toString());
    m.put("tls", c.tls().isPresent());
    // BoringSSL when netty-tcnative loaded on this platform, else the JDK's SSLEngine
    m.put("tls_provider", SslContext.defaultServerProvider().name().toLowerCase(Locale.ROOT));
    m.put("upstream_ca_file", c.upstreamCaFile().map(Object::toString).orElse(""));
    m.put("upstream_verify_hostname", c.upstreamVerifyHostname());
    BillingConfig b = c.billing();
    Map<String, Object> billing = new LinkedHashMap<>();
    billing.put("strategy", b.strategy().name().toLowerCase(Locale.ROOT));
    billing.put("provider", b.provider().name().toLowerCase(Locale.ROOT));
    billing.put("product", b.product());
    billing.put("report_interval", b.reportInterval().toString());
    billing.put("plan_id", b.planId() == null ? "" : b.planId());
    m.put("billing", billing);
    return m;
  }
}
