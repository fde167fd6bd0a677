package io.socketx.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks a WebSocket upgrade request against RFC 6455 §4.2.1 and RFC 7230 §5.4 before any route is
 * looked up, the way nginx and Envoy do: one Host, version 13 only, a key of 16 base64 bytes.
 */
final class UpgradeRequestCheck {
  /** The only WebSocket version this proxy speaks (RFC 6455); older drafts are refused. */
  static final String SUPPORTED_VERSION = "13";

  private static final int KEY_BYTES = 16;

  /** Why an upgrade request was refused: the HTTP status and the reason recorded in logs. */
  record Rejection(HttpResponseStatus status, String reason) {}

  private UpgradeRequestCheck() {}

  /** The first rule the request breaks, or empty when it may proceed to routing. */
  static Optional<Rejection> check(HttpHeaders headers) {
    // RFC 7230 §5.4: a request with more than one Host field is answered with 400
    if (headers.getAll(HttpHeaderNames.HOST).size() > 1) {
      return reject(HttpResponseStatus.BAD_REQUEST, "duplicate_host");
    }
    // RFC 6455 §4.4: any version but 13, or none (Hixie-76, hybi drafts), gets 426 and our version
    List<String> versions = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
    if (versions.size() != 1 || !SUPPORTED_VERSION.equals(versions.get(0).trim())) {
      return reject(HttpResponseStatus.UPGRADE_REQUIRED, "unsupported_websocket_version");
    }
    List<String> keys = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_KEY);
    if (keys.size() != 1 || !isValidKey(keys.get(0).trim())) {
      return reject(HttpResponseStatus.BAD_REQUEST, "bad_websocket_key");
    }
    return Optional.empty();
  }

  /** RFC 6455 §4.1: the key is a base64-encoded 16-byte value (24 characters with padding). */
  private static boolean isValidKey(String key) {
    if (key.length() != 24) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key).length == KEY_BYTES;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private static Optional<Rejection> reject(HttpResponseStatus status, String reason) {
    return Optional.of(new Rejection(status, reason));
  }
}
