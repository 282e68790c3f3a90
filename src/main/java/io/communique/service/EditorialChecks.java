package io.communique.service;

import io.communique.errors.BadUserInputException;
import io.communique.relay.GlobalId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The editorial limits, and the checks of editorial inputs that Bean Validation does not express
 * (ids decoded per type, none repeated). Values (lengths, formats, dates) are checked by the
 * constraints on the commands ({@link io.communique.service.validation.InputValidation}). Every
 * refusal is a {@code BAD_USER_INPUT} naming the argument path, e.g. {@code input.speakerIds[2]}.
 */
final class EditorialChecks {

    static final int MAX_LIST = 100;
    static final int MAX_OTHER_NAMES = 50;
    static final int MAX_DESCRIPTION = 5000;
    static final int MAX_DOCUMENT = 200_000;

    static BadUserInputException bad(String path, String problem) {
        return new BadUserInputException("Argument '" + path + "' " + problem);
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
}
