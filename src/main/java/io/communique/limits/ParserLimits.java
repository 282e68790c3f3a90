package io.communique.limits;

import graphql.introspection.GoodFaithIntrospection;
import graphql.parser.ParserOptions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Applies the limits graphql-java keeps in JVM-wide settings, at every start (so a test profile that
 * changes one does not leak into the next application started in the same JVM).
 *
 * <p>{@code communique.limits.max-tokens}: graphql-java parses operations with its default operation
 * parser options; SmallRye's {@code parser-max-tokens} only sets the general default, which operations
 * do not use. {@code communique.limits.introspection-good-faith}: graphql-java's check of introspection
 * queries, on by default.
 */
@Singleton
public class ParserLimits {

    void onStart(@Observes StartupEvent event, LimitsConfig limits) {
        ParserOptions.setDefaultOperationParserOptions(
                ParserOptions.getDefaultOperationParserOptions().transform(b -> b.maxTokens(limits.maxTokens())));
        GoodFaithIntrospection.enabledJvmWide(limits.introspectionGoodFaith());
    }
}
