package io.communique.apq;

import io.communique.errors.ErrorCodes;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code extensions.persistedQuery} of a request, as Apollo's automatic persisted queries
 * define it: {@code {"version": 1, "sha256Hash": "<64 hex digits>"}}, the hash being the SHA-256
 * of the document's UTF-8 text.
 */
public record PersistedQuery(String sha256Hash) {

    /** The only version of the protocol there is. */
    public static final int VERSION = 1;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    /** The request's persisted-query extension, or empty when it carries none (or null). */
    public static Optional<PersistedQuery> of(JsonObject extensions) {
        JsonValue value = extensions == null ? null : extensions.get("persistedQuery");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw malformed();
        }
        JsonObject extension = value.asJsonObject();
        JsonValue version = extension.get("version");
        if (!(version instanceof JsonNumber number) || !number.isIntegral() || number.longValue() != VERSION) {
            throw new PersistedQueryException(ErrorCodes.PERSISTED_QUERY_VERSION_NOT_SUPPORTED,
                    "Persisted query version " + version + " is not supported: send 'version': " + VERSION + ".");
        }
        if (!(extension.get("sha256Hash") instanceof JsonString hash) || !SHA256_HEX.matcher(hash.getString()).matches()) {
            throw malformed();
        }
        return Optional.of(new PersistedQuery(hash.getString().toLowerCase(Locale.ROOT)));
    }

    /** Refuses a document whose text does not hash to this extension's hash: nothing is run or stored. */
    public void verify(String document) {
        String actual = sha256(document);
        if (!actual.equals(sha256Hash)) {
            throw new PersistedQueryException(ErrorCodes.PERSISTED_QUERY_HASH_MISMATCH,
                    "The document's SHA-256 is " + actual + ", not the sha256Hash sent (" + sha256Hash + ").");
        }
    }

    /** Lower-case hex SHA-256 of the UTF-8 text, as clients compute it. */
    public static String sha256(String document) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static PersistedQueryException malformed() {
        return new PersistedQueryException(ErrorCodes.BAD_REQUEST,
                "'extensions.persistedQuery' must be an object with 'version': 1 and 'sha256Hash', "
                        + "the SHA-256 of the document as 64 hex digits.");
    }
}
