package io.socketx.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the CRDs the crd-generator plugin wrote into target/classes. */
final class GeneratedCrds {
  static final String PROXIES = "socketxproxies.socketx.io";
  static final String ROUTES = "socketxroutes.socketx.io";
  static final String GRANTS = "socketxroutegrants.socketx.io";

  /** Classpath location of the generated CRD for a name like socketxroutes.socketx.io. */
  static String resource(String crdName) {
    return "META-INF/fabric8/" + crdName + "-v1.yml";
  }

  static String text(String crdName) {
    try (InputStream in =
        GeneratedCrds.class.getClassLoader().getResourceAsStream(resource(crdName))) {
      if (in == null) {
        throw new IllegalStateException(resource(crdName) + " not generated; run the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CustomResourceDefinition load(String crdName) {
    return Serialization.unmarshal(text(crdName), CustomResourceDefinition.class);
  }

  static JSONSchemaProps schema(String crdName) {
    return load(crdName).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
  }

  private GeneratedCrds() {}
}
