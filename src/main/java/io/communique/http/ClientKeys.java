package io.communique.http;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.communique.errors.ErrorCodes;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.OptionalLong;

/**
 * Whose budget of cost points a request spends ({@link io.communique.limits.ClientBudgets}): the caller its
 * bearer token signed in, else the address it came from. Behind a proxy that address is the proxy's, unless
 * Quarkus's {@code quarkus.http.proxy.*} settings trust the proxy to forward the client's (README, "Limits").
 */
final class ClientKeys {

    private ClientKeys() {
    }

    static String of(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return "caller " + user.getSecurityIdentity().getPrincipal().getName();
        }
        SocketAddress address = ctx.request().remoteAddress();
        return "address " + (address == null ? "unknown" : address.hostAddress());
    }

    /** The seconds after which a response refused for its client's budget says to retry, if it is one. */
    static OptionalLong retryAfter(ExecutionResult result) {
        for (GraphQLError error : result.getErrors()) {
            var extensions = error.getExtensions();
            if (extensions != null && ErrorCodes.RATE_LIMITED.equals(extensions.get("code"))
                    && extensions.get("retryAfter") instanceof Number seconds) {
                return OptionalLong.of(seconds.longValue());
            }
        }
        return OptionalLong.empty();
    }
}
