package io.communique.ops;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets GraphQL responses be compressed. With compression on, Quarkus marks every response
 * {@code Content-Encoding: identity} and only its own REST and static handlers lift that mark;
 * SmallRye's /graphql handler is a plain Vert.x route, so its JSON would never be compressed. This
 * lifts the mark for JSON bodies above a threshold, where gzip pays for itself.
 */
@ApplicationScoped
public class GraphQLCompression {

    private final long minimumBytes;

    public GraphQLCompression(@ConfigProperty(name = "communique.http.compression.min-bytes", defaultValue = "1024") long minimumBytes) {
        this.minimumBytes = minimumBytes;
    }

    void install(@Observes Router router) {
        router.route("/graphql*").order(-100).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                var headers = context.response().headers();
                String type = headers.get(HttpHeaders.CONTENT_TYPE);
                String length = headers.get(HttpHeaders.CONTENT_LENGTH);
                boolean json = type != null && (type.startsWith("application/json") || type.startsWith("application/graphql-response+json"));
                boolean large = length == null || Long.parseLong(length) >= minimumBytes;
                if (json && large && "identity".equals(headers.get(HttpHeaders.CONTENT_ENCODING))) {
                    headers.remove(HttpHeaders.CONTENT_ENCODING);
                }
            });
            context.next();
        });
    }
}
