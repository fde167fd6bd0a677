package io.socketx.contract.domainmap;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One DOMAIN_MAP value, in the JSON shape the proxy reads: {@code {"upstream": "ws://…",
 * "allowedOrigins": [...]}}.
 */
@JsonPropertyOrder({"upstream", "allowedOrigins"})
public record DomainMapEntry(String upstream, List<String> allowedOrigins) {
  public DomainMapEntry {
    allowedOrigins = List.copyOf(allowedOrigins);
  }
}
