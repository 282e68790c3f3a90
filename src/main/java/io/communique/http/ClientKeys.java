package io.communique.http;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.communique.errors.ErrorCodes;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Whose budget of cost points a request spends ({@link io.communique.limits.ClientBudgets}): the caller its
 * bearer token signed in, else the address it came from (an IPv6 address's /64). Behind a proxy that address
 * is the proxy's, unless Quarkus's {@code quarkus.http.proxy.*} settings trust the proxy to forward the
 * client's (README, "Limits").
 */
final class ClientKeys {

    private ClientKeys() {
    }

    static String of(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return "caller " + user.getSecurityIdentity().getPrincipal().getName();
        }
        SocketAddress address = ctx.request().remoteAddress();
        return address(address == null ? null : address.hostAddress());
    }

    /**
     * The key of an anonymous client's address. An IPv6 host is usually given a whole /64 and can send from any
     * address in it, so the /64 is the client; an IPv4 address, written either way, is one client.
     */
    static String address(String hostAddress) {
        if (hostAddress == null || hostAddress.isEmpty()) {
            return "address unknown";
        }
        if (hostAddress.indexOf(':') < 0) {
            return "address " + hostAddress;
        }
        try {
            // A literal, so no name is looked up.
            InetAddress parsed = InetAddress.getByName(hostAddress);
            if (parsed instanceof Inet4Address v4) { // ::ffff:a.b.c.d, mapped
                return "address " + v4.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return "address " + InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException notALiteral) {
            return "address " + hostAddress;
        }
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
