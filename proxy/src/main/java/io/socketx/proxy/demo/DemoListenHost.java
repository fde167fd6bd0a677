package io.socketx.proxy.demo;

import io.socketx.contract.env.ProxyEnv;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --demo} listens on 127.0.0.1 unless {@code LISTEN_HOST} says otherwise: a demo is for this
 * machine, not for the network (the production default stays 0.0.0.0 for pods).
 */
public final class DemoListenHost {
  static final String LOOPBACK = "127.0.0.1";

  private DemoListenHost() {}

  /** {@code env} with {@code LISTEN_HOST=127.0.0.1} when it is unset or blank. */
  public static Map<String, String> applyTo(Map<String, String> env) {
    String host = env.get(ProxyEnv.LISTEN_HOST.key());
    if (host != null && !host.isBlank()) {
      return env;
    }
    Map<String, String> withLoopback = new HashMap<>(env);
    withLoopback.put(ProxyEnv.LISTEN_HOST.key(), LOOPBACK);
    return withLoopback;
  }
}
