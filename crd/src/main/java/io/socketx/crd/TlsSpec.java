package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** TLS on the client leg: the proxy serves wss:// with the certificate of a Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

  @Required
  @Size(min = 1, max = 253)
  @Pattern(SocketXApi.DNS_SUBDOMAIN_PATTERN)
  @JsonPropertyDescription(
      "A kubernetes.io/tls Secret (tls.crt, tls.key) in the proxy's namespace, e.g. the one a"
          + " cert-manager Certificate writes. Mounted into the pods [TLS_CERT_FILE, TLS_KEY_FILE];"
          + " a renewed certificate is picked up without restarting them.")
  private String secretName;

  @JsonPropertyDescription(
      "Lowest TLS version the proxy accepts: \"1.2\" (default) or \"1.3\" [TLS_MIN_VERSION].")
  private TlsVersion minVersion;

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public TlsVersion getMinVersion() {
    return minVersion;
  }

  public void setMinVersion(TlsVersion minVersion) {
    this.minVersion = minVersion;
  }
}
