package io.communique.limits;

import graphql.parser.ParserOptions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Applies {@code communique.limits.max-tokens} to the parser. graphql-java parses operations with
 * its default operation parser options; SmallRye's {@code parser-max-tokens} only sets the
 * general default, which operations do not use.
 */
@Singleton
public class ParserLimits {

    void onStart(@Observes StartupEvent event, LimitsConfig limits) {
        ParserOptions.setDefaultOperationParserOptions(
                ParserOptions.getDefaultOperationParserOptions().transform(b -> b.maxTokens(limits.maxTokens())));
    }
}
