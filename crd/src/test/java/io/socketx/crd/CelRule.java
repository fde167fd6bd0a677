package io.socketx.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An {@code x-kubernetes-validations} rule compiled and evaluated by cel-java, with {@code self}
 * bound to a JSON value as the API server binds it (objects as maps, integers as int).
 */
final class CelRule implements Predicate<JsonNode> {
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final String text;
  private final CelRuntime.Program program;

  CelRule(String text) {
    this.text = text;
    try {
      this.program = RUNTIME.createProgram(COMPILER.compile(text).getAst());
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException("CEL rule does not compile: " + text, e);
    }
  }

  @Override
  public boolean test(JsonNode self) {
    try {
      Object result = program.eval(Map.of("self", toCel(self)));
      if (!(result instanceof Boolean b)) {
        throw new IllegalStateException("CEL rule " + text + " gave " + result + ", not a bool");
      }
      return b;
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("CEL rule " + text + " failed on " + self, e);
    }
  }

  private static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), toCel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toCel(n)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  @Override
  public String toString() {
    return text;
  }
}
