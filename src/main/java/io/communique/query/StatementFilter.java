package io.communique.query;

import io.communique.model.StatementKind;
import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("StatementFilter")
@Description("Which statements to list. A statement must match every field given (AND). A list of things a statement has many of (nations, speakers, topics, subjects) matches statements linked to all of them; a list of values a statement has one of (dialogue, document, kind) matches any of them. Unknown ids, slugs or codes are refused with `BAD_USER_INPUT`.")
public record StatementFilter(
        @Description("Nations the statement speaks for, all of them: ISO 3166-1 alpha-2 codes (`IN`) or Nation ids.")
        @Nullable List<@NonNull String> nation,
        @Description("Officials the statement is attributed to, all of them: Official ids.")
        @Nullable List<@NonNull String> speaker,
        @Description("The dialogue the statement was made at, any of these: Dialogue ids.")
        @Nullable List<@NonNull String> dialogue,
        @Description("The source document the statement comes from, any of these: SourceDocument ids.")
        @Nullable List<@NonNull String> document,
        @Description("Topics the statement is about, all of them: topic slugs (`defence`) or Topic ids.")
        @Nullable List<@NonNull String> topic,
        @Description("Subjects the statement mentions, all of them: subject slugs (`general-electric`) or Subject ids.")
        @Nullable List<@NonNull String> subject,
        @Description("How the statement is reported, any of these kinds.")
        @Nullable List<@NonNull StatementKind> kind,
        @Description("When the statement's dialogue was held (inclusive).")
        DateRange heldOn,
        @Description("When the statement's source document was published (inclusive).")
        DateRange publishedOn,
        @Description("Full-text search over the statement's text, in the syntax of `Query.search` (phrases, `or`, `-exclusion`, the last word as a prefix); no fuzzy matching.")
        String search) {
}
