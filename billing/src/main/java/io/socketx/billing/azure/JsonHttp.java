package io.socketx.billing.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Small JSON-over-HTTP helper shared by the metering and metadata clients. */
final class JsonHttp {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  JsonHttp(Duration timeout) {
    // No proxy selector: IMDS must never go through a proxy, and the others don't need one.
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = timeout;
  }

  /** Status and parsed body (MissingNode when the body is empty or not JSON). */
  record Response(int status, JsonNode body) {}

  Response get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    headers.forEach(b::header);
    return send(b.build());
  }

  Response post(URI uri, Map<String, String> headers, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
    headers.forEach(b::header);
    return send(b.build());
  }

  private Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body;
    try {
      body =
          response.body().length == 0
              ? MissingNode.getInstance()
              : MAPPER.readTree(response.body());
    } catch (IOException e) {
      body = MissingNode.getInstance();
    }
    return new Response(response.statusCode(), body == null ? MissingNode.getInstance() : body);
  }
}
