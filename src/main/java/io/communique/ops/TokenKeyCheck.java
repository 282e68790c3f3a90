package io.communique.ops;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start when a key for verifying bearer tokens is configured and cannot be read.
 *
 * <p>SmallRye JWT reads the key when the first request arrives, and every request needs it, with a
 * token or without: a mistyped {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} (a missing file) made the
 * server start, then answer every request, anonymous reads and {@code /q/health/ready} included,
 * with HTTP 500 and a stack trace in the log. A key at an {@code http(s)} URL is left to SmallRye,
 * which fetches it as tokens come: its server may be briefly unreachable while this one starts.
 */
@ApplicationScoped
class TokenKeyCheck {

    static final String LOCATION = "mp.jwt.verify.publickey.location";
    static final String INLINE = "mp.jwt.verify.publickey";

    void onStart(@Observes StartupEvent started, Config config, Instance<JWTAuthContextInfo> verification) {
        Optional<String> location = config.getOptionalValue(LOCATION, String.class);
        boolean inline = config.getOptionalValue(INLINE, String.class).isPresent();
        if (location.isEmpty() && !inline || location.filter(l -> l.startsWith("http:") || l.startsWith("https:")).isPresent()) {
            return;
        }
        try {
            // A method call: the bean behind the proxy is made, and reads the key, on first use.
            verification.get().getSignatureAlgorithm();
        } catch (RuntimeException e) {
            String setting = location.isPresent() ? LOCATION + " (MP_JWT_VERIFY_PUBLICKEY_LOCATION) = " + location.get()
                    : INLINE + " (MP_JWT_VERIFY_PUBLICKEY)";
            throw new IllegalStateException("The key that verifies bearer tokens cannot be read from " + setting
                    + ": " + rootMessage(e) + ". Check that the file exists and this process may read it.", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
