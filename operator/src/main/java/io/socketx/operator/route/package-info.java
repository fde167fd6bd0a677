/** The SocketXRoute controller, which reports each route's outcome on its proxy. */
package io.socketx.operator.route;
