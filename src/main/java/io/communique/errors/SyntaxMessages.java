package io.communique.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * graphql-java's syntax error messages, reworded. They name the parser generator ("Invalid syntax
 * with ANTLR error 'token recognition error at: …'"), and they quote the offending token or the
 * characters the lexer could not read in full: an unterminated 100 KB string came back as a
 * 100 KB message. Here the quote is cut to {@value #MAX_QUOTE} characters and the wording is the
 * client's: what was unexpected, and where.
 */
final class SyntaxMessages {

    /** Characters of the document a message quotes at most. */
    static final int MAX_QUOTE = 40;

    private static final String AT = " at line (\\d+) column (\\d+)$";
    /** graphql-java's Parsing.properties: InvalidSyntax.full, with ANTLR's lexer or parser message inside. */
    private static final Pattern LEXER = Pattern.compile(
            "^Invalid syntax with ANTLR error 'token recognition error at: '(.*)''" + AT, Pattern.DOTALL);
    private static final Pattern ANTLR = Pattern.compile("^Invalid syntax with ANTLR error '(.*)'" + AT, Pattern.DOTALL);
    /** InvalidSyntaxBail.full. */
    private static final Pattern TOKEN = Pattern.compile("^Invalid syntax with offending token '(.*)'" + AT, Pattern.DOTALL);
    /** InvalidSyntaxMoreTokens.full. */
    private static final Pattern EXTRA = Pattern.compile("^Invalid syntax encountered\\. There are extra tokens in the text"
            + " that have not been consumed\\. Offending token '(.*)'" + AT, Pattern.DOTALL);
    /** Any other message that quotes a token (InvalidUnicode.*). */
    private static final Pattern OFFENDING = Pattern.compile("Offending token '(.*)'" + AT, Pattern.DOTALL);

    private SyntaxMessages() {
    }

    static String of(String message) {
        if (message == null) {
            return "The GraphQL document could not be parsed.";
        }
        Matcher m;
        if ((m = LEXER.matcher(message)).matches()) {
            return "Invalid syntax: unexpected characters '" + quote(m.group(1)) + "'" + at(m, 2) + ".";
        }
        if ((m = ANTLR.matcher(message)).matches()) {
            return "Invalid syntax: " + quote(m.group(1)) + at(m, 2) + ".";
        }
        if ((m = TOKEN.matcher(message)).matches()) {
            return "<EOF>".equals(m.group(1))
                    ? "Invalid syntax: the document ends unexpectedly" + at(m, 2) + "."
                    : "Invalid syntax: unexpected '" + quote(m.group(1)) + "'" + at(m, 2) + ".";
        }
        if ((m = EXTRA.matcher(message)).matches()) {
            return "Invalid syntax: unexpected '" + quote(m.group(1)) + "'" + at(m, 2) + ", after a complete document.";
        }
        if ((m = OFFENDING.matcher(message)).find()) {
            return message.substring(0, m.start()) + "Offending token '" + quote(m.group(1)) + "'" + at(m, 2);
        }
        return message;
    }

    private static String at(Matcher m, int lineGroup) {
        return " at line " + m.group(lineGroup) + " column " + m.group(lineGroup + 1);
    }

    static String quote(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_QUOTE) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_QUOTE)) + "…";
    }
}
