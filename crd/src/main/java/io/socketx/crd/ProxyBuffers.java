package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** WebSocket buffer sizes of the proxy in bytes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProxyBuffers {

  @Min(512)
  @Max(16777216)
  @JsonPropertyDescription("Read buffer size in bytes [WS_READ_BUFFER_SIZE].")
  private Integer readBufferSize;

  @Min(512)
  @Max(16777216)
  @JsonPropertyDescription("Write buffer size in bytes [WS_WRITE_BUFFER_SIZE].")
  private Integer writeBufferSize;

  public Integer getReadBufferSize() {
    return readBufferSize;
  }

  public void setReadBufferSize(Integer readBufferSize) {
    this.readBufferSize = readBufferSize;
  }

  public Integer getWriteBufferSize() {
    return writeBufferSize;
  }

  public void setWriteBufferSize(Integer writeBufferSize) {
    this.writeBufferSize = writeBufferSize;
  }
}
