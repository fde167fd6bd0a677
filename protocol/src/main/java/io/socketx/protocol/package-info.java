/** The SocketX wire protocol v1: records, handshake, key schedule, AEAD codec, replay window. */
package io.socketx.protocol;
