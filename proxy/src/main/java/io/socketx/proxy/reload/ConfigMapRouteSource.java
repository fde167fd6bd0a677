package io.socketx.proxy.reload;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.socketx.proxy.config.RouteSourceConfig.ConfigMapRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes from the ConfigMap the operator writes, through an informer on just that object: the plain
 * {@code data.DOMAIN_MAP} or the gzip-compressed {@code binaryData."DOMAIN_MAP.gz"}. When the API
 * server is unreachable or the ConfigMap is deleted the last good routes stay; the informer
 * re-lists and re-watches on its own once the server is back.
 */
public final class ConfigMapRouteSource implements RouteSource {
  /** The plain key. */
  public static final String KEY = "DOMAIN_MAP";

  /** The gzip-compressed key, used above the operator's size threshold. */
  public static final String GZIP_KEY = "DOMAIN_MAP.gz";

  private static final Logger LOG = LoggerFactory.getLogger(ConfigMapRouteSource.class);
  private static final int MAX_DECOMPRESSED = 16 * 1024 * 1024;

  private final KubernetesClient client;
  private final ConfigMapRef ref;
  private volatile SharedIndexInformer<ConfigMap> informer;

  public ConfigMapRouteSource(KubernetesClient client, ConfigMapRef ref) {
    this.client = client;
    this.ref = ref;
  }

  @Override
  public void start(RouteReloader reloader) {
    String namespace = ref.namespace().isEmpty() ? client.getNamespace() : ref.namespace();
    SharedIndexInformer<ConfigMap> inf =
        client.configMaps().inNamespace(namespace).withName(ref.name()).runnableInformer(0);
    inf.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap cm) {
            deliver(cm, reloader);
          }

          @Override
          public void onUpdate(ConfigMap before, ConfigMap cm) {
            deliver(cm, reloader);
          }

          @Override
          public void onDelete(ConfigMap cm, boolean finalStateUnknown) {
            reloader.absent(describe());
          }
        });
    informer = inf;
    inf.start()
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                LOG.warn("{}: initial list failed, retrying: {}", describe(), error.getMessage());
              } else if (inf.getStore().list().isEmpty()) {
                reloader.absent(describe());
              }
            });
  }

  private void deliver(ConfigMap cm, RouteReloader reloader) {
    String compressed = cm.getBinaryData() == null ? null : cm.getBinaryData().get(GZIP_KEY);
    String plain = cm.getData() == null ? null : cm.getData().get(KEY);
    if (compressed != null) {
      try {
        reloader.offer(gunzip(Base64.getDecoder().decode(compressed)), describe());
      } catch (IOException | IllegalArgumentException e) {
        reloader.reject(
            describe(), "binaryData." + GZIP_KEY + " is not valid gzip: " + e.getMessage());
      }
    } else if (plain != null) {
      reloader.offer(plain, describe());
    } else {
      reloader.reject(describe(), "has neither data." + KEY + " nor binaryData." + GZIP_KEY);
    }
  }

  static String gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > MAX_DECOMPRESSED) {
          throw new IOException("decompresses to more than " + MAX_DECOMPRESSED + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public String describe() {
    return "configmap:" + ref;
  }

  @Override
  public void close() {
    SharedIndexInformer<ConfigMap> inf = informer;
    if (inf != null) {
      inf.close();
    }
  }
}
