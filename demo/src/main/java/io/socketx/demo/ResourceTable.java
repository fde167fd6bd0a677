package io.socketx.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code socketx-demo get}: the SocketX resources of the running demo as a table, the columns of
 * the CRDs' {@code additionalPrinterColumns} (the embedded API has no discovery, so kubectl cannot
 * list them there).
 */
enum ResourceTable {
  PROXIES(
      "SocketXProxy",
      List.of("socketxproxies", "socketxproxy", "sxp"),
      List.of(
          column("NAME", r -> r.getMetadata().getName()),
          column("REPLICAS", r -> text(r.get("spec", "replicas"))),
          column("READY", r -> condition(r, "Ready")),
          column("ROUTES", r -> text(r.get("status", "routes"))),
          column("CONFIGHASH", r -> text(r.get("status", "configHash"))))),
  ROUTES(
      "SocketXRoute",
      List.of("socketxroutes", "socketxroute", "sxr"),
      List.of(
          column("NAME", r -> r.getMetadata().getName()),
          column("PROXY", r -> text(r.get("spec", "proxyRef", "name"))),
          column("HOSTS", r -> text(r.get("spec", "hosts"))),
          column("ACCEPTED", r -> condition(r, "Accepted")),
          column("UPSTREAM", r -> text(r.get("status", "upstream")))));

  static final String API_VERSION = "socketx.io/v1alpha1";
  static final String NAMES = "socketxproxies (sxp), socketxroutes (sxr)";

  private final String kind;
  private final List<String> names;
  private final List<Column> columns;

  ResourceTable(String kind, List<String> names, List<Column> columns) {
    this.kind = kind;
    this.names = names;
    this.columns = columns;
  }

  /** The tables a comma-separated list like {@code sxp,socketxroutes} names; empty if unknown. */
  static Optional<List<ResourceTable>> named(String list) {
    List<ResourceTable> tables = new ArrayList<>();
    for (String name : list.toLowerCase(Locale.ROOT).split(",")) {
      Optional<ResourceTable> table =
          List.of(values()).stream().filter(t -> t.names.contains(name.strip())).findFirst();
      if (table.isEmpty()) {
        return Optional.empty();
      }
      tables.add(table.get());
    }
    return Optional.of(tables);
  }

  /** This kind's resources in {@code namespace}, one aligned row each under a header. */
  String render(KubernetesClient client, String namespace) {
    List<GenericKubernetesResource> items =
        client
            .genericKubernetesResources(API_VERSION, kind)
            .inNamespace(namespace)
            .list()
            .getItems();
    if (items.isEmpty()) {
      return "No " + kind + " resources in " + namespace + ".\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(columns.stream().map(Column::header).toList());
    for (GenericKubernetesResource item : items) {
      rows.add(columns.stream().map(c -> c.value().apply(item)).toList());
    }
    int[] widths = new int[columns.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        String cell = row.get(i);
        out.append(
            i == widths.length - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 3));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private record Column(String header, Function<GenericKubernetesResource, String> value) {}

  private static Column column(String header, Function<GenericKubernetesResource, String> value) {
    return new Column(header, value);
  }

  private static String text(Object value) {
    if (value == null) {
      return "<none>";
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return String.valueOf(value);
  }

  private static String condition(GenericKubernetesResource r, String type) {
    Object conditions = r.get("status", "conditions");
    if (conditions instanceof List<?> list) {
      for (Object c : list) {
        if (c instanceof Map<?, ?> m && type.equals(m.get("type"))) {
          return text(m.get("status"));
        }
      }
    }
    return "<none>";
  }
}
