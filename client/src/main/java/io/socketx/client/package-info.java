/** Java client SDK for SocketX proxies, on the JDK's {@code java.net.http} WebSocket. */
package io.socketx.client;
