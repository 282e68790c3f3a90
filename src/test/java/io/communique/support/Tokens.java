package io.communique.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Set;

/** Bearer tokens signed with the development key the test profile trusts, as tools/mint-token.sh makes them. */
public final class Tokens {

    private static final String ISSUER = "https://communique.example/dev";

    private Tokens() {
    }

    public static String forRole(String role) {
        return Jwt.issuer(ISSUER).upn(role + "@tests.communique.example").groups(Set.of(role)).sign(privateKey());
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of("tools/dev-keys/private.pem")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the development private key does not parse", e);
        }
    }
}
