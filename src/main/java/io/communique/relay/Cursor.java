package io.communique.relay;

import io.communique.errors.BadUserInputException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Opaque page cursor: base64url of {@code "cursor:v1:<ordering>:<value>:...:<id>"}, one value per
 * sort column of the ordering, then the row's key. The default ordering (by key) has no values, so
 * its cursors read {@code "cursor:v1:key:<id>"} as they always have. The ordering is part of the
 * cursor so that a cursor taken under one ordering is refused under another instead of silently
 * paging from the wrong place. Text values are base64url-encoded so that no value can contain the
 * separator.
 */
public final class Cursor {

    private static final Pattern DECODED = Pattern.compile("cursor:v1:([a-z_]+):(.*)");
    private static final Pattern KEY = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    // Long enough for a few sort values of a few hundred characters each (titles are at most 300).
    private static final int MAX_LENGTH = 4000;

    private Cursor() {
    }

    /** The cursor of a row under {@code sort}, from its sort values as text (see {@link KeysetPager}) and its key. */
    static String encode(SortKey sort, List<String> values, long key) {
        var raw = new StringBuilder("cursor:v1:").append(sort.token()).append(':');
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            raw.append(sort.columns().get(i).type() == SortKey.ColumnType.TEXT
                    ? Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8))
                    : value).append(':');
        }
        raw.append(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    static CursorKey decode(String cursor, SortKey sort, String path, String argument) {
        if (cursor.length() <= MAX_LENGTH) {
            try {
                var m = DECODED.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
                if (m.matches() && m.group(1).equals(sort.token())) {
                    String[] parts = m.group(2).split(":", -1);
                    if (parts.length == sort.columns().size() + 1 && KEY.matcher(parts[parts.length - 1]).matches()) {
                        List<Object> values = new ArrayList<>();
                        for (int i = 0; i < sort.columns().size(); i++) {
                            values.add(value(sort.columns().get(i).type(), parts[i]));
                        }
                        return new CursorKey(values, Long.parseLong(parts[parts.length - 1]));
                    }
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // falls through: not base64url, or a value that is not of its column's type
            }
        }
        throw new BadUserInputException("Argument '" + argument + "' on the '" + path
                + "' connection is not a valid cursor for this connection and ordering.");
    }

    private static Object value(SortKey.ColumnType type, String text) {
        return switch (type) {
            case TEXT -> {
                String value = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                // No stored text holds a NUL, and PostgreSQL refuses one as a parameter: only a forged cursor has it.
                if (value.indexOf('\u0000') >= 0) {
                    throw new IllegalArgumentException("NUL in a text value");
                }
                yield value;
            }
            case INTEGER -> {
                if (!NUMBER.matcher(text).matches()) {
                    throw new IllegalArgumentException("not a number");
                }
                yield Long.parseLong(text);
            }
            case DATE -> {
                if (!DATE.matcher(text).matches()) {
                    throw new IllegalArgumentException("not a date");
                }
                yield LocalDate.parse(text);
            }
        };
    }
}
