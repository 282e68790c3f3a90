package io.communique.http;

import graphql.schema.GraphQLSchema;
import io.communique.engine.PublicSchema;
import io.quarkus.arc.Arc;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /graphql/schema.graphql}: the schema as SDL, printed by {@link PublicSchema#print}. SmallRye's
 * own handler prints with the options of its configuration only, which either leave out every directive
 * (so no {@code @specifiedBy} on the scalars, and no definition of {@code @defer}, which documents use)
 * or print every one, the standard {@code @skip} and {@code @include} among them. Other methods still
 * go to SmallRye's handler (OPTIONS answered, the rest 405).
 */
final class SchemaDocumentHandler implements Handler<RoutingContext> {

    // The schema is built once at startup (a dev-mode reload makes a new handler with the new application).
    private volatile String printed;

    @Override
    public void handle(RoutingContext context) {
        String sdl = printed;
        if (sdl == null) {
            sdl = PublicSchema.print(Arc.container().instance(GraphQLSchema.class).get());
            printed = sdl;
        }
        context.response().putHeader("Content-Type", "text/plain; charset=UTF-8").end(sdl);
    }
}
