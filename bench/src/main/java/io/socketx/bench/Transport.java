package io.socketx.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Native epoll when the machine has it (it saves a copy and a syscall per read), else NIO. */
public final class Transport {
  private final boolean epoll;

  private Transport(boolean epoll) {
    this.epoll = epoll;
  }

  /** Epoll if available and not disabled with {@code -Dsocketx.bench.nio=true}. */
  public static Transport detect() {
    return new Transport(Epoll.isAvailable() && !Boolean.getBoolean("socketx.bench.nio"));
  }

  public String name() {
    return epoll ? "epoll" : "nio";
  }

  public EventLoopGroup group(int threads) {
    return new MultiThreadIoEventLoopGroup(
        threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  }

  public Class<? extends SocketChannel> socketChannel() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  public Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
