package io.socketx.bench.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import org.junit.jupiter.api.Test;

class EchoHandlerTest {

  @Test
  void keepsReadingWhenAFlushDrainsTheBufferThatMadeTheChannelUnwritable() {
    EchoHandler.Counter counter = new EchoHandler.Counter();
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
    channel.pipeline().addLast(new EchoHandler(UpstreamOptions.Behaviour.ECHO, counter));

    channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[64])));

    assertThat(channel.config().isAutoRead()).isTrue();
    BinaryWebSocketFrame echoed = channel.readOutbound();
    assertThat(echoed.content().readableBytes()).isEqualTo(64);
    echoed.release();
    assertThat(counter.messages()).isEqualTo(1);
    channel.finishAndReleaseAll();
  }

  @Test
  void sinkSwallowsMessagesAndCountsThem() {
    EchoHandler.Counter counter = new EchoHandler.Counter();
    EmbeddedChannel channel =
        new EmbeddedChannel(new EchoHandler(UpstreamOptions.Behaviour.SINK, counter));

    channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[16])));

    Object reply = channel.readOutbound();
    assertThat(reply).isNull();
    assertThat(counter.messages()).isEqualTo(1);
    channel.finishAndReleaseAll();
  }
}
