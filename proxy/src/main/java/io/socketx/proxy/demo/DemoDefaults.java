package io.socketx.proxy.demo;

import io.socketx.contract.env.ProxyEnv;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code --demo} changes unless the variable is set: it listens on 127.0.0.1 (public and admin
 * port), because a demo is for this machine, not for the network (the production defaults stay
 * 0.0.0.0 for pods), and it allows loopback upstreams, because its echo upstream runs on 127.0.0.1.
 */
public final class DemoDefaults {
  static final String LOOPBACK = "127.0.0.1";
  private static final Map<String, String> DEFAULTS =
      Map.of(
          ProxyEnv.LISTEN_HOST.key(), LOOPBACK,
          ProxyEnv.ADMIN_HOST.key(), LOOPBACK,
          ProxyEnv.UPSTREAM_ALLOW.key(), "loopback");

  private DemoDefaults() {}

  /** {@code env} with the demo's defaults for each of its variables that is unset or blank. */
  public static Map<String, String> applyTo(Map<String, String> env) {
    Map<String, String> applied = new HashMap<>(env);
    DEFAULTS.forEach(
        (key, value) -> {
          String set = env.get(key);
          if (set == null || set.isBlank()) {
            applied.put(key, value);
          }
        });
    return applied;
  }
}
