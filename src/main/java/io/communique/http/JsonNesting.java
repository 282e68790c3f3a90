package io.communique.http;

/**
 * How deeply a JSON text nests arrays and objects, read before any parser sees it: parsers and
 * bindings downstream recurse per level, and a few thousand levels fit in a request (Yasson,
 * converting a variable for SmallRye, overflowed its stack at 500; Parsson refuses 1,000 with an
 * exception SmallRye's WebSocket handler does not catch).
 */
final class JsonNesting {

    private JsonNesting() {
    }

    /** Whether {@code text} nests deeper than {@code maxDepth}. Brackets inside strings do not count; nothing else is checked. */
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
}
