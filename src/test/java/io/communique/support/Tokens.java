package io.communique.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Set;

/** Bearer tokens signed with the development key the test profile trusts, as tools/mint-token.sh makes them. */
public final class Tokens {

    private static final String ISSUER = "https://communique.example/dev";

    private Tokens() {
    }

    public static String forRole(String role) {
        return forCaller(role, role);
    }

    /** A token for a caller of its own, {@code name@tests.communique.example}, in {@code role}'s group. */
    public static String forCaller(String name, String role) {
        return Jwt.issuer(ISSUER).upn(name + "@tests.communique.example").groups(Set.of(role)).sign(privateKey());
    }

    /** A token of the trusted key and issuer whose {@code exp} passed an hour ago. */
    public static String expired(String role) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).upn(role + "@tests.communique.example").groups(Set.of(role))
                .issuedAt(now - 7200).expiresAt(now - 3600).sign(privateKey());
    }

    /** A well-formed token signed by a key nobody configured the server to trust. */
    public static String signedByAStranger(String role) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).upn(role + "@tests.communique.example").groups(Set.of(role))
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
