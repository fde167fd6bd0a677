package io.socketx.contract.env;

import java.util.regex.Pattern;

/** The Kubernetes object-name rule (DNS-1123 subdomain) that env values naming objects follow. */
final class KubernetesNames {
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private KubernetesNames() {}

  static String dnsSubdomain(String s) {
    if (!SUBDOMAIN.matcher(s).matches()) {
      throw new IllegalArgumentException("'" + s + "' is not a lower-case DNS name");
    }
    return s;
  }
}
