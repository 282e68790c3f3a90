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

    /**
     * graphql-java counts the end-of-document token as a grammar token, so its limit is one over ours: a
     * document of exactly {@code max-tokens} tokens was refused, while every other limit admits its value.
     */
    private static final int END_OF_DOCUMENT = 1;

    void onStart(@Observes StartupEvent event, LimitsConfig limits) {
        ParserOptions.setDefaultOperationParserOptions(ParserOptions.getDefaultOperationParserOptions()
                .transform(b -> b.maxTokens(limits.maxTokens() + END_OF_DOCUMENT)));
        GoodFaithIntrospection.enabledJvmWide(limits.introspectionGoodFaith());
    }

    /** The grammar tokens a document may have, as {@code communique.limits.max-tokens} counts them. */
    public static int maxTokens() {
        return ParserOptions.getDefaultOperationParserOptions().getMaxTokens() - END_OF_DOCUMENT;
    }
}
