package io.communique.ops;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides which /graphql responses are compressed. Vert.x compresses every response whose
 * {@code Content-Encoding} is not {@code identity}, and Quarkus only manages that mark for its own
 * REST and static handlers; /graphql is a plain Vert.x route. JSON bodies above a threshold, where
 * gzip pays for itself, are compressed; everything else is marked identity.
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
                if (context.response().getStatusCode() == 304) {
                    // No body to code, and a 304's headers update a cache's stored response: a
                    // Content-Encoding here would relabel a stored gzip body as identity.
                    return;
                }
                var headers = context.response().headers();
                String type = headers.get(HttpHeaders.CONTENT_TYPE);
                String length = headers.get(HttpHeaders.CONTENT_LENGTH);
                boolean json = type != null && (type.startsWith("application/json") || type.startsWith("application/graphql-response+json"));
                boolean large = length == null || Long.parseLong(length) >= minimumBytes;
                String encoding = headers.get(HttpHeaders.CONTENT_ENCODING);
                if (encoding == null || "identity".equals(encoding)) {
                    // Vert.x compresses unless the response says identity: decide here, for every /graphql response.
                    if (json && large) {
                        headers.remove(HttpHeaders.CONTENT_ENCODING);
                    } else {
                        headers.set(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
                    }
                }
            });
            context.next();
        });
    }
}
