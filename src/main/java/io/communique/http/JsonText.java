package io.communique.http;

import static io.quarkus.jsonp.JsonProviderHolder.jsonProvider;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.NoSuchElementException;

/** A client's JSON text, read the same way by the HTTP and WebSocket transports. */
final class JsonText {

    private static final JsonParserFactory PARSERS = jsonProvider().createParserFactory(null);

    private JsonText() {
    }

    /**
     * Whether {@code text} nests arrays and objects deeper than {@code maxDepth}, read before any parser
     * sees it: parsers and bindings downstream recurse per level, and a few thousand levels fit in a
     * request (Yasson, converting a variable for SmallRye, overflowed its stack at 500; Parsson refuses
     * 1,000 with an exception SmallRye's WebSocket handler does not catch). Brackets inside strings do
     * not count; nothing else is checked.
     */
    static boolean deeperThan(String text, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > maxDepth) {
                    return true;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return false;
    }

    /**
     * The one JSON value {@code text} holds, or null when it is not exactly one well-formed value (a
     * reader alone would ignore what follows the first). Check {@link #deeperThan} first.
     */
    static JsonValue single(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return null;
            }
            parser.next();
            JsonValue value = parser.getValue();
            return parser.hasNext() ? null : value;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return null;
        } catch (NumberFormatException | ArithmeticException | UnsupportedOperationException e) {
            // A number Parsson will not read (an exponent beyond 32 bits, more than 1,100 characters):
            // RFC 8259 lets a parser limit numbers, and the client gets 400 rather than a server fault.
            return null;
        }
    }
}
