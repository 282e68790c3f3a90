package io.communique.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A GraphQL WebSocket message may be as large as a POST body ({@code communique.graphql.max-body-size}),
 * so that a document that runs over HTTP runs over WebSocket too. Vert.x's defaults took frames of
 * at most 64 KiB, and a browser sends each message as one frame: a subscribe message of 70 KB cut
 * the connection, where the same document over HTTP ran. A larger message is refused with close code
 * 1009 ({@link GraphQLWebSocketHandler}).
 */
@ApplicationScoped
public class WebSocketMessageSize implements HttpServerOptionsCustomizer {

    private final int maxBytes;

    public WebSocketMessageSize(
            @ConfigProperty(name = "communique.graphql.max-body-size", defaultValue = "256K") MemorySize maxBodySize) {
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE, maxBodySize.asLongValue());
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        limit(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        limit(options);
    }

    private void limit(HttpServerOptions options) {
        options.setMaxWebSocketFrameSize(maxBytes);
        options.setMaxWebSocketMessageSize(maxBytes);
    }
}
