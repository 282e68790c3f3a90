package io.communique.http;

import io.communique.engine.RequestPerExecution;
import io.communique.engine.SocketSubscriptions;
import io.communique.limits.ClientBudgets;
import io.communique.ops.CorrelationIds;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * GraphQL over WebSocket on the GraphQL path: Quarkus's own handler (SmallRye's subprotocol handlers,
 * its authentication on {@code connection_init}, the socket closed when the caller's token expires),
 * with every client message checked first ({@link WebSocketMessages}) and handed over as read,
 * operations per socket bounded ({@link WebSocketProtocols}), close reasons cut to what a close frame
 * may carry, and a socket closed when it does not send {@code connection_init} in time. Ahead of
 * Quarkus's WebSocket route, which then never sees an upgrade. Each query and mutation of a socket
 * runs in a request of its own ({@link #requestPerOperation}).
 */
final class GraphQLWebSocketHandler extends SmallRyeGraphQLAbstractHandler {

    private static final Logger LOG = Logger.getLogger(GraphQLWebSocketHandler.class);
    /**
     * How Vert.x 4.5 begins the message of the IllegalStateException it reports when a fragmented
     * message outgrows {@code maxWebSocketMessageSize} (WebSocketImplBase); a Vert.x that words it
     * otherwise fails GraphQLOverWebSocketTest rather than this check going quiet.
     */
    private static final String TOO_BIG = "Cannot process ";
    /** RFC 6455 5.5: a control frame carries at most 125 bytes, two of them the close code. */
    private static final int MAX_REASON_BYTES = 123;
    /** Where SmallRye's execution metadata, and Quarkus's fetchers after it, hold the request context's state. */
    private static final String STATE = "state";

    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest currentRequest;
    private final int maxJsonDepth;
    private final Duration initTimeout;
    private final Optional<String> initPayloadAuthorization;
    private final int maxOperations;
    private final int maxPendingBytes;
    private final long maxMessageBytes;
    private final ClientBudgets budgets;

    GraphQLWebSocketHandler(CurrentIdentityAssociation identities, CurrentVertxRequest currentRequest, int maxJsonDepth,
            Duration initTimeout, Optional<String> initPayloadAuthorization, int maxOperations, long maxPendingBytes,
            long maxMessageBytes, ClientBudgets budgets) {
        // Not blocking: a subscription's events are resolved on the socket's event loop, which must hand its
        // fetchers to workers; queries and mutations run on workers regardless (NormalizingExecutionService).
        super(identities, currentRequest, false);
        this.identities = identities;
        this.currentRequest = currentRequest;
        this.maxJsonDepth = maxJsonDepth;
        this.initTimeout = initTimeout;
        this.initPayloadAuthorization = initPayloadAuthorization;
        this.maxOperations = maxOperations;
        this.maxPendingBytes = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxPendingBytes));
        this.maxMessageBytes = maxMessageBytes;
        this.budgets = budgets;
    }

    @Override
    protected void doHandle(RoutingContext ctx) {
        if (!ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true) || ctx.request().isEnded()) {
            ctx.next();
            return;
        }
        Map<String, Object> metaData = getMetaData(ctx);
        SocketSubscriptions subscriptions = new SocketSubscriptions();
        metaData.put(SocketSubscriptions.KEY, subscriptions);
        metaData.put(RequestPerExecution.KEY, requestPerOperation(ctx));
        if (budgets.enabled()) {
            // Every operation of the socket spends the budget of whoever upgraded it: the upgrade's caller or
            // address (a connection_init token signs in later, and does not move the socket to another budget).
            metaData.put(ClientBudgets.CLIENT, ClientKeys.of(ctx));
        }
        ctx.request().toWebSocket(upgraded -> {
            if (upgraded.failed()) {
                LOG.debugf("WebSocket upgrade failed: %s", upgraded.cause().toString());
                return;
            }
            ServerWebSocket socket = upgraded.result();
            Runnable flush = flushOf(ctx.request().connection());
            // Netty's high-water mark for this connection: above it, writeQueueFull() is true.
            socket.setWriteQueueMaxSize(maxPendingBytes);
            Session session = new Session(socket, maxPendingBytes);
            String subprotocol = socket.subProtocol();
            Optional<WebSocketProtocols.Protocol> chosen = WebSocketProtocols.of(subprotocol, session, metaData, ctx, this,
                    initPayloadAuthorization, maxOperations);
            if (chosen.isEmpty()) {
                // Vert.x accepted no subprotocol the client offered (or the client offered none).
                session.close((short) 4406, "Subprotocol not acceptable: use graphql-transport-ws or graphql-ws");
                return;
            }
            WebSocketProtocols.Protocol protocol = chosen.get();
            session.whenBehind(protocol::onClose);
            long expiry = closeWhenIdentityExpires(ctx, socket);
            // graphql-transport-ws: a socket that has not sent connection_init in time is closed, so
            // that idle sockets nobody initialises do not pile up (SmallRye keeps them, pinging).
            long init = ctx.vertx().setTimer(initTimeout.toMillis(), ignored -> {
                if (!socket.isClosed()) {
                    session.close((short) 4408, "Connection initialisation timeout");
                }
            });
            WebSocketMessages messages = new WebSocketMessages("graphql-ws".equals(subprotocol), maxJsonDepth);
            socket.closeHandler(ignored -> {
                subscriptions.close();
                protocol.onClose();
                ctx.vertx().cancelTimer(expiry);
                ctx.vertx().cancelTimer(init);
            });
            socket.endHandler(ignored -> protocol.onEnd());
            socket.exceptionHandler(failure -> {
                if (failure instanceof HttpClosedException) {
                    // A client gone without a close frame (a phone losing its network): no fault of the server's,
                    // which SmallRye logged as a WARN each time. The close handler still ends its operations.
                    LOG.debugf("WebSocket closed by the network: %s", failure.getMessage());
                } else if (failure instanceof CorruptedWebSocketFrameException violation) {
                    // The client broke the WebSocket protocol (a frame over the size limit, a reserved close code):
                    // the client's fault, which SmallRye logged as a WARN, and Vert.x dropped the connection without
                    // a close frame, so the client could not tell why. It gets the status Netty names (1009, 1002).
                    LOG.debugf("WebSocket protocol violation: %s", violation.getMessage());
                    closeUnlessClosed(socket, session, (short) violation.closeStatus().code(), violation.getMessage());
                    // Vert.x closes the connection as soon as this handler returns, and while it reads it holds
                    // writes back until the read ends: a frame read together with the one before it (a legacy
                    // client sends connection_init and start at once) lost the connection_ack and the close
                    // frame, and the client saw the connection drop (1006). Flushed now, they go out first.
                    flush.run();
                } else if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).startsWith(TOO_BIG)) {
                    // A message sent in fragments that add up to more than the limit: Vert.x dropped the message
                    // and kept the socket, so the client waited for an answer that never came.
                    LOG.debugf("WebSocket message too big: %s", failure.getMessage());
                    closeUnlessClosed(socket, session, (short) 1009, "Message too big: at most " + maxMessageBytes + " bytes");
                } else if (failure instanceof IOException) {
                    LOG.debugf("WebSocket connection failed: %s", failure.toString()); // a reset by the client's network
                } else {
                    protocol.onThrowable(failure);
                }
            });
            // The protocol's messages are JSON text; a binary one was ignored, and the client waited for an answer.
            socket.binaryMessageHandler(ignored -> session.close(WebSocketMessages.INVALID_MESSAGE,
                    "Invalid message: send JSON in text frames, not binary ones"));
            socket.textMessageHandler(text -> {
                WebSocketMessages.Checked message = messages.check(text);
                if (message.refused()) {
                    session.close(WebSocketMessages.INVALID_MESSAGE, message.problem());
                    return;
                }
                if ("connection_init".equals(message.type())) {
                    ctx.vertx().cancelTimer(init);
                }
                if (WebSocketMessages.CONNECTION_TERMINATE.equals(message.type())) {
                    // SmallRye ignores it; the legacy protocol has the server close the socket.
                    session.close((short) 1000, "");
                } else {
                    protocol.accept(message.message());
                }
            });
        });
    }

    /**
     * A socket's operations arrive in the request that upgraded it, and would share its request context,
     * and so its Hibernate session; since queries and mutations run on workers at once, each gets a request
     * of its own: a new request context, with the socket's identity set as SmallRye's handler sets it for
     * a request (whoever the upgrade's token, or the {@code connection_init} payload's, signed in), and
     * the upgrade's correlation id in the MDC. Subscriptions keep the upgrade's: their events are resolved
     * one at a time on the socket's event loop.
     */
    private RequestPerExecution requestPerOperation(RoutingContext ctx) {
        return metaData -> {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            InjectableContext.ContextState state = requestContext.getState();
            try {
                if (identities != null) {
                    if (ctx.user() instanceof QuarkusHttpUser user) {
                        identities.setIdentity(user.getSecurityIdentity());
                    } else {
                        identities.setIdentity(QuarkusHttpUser.getSecurityIdentity(ctx, null));
                    }
                }
                currentRequest.setCurrent(ctx);
                if (ctx.get(CorrelationIds.MDC_KEY) instanceof String id) {
                    MDC.put(CorrelationIds.MDC_KEY, id);
                }
            } catch (RuntimeException e) {
                requestContext.destroy(state);
                throw e;
            }
            metaData.put(STATE, state);
            return () -> requestContext.destroy(state);
        };
    }

    private static void closeUnlessClosed(ServerWebSocket socket, Session session, short code, String reason) {
        if (!socket.isClosed()) {
            session.close(code, reason);
        }
    }

    /**
     * Hands what is written to the connection to the operating system at once. Vert.x has no public
     * way to do it; its HTTP/1 connections are ConnectionBase (4.5). Should that change, nothing is
     * flushed early, as before, and GraphQLOverWebSocketTest fails.
     */
    private static Runnable flushOf(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            return base::flush;
        }
        return () -> {
        };
    }

    /** As Quarkus's handler: a socket opened with a token does not outlive the token. The timer's id, or -1. */
    private static long closeWhenIdentityExpires(RoutingContext ctx, ServerWebSocket socket) {
        if (!(ctx.user() instanceof QuarkusHttpUser user)) {
            return -1;
        }
        Long expires = user.getSecurityIdentity().getAttribute("quarkus.identity.expire-time");
        if (expires == null) {
            return -1;
        }
        return ctx.vertx().setTimer(Math.max(1, expires * 1000 - System.currentTimeMillis()), ignored -> {
            if (!socket.isClosed()) {
                socket.close((short) 1008, "Authentication expired");
            }
        });
    }

    /**
     * SmallRye's view of the socket. Its close reasons (which may quote the client's ids) are cut to
     * fit a close frame, and a client that does not read what it is sent is disconnected.
     *
     * <p>Every message SmallRye sends is written at once, and Vert.x queues what the client has not
     * taken yet without bound: a client that subscribes and then stops reading (a stuck app, or one
     * doing it on purpose) would make the server hold every later event of its subscriptions. So once
     * more than {@code communique.graphql.websocket-max-pending} bytes wait in the queue, on top of
     * what the operating system's buffers hold, the socket is closed with 1008 and its operations
     * end. Events are not skipped: as with {@code SUBSCRIPTION_OVERFLOW}, a client that was only slow
     * reads the current state again and subscribes again. 1008 rather than 1013 because graphql-ws
     * clients reconnect by themselves on 1013 and resubscribe without telling the application, which
     * would then never learn that it missed events.
     */
    private static final class Session implements GraphQLWebSocketSession {

        /** What a client that fell behind reads in the close frame. */
        static final short BEHIND = 1008;

        private final ServerWebSocket socket;
        private final int maxPendingBytes;
        private final AtomicBoolean behind = new AtomicBoolean();
        private volatile Runnable endOperations = () -> {
        };

        Session(ServerWebSocket socket, int maxPendingBytes) {
            this.socket = socket;
            this.maxPendingBytes = maxPendingBytes;
        }

        /** What to run when the client has fallen behind: the protocol's own end of all operations. */
        void whenBehind(Runnable endOperations) {
            this.endOperations = endOperations;
        }

        @Override
        public void sendMessage(String message) {
            if (behind.get()) {
                return;
            }
            boolean full;
            try {
                full = socket.writeQueueFull();
            } catch (IllegalStateException closed) {
                return; // closed meanwhile: Vert.x refuses the question, and the write would go nowhere
            }
            if (!full) {
                socket.writeTextMessage(message);
            } else if (behind.compareAndSet(false, true)) {
                LOG.infof("Closing a GraphQL WebSocket from %s: it left more than %d bytes unread", socket.remoteAddress(),
                        maxPendingBytes);
                close(BEHIND, "Messages not read: more than " + maxPendingBytes
                        + " bytes were waiting. Read the current state again, then subscribe again.");
                endOperations.run();
            }
        }

        @Override
        public void close(short code, String reason) {
            socket.close(code, fit(reason));
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        private static String fit(String reason) {
            byte[] bytes = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
            if (bytes.length <= MAX_REASON_BYTES) {
                return reason;
            }
            int end = MAX_REASON_BYTES;
            while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
                end--; // not inside a character's encoding
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }
    }
}
