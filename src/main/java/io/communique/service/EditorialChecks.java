package io.communique.service;

import io.communique.errors.BadUserInputException;
import io.communique.relay.GlobalId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks on the values of editorial inputs, before anything is read or written. Every refusal is a
 * {@code BAD_USER_INPUT} naming the argument path, e.g. {@code input.speakerIds[2]}.
 */
final class EditorialChecks {

    static final int MAX_LIST = 100;
    static final int MAX_OTHER_NAMES = 50;
    static final int MAX_DESCRIPTION = 5000;
    static final int MAX_DOCUMENT = 200_000;
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final Pattern URL = Pattern.compile("https?://\\S{1,1990}");

    private final Clock clock;

    EditorialChecks(Clock clock) {
        this.clock = clock;
    }

    static BadUserInputException bad(String path, String problem) {
        return new BadUserInputException("Argument '" + path + "' " + problem);
    }

    /**
     * A line of text (a title, a name, a place): 1 to {@code max} characters (code points, as the
     * database counts them), not blank. PostgreSQL cannot store NUL, so it is refused here rather
     * than failing as a fault at the database.
     */
    static String line(String value, String path, int max, boolean required) {
        if (value == null) {
            if (required) {
                throw bad(path, "is required.");
            }
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (value.isBlank() || length > max) {
            throw bad(path, "must be 1 to " + max + " characters and not blank (got " + length + ").");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw bad(path, "contains a NUL character.");
        }
        return value;
    }

    static String url(String value, String path) {
        if (value != null && !URL.matcher(value).matches()) {
            throw bad(path, "must be an http or https URL of at most 2000 characters, without spaces.");
        }
        return value;
    }

    /** A date of the record: from 1900 on, and not in the future (the record holds what happened). */
    LocalDate pastDate(LocalDate value, String path, boolean required) {
        if (value == null) {
            if (required) {
                throw bad(path, "is required.");
            }
            return null;
        }
        if (value.isBefore(EARLIEST)) {
            throw bad(path, "(" + value + ") is before " + EARLIEST + ".");
        }
        if (value.isAfter(LocalDate.now(clock))) {
            throw bad(path, "(" + value + ") is in the future.");
        }
        return value;
    }

    static <T> T required(T value, String path) {
        if (value == null) {
            throw bad(path, "is required.");
        }
        return value;
    }

    /** Global ids of one node type, decoded; at most {@value #MAX_LIST}, none twice. Null stays null (unchanged). */
    static List<Long> keys(List<String> ids, String type, String path) {
        if (ids == null) {
            return null;
        }
        if (ids.size() > MAX_LIST) {
            throw bad(path, "holds " + ids.size() + " ids; at most " + MAX_LIST + ".");
        }
        List<Long> keys = new ArrayList<>(ids.size());
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            long key = key(ids.get(i), type, path + "[" + i + "]");
            if (!seen.add(key)) {
                throw bad(path + "[" + i + "]", "repeats an id given earlier in the list.");
            }
            keys.add(key);
        }
        return keys;
    }

    static long key(String id, String type, String path) {
        if (id == null) {
            throw bad(path, "is required.");
        }
        return GlobalId.decodeKey(id, type, path);
    }

    static Long optionalKey(String id, String type, String path) {
        return id == null ? null : key(id, type, path);
    }

    static <T> List<T> bounded(List<T> list, String path) {
        if (list != null && list.size() > MAX_LIST) {
            throw bad(path, "holds " + list.size() + " items; at most " + MAX_LIST + ".");
        }
        return list;
    }
}
