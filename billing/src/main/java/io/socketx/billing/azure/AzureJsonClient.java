package io.socketx.billing.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * JSON requests over one azure-core {@link HttpPipeline}. Failures without an answer (network,
 * timeout, token) are thrown as the pipeline throws them; see {@link CallFailure}.
 */
final class AzureJsonClient {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpPipeline pipeline;

  AzureJsonClient(HttpPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Status and parsed body ({@link MissingNode} when the body is empty or not JSON). */
  record Reply(int status, JsonNode body) {}

  Reply get(URI uri, Map<String, String> headers) {
    return send(request(HttpMethod.GET, uri, headers));
  }

  Reply post(URI uri, Map<String, String> headers, JsonNode body) {
    HttpRequest request = request(HttpMethod.POST, uri, headers);
    request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
    try {
      request.setBody(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return send(request);
  }

  private static HttpRequest request(HttpMethod method, URI uri, Map<String, String> headers) {
    HttpRequest request = new HttpRequest(method, uri.toString());
    headers.forEach(request::setHeader);
    return request;
  }

  private Reply send(HttpRequest request) {
    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      return new Reply(response.getStatusCode(), parse(response.getBodyAsBinaryData().toBytes()));
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
