package io.socketx.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** Runs an Argo CD resource health script (Lua) the way Argo CD does: `obj` in, `hs` out. */
final class ArgoHealthCheck {

  record Health(String status, String message) {}

  private final String script;

  ArgoHealthCheck(String script) {
    this.script = script;
  }

  Health evaluate(JsonNode object) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(object));
    LuaValue result = globals.load(script, "health.lua").call();
    return new Health(result.get("status").tojstring(), result.get("message").optjstring(""));
  }

  private static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.asLong());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    return LuaValue.valueOf(node.asText());
  }
}
