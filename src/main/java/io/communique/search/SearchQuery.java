package io.communique.search;

import io.communique.errors.BadUserInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A validated search query.
 *
 * @param text  what is bound to the SQL functions of V3__search.sql: the user's query with control
 *              characters turned into spaces and runs of white space collapsed, but its trailing space
 *              kept, because a trailing space says the last word is finished (no prefix matching)
 * @param fuzzy the words that trigram similarity compares with names, lower case; null when the query
 *              excludes words (a fuzzy hit could not honour the exclusion) or has no word long enough
 *              for trigrams to mean anything
 */
public record SearchQuery(String text, String fuzzy) {

    /** Longest query accepted, in characters; longer input is not a search but a paste or an attack. */
    public static final int MAX_LENGTH = 256;
    private static final int MIN_FUZZY_LENGTH = 3;
    /**
     * A '-' that another '-' follows, with nothing between them but what websearch_to_tsquery skips
     * (white space and the tsquery operator characters it ignores). Each such '-' is one more NOT
     * waiting for its operand, and PostgreSQL fails the whole statement ("tsquery stack too small")
     * past 32 of them; a run of dashes reads as one exclusion instead, as a search box would mean it.
     */
    private static final Pattern RUN_OF_EXCLUSIONS = Pattern.compile("-[\\s!&|()<]*(?=-)");

    /** Besides white space and quotes, the characters after which websearch_to_tsquery reads a '-' as NOT. */
    private static final String OPERAND_START_AFTER = "!&|()<-";

    /**
     * Validates {@code raw}, given in {@code argument}.
     *
     * @throws BadUserInputException when the query is empty, blank or longer than {@value #MAX_LENGTH} characters
     */
    public static SearchQuery parse(String raw, String argument) {
        return validated(raw, "Argument '" + argument + "'");
    }

    /**
     * Validates {@code raw}, given in {@code argument} of a connection's filter, named in the error as every
     * other filter argument's is ("Argument 'filter.search' on the 'Official.statements' connection …").
     */
    public static SearchQuery parse(String raw, String argument, String connection) {
        return validated(raw, "Argument '" + argument + "' on the '" + connection + "' connection");
    }

    private static SearchQuery validated(String raw, String subject) {
        if (raw == null || raw.isBlank()) {
            throw new BadUserInputException(subject + " must not be empty.");
        }
        if (raw.codePointCount(0, raw.length()) > MAX_LENGTH) {
            throw new BadUserInputException(subject + " is " + raw.codePointCount(0, raw.length())
                    + " characters long, which exceeds the limit of " + MAX_LENGTH + ".");
        }
        // NUL cannot be stored in a PostgreSQL text value; no control character means anything in a query.
        String cleaned = RUN_OF_EXCLUSIONS.matcher(raw.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}\\s]+", " ").stripLeading())
                .replaceAll("");
        if (cleaned.isBlank()) {
            throw new BadUserInputException(subject + " must not be empty.");
        }
        return new SearchQuery(cleaned, fuzzyWords(cleaned));
    }

    private static String fuzzyWords(String query) {
        if (excludes(query)) {
            return null;
        }
        String[] words = query.replace('"', ' ').trim().split(" +");
        String kept = Arrays.stream(words)
                .filter(w -> !w.equalsIgnoreCase("or") && !w.equals("-"))
                .map(w -> w.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
        return kept.codePoints().filter(Character::isLetterOrDigit).count() >= MIN_FUZZY_LENGTH ? kept : null;
    }

    /**
     * Whether websearch_to_tsquery reads an exclusion in {@code query}: a '-' outside quotes where an
     * operand may start (after a space, a quote, an operator character or another '-', or first), with
     * a word after it somewhere. Looking at words with their quotes removed, as before, missed
     * {@code -"China"} and {@code - China} and let trigrams find what the query excludes. Erring
     * towards an exclusion only costs the fuzzy part.
     */
    private static boolean excludes(String query) {
        boolean quoted = false;
        boolean operandMayStart = true;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '-' && !quoted && operandMayStart
                    && query.substring(i + 1).codePoints().anyMatch(Character::isLetterOrDigit)) {
                return true;
            }
            operandMayStart = c == '"' || Character.isWhitespace(c) || OPERAND_START_AFTER.indexOf(c) >= 0;
        }
        return false;
    }
}
