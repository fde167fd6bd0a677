package io.socketx.proxy.reload;

/**
 * A live source of DOMAIN_MAP documents. It calls its {@link RouteReloader} from its own thread,
 * never from an event loop, whenever the document may have changed.
 */
public interface RouteSource extends AutoCloseable {

  /** Starts watching; the first document (or its absence) is reported as soon as it is known. */
  void start(RouteReloader reloader) throws Exception;

  /**
   * E.g. {@code configmap:socketx/edge-domain-map} or {@code file:/etc/socketx/domain-map.json}.
   */
  String describe();

  @Override
  void close();
}
