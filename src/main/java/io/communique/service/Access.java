package io.communique.service;

import io.communique.errors.ForbiddenException;
import io.communique.errors.UnauthenticatedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Roles: reads are anonymous; {@value #EDITOR} records dialogues and evidence; {@value #ADMIN} also
 * corrects the record and reads the audit log. An admin is an editor too.
 */
public final class Access {
    public static final String EDITOR = "editor";
    public static final String ADMIN = "admin";

    private Access() {
    }

    /** Checked before any read or write of the operation, so a refused caller changes nothing. */
    public static String require(SecurityIdentity identity, String role, String operation) {
        if (identity == null || identity.isAnonymous()) {
            throw new UnauthenticatedException("'" + operation + "' needs a signed-in caller: send 'Authorization: Bearer <token>' with a token that has the '" + role + "' role.");
        }
        boolean allowed = identity.hasRole(role) || (EDITOR.equals(role) && identity.hasRole(ADMIN));
        if (!allowed) {
            throw new ForbiddenException("'" + operation + "' needs the '" + role + "' role.");
        }
        return identity.getPrincipal().getName();
    }
}
