package io.socketx.proxy.reload;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.contract.domainmap.DomainMapKeys;
import io.socketx.proxy.config.RouteSourceConfig.ConfigMapRef;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes from the ConfigMap the operator writes, through an informer on just that object: the plain
 * {@code data.DOMAIN_MAP} or the gzip-compressed {@code binaryData."DOMAIN_MAP.gz"}. When the API
 * server is unreachable or the ConfigMap is deleted the last good routes stay; the informer
 * re-lists and re-watches on its own once the server is back.
 */
public final class ConfigMapRouteSource implements RouteSource {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigMapRouteSource.class);

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
    String compressed =
        cm.getBinaryData() == null ? null : cm.getBinaryData().get(DomainMapKeys.GZIP_KEY);
    String plain = cm.getData() == null ? null : cm.getData().get(DomainMapKeys.DATA_KEY);
    if (compressed != null) {
      try {
        reloader.offer(DomainMapDocument.fromGzipBase64(compressed), describe());
      } catch (IOException e) {
        reloader.reject(
            describe(),
            "binaryData." + DomainMapKeys.GZIP_KEY + " is not valid gzip: " + e.getMessage());
      }
    } else if (plain != null) {
      reloader.offer(plain, describe());
    } else {
      reloader.reject(
          describe(),
          "has neither data."
              + DomainMapKeys.DATA_KEY
              + " nor binaryData."
              + DomainMapKeys.GZIP_KEY);
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
