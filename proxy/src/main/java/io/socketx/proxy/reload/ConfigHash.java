package io.socketx.proxy.reload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The config hash both operator and proxy compute: lowercase hex SHA-256 of the JSON text. */
public final class ConfigHash {
  private ConfigHash() {}

  public static String of(String domainMapJson) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(domainMapJson.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
