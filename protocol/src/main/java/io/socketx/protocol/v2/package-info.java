/**
 * SocketX protocol v2 (docs/protocol.md): a pinned proxy identity, one hybrid key exchange, one
 * round trip, strict order, key update and an authenticated close. Pure state machines without any
 * transport, like protocol v1 beside it.
 */
package io.socketx.protocol.v2;
