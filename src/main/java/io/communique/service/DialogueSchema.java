package io.communique.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.communique.errors.BadUserInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;

/** The committed JSON Schema of the dialogue exchange format (draft 2020-12), loaded once. */
@ApplicationScoped
public class DialogueSchema {

    public static final String RESOURCE = "schema/dialogue.schema.json";

    private final Schema schema;

    public DialogueSchema() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses a document that does not match the schema, naming the first offending part as a JSON pointer. */
    public void check(JsonNode document, String argument) {
        List<Error> errors = schema.validate(document);
        if (errors.isEmpty()) {
            return;
        }
        // The first location (indexes compared as numbers), and there the deepest: a failed "oneOf" also reports its parent, which says less.
        Error first = errors.stream().min(Comparator.comparing((Error e) -> pointer(e), DialogueSchema::documentOrder)).orElseThrow();
        throw new BadUserInputException("Argument '" + argument + "' does not match the dialogue schema at " + pointer(first) + ": "
                + first.getMessage() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : ""));
    }

    /** Compares pointers segment by segment, list indexes as numbers; a longer pointer first when one contains the other. */
    static int documentOrder(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d+") && y[i].matches("\\d+") ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(y.length, x.length);
    }

    /** The instance location as a JSON pointer ("/statements/3/kind"), whatever path notation the validator uses. */
    static String pointer(Error error) {
        String path = String.valueOf(error.getInstanceLocation());
        if (path.startsWith("/")) {
            return path;
        }
        // JSONPath style: $.statements[3].kind
        String p = path.replaceFirst("^\\$", "").replaceAll("\\[(\\d+)]", ".$1").replaceAll("\\['([^']*)']", ".$1").replace('.', '/');
        return p.isEmpty() ? "/" : p;
    }
}
