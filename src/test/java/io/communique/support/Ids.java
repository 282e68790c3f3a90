package io.communique.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds ids the way a client must never need to, for tests that check the id contract itself. */
public final class Ids {
    private Ids() {
    }

    public static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
