package io.communique.errors;

/** Small pieces of English shared by error messages. */
public final class Wording {

    private Wording() {
    }

    /** The noun with its indefinite article, by its first letter: "an Official", "a Statement". */
    public static String a(String noun) {
        return ("AEIOUaeiou".indexOf(noun.isEmpty() ? 'x' : noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
