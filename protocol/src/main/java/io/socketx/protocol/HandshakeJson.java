package io.socketx.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;

/** Strict reading and deterministic writing of the JSON bodies of handshake records. */
final class HandshakeJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private HandshakeJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise handshake JSON", e);
    }
  }

  /** Parses the record body after the header; the body must be one JSON object. */
  static JsonNode parse(ByteBuffer body, String what) throws ProtocolException {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_JSON, what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ProtocolException(ProtocolError.MALFORMED_JSON, what + " is not readable JSON");
    }
    if (node == null || !node.isObject()) {
      throw new ProtocolException(ProtocolError.MALFORMED_JSON, what + " must be a JSON object");
    }
    return node;
  }

  static JsonNode requireObject(JsonNode parent, String field, String what)
      throws ProtocolException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_JSON, what + " needs an object field \"" + field + "\"");
    }
    return node;
  }

  static String requireText(JsonNode parent, String field, String what) throws ProtocolException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_JSON, what + " needs a string field \"" + field + "\"");
    }
    return node.asText();
  }

  /** Reads a base64 field and checks its decoded length. */
  static byte[] requireKey(JsonNode parent, String field, int length, String what)
      throws ProtocolException {
    String text = requireText(parent, field, what);
    byte[] value;
    try {
      value = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_JSON, what + " field \"" + field + "\" is not base64");
    }
    if (value.length != length) {
      throw new ProtocolException(
          ProtocolError.WRONG_KEY_LENGTH,
          what + " field \"" + field + "\" has " + value.length + " bytes, expected " + length);
    }
    return value;
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
