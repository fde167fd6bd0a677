package io.socketx.billing.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Configuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How billing talks HTTP to Azure (metering API, Instance Metadata Service, Resource Manager): one
 * azure-core {@link HttpClient} (the JDK client) and the retry and logging policies every call goes
 * through.
 */
public final class AzureHttp {
  private final HttpClient client;
  private final RetryOptions retry;

  /**
   * @param timeout connect, write, response and read timeout of one attempt
   * @param retry retries of transient failures (timeouts, I/O errors, 408, 429, 5xx) within one
   *     call; a {@code Retry-After} answer overrides the computed delay
   * @param tls TLS settings for HTTPS endpoints, or null for the JVM's default trust store
   */
  public AzureHttp(Duration timeout, RetryOptions retry, SSLContext tls) {
    Objects.requireNonNull(timeout, "timeout");
    this.retry = Objects.requireNonNull(retry, "retry");
    java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
    if (tls != null) {
      jdk.sslContext(tls);
    }
    // Configuration.NONE: no proxy from the environment. The Instance Metadata Service must never
    // be reached through a proxy, and the metering API and Resource Manager need none.
    this.client =
        new JdkHttpClientBuilder(jdk)
            .connectionTimeout(timeout)
            .writeTimeout(timeout)
            .responseTimeout(timeout)
            .readTimeout(timeout)
            .configuration(Configuration.NONE)
            .build();
  }

  /** Production settings: {@code timeout} per attempt, {@link #defaultRetry()}, default trust. */
  public static AzureHttp withTimeout(Duration timeout) {
    return new AzureHttp(timeout, defaultRetry(), null);
  }

  /** Up to 3 retries, exponential backoff from 1 s to at most 15 s (with jitter). */
  public static RetryOptions defaultRetry() {
    return new RetryOptions(
        new ExponentialBackoffOptions()
            .setMaxRetries(3)
            .setBaseDelay(Duration.ofSeconds(1))
            .setMaxDelay(Duration.ofSeconds(15)));
  }

  /**
   * A client whose calls pass through retry, then {@code policies} (such as authentication, run
   * again on every attempt), then logging without bodies, headers or query strings.
   */
  AzureJsonClient client(HttpPipelinePolicy... policies) {
    List<HttpPipelinePolicy> all = new ArrayList<>();
    all.add(new RetryPolicy(retry));
    all.addAll(Arrays.asList(policies));
    SafeHttpLog log = new SafeHttpLog();
    all.add(
        new HttpLoggingPolicy(
            new HttpLogOptions()
                .setLogLevel(HttpLogDetailLevel.BASIC)
                .setRequestLogger(log)
                .setResponseLogger(log)));
    return new AzureJsonClient(
        new HttpPipelineBuilder()
            .httpClient(client)
            .policies(all.toArray(HttpPipelinePolicy[]::new))
            .build());
  }
}
