package io.communique.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed schema.graphql is the public contract: any change to the running schema must show
 * up as a reviewed change to that file. Regenerate it with
 * {@code ./mvnw test -Dtest=SchemaContractTest -Dcommunique.schema.update=true}.
 */
@QuarkusTest
class SchemaContractTest {

    private static final Path COMMITTED = Path.of("schema.graphql");

    private static String served() {
        return given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
    }

    @Test
    void runningSchemaMatchesCommittedSchema() throws IOException {
        String served = served();
        if (Boolean.getBoolean("communique.schema.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(COMMITTED), "schema.graphql is missing at the repository root");
        assertEquals(Files.readString(COMMITTED, StandardCharsets.UTF_8), served,
                "The running schema differs from schema.graphql; review the change and regenerate the file");
    }

    @Test
    void introspectionListsFieldsAlphabeticallyAsTheCommittedSchemaDoes() {
        // SmallRye's order followed its index of the Java members and changed from build to build.
        var types = given().contentType("application/json")
                .body(java.util.Map.of("query", "{ __schema { types { name fields { name } inputFields { name } } } }"))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        List<String> unsorted = new ArrayList<>();
        for (var type : types.<java.util.Map<String, Object>>getList("data.__schema.types")) {
            for (String list : List.of("fields", "inputFields")) {
                @SuppressWarnings("unchecked")
                var fields = (List<java.util.Map<String, String>>) type.get(list);
                List<String> names = fields == null ? List.of() : fields.stream().map(f -> f.get("name")).toList();
                if (!names.equals(names.stream().sorted().toList())) {
                    unsorted.add(type.get("name") + "." + list + " " + names);
                }
            }
        }
        assertEquals(List.of(), unsorted);
        assertTrue(types.getList("data.__schema.types").size() > 50);
    }

    @Test
    void includeDeprecatedNullReadsAsItsDefault() {
        // graphql-java unboxed the nullable argument: INTERNAL, logged as a server fault.
        for (String query : List.of("{ __type(name: \"CommitmentStatus\") { enumValues(includeDeprecated: %s) { name } } }",
                "{ __type(name: \"StatementFilter\") { inputFields(includeDeprecated: %s) { name } } }",
                "{ __type(name: \"Query\") { fields(includeDeprecated: %1$s) { name args(includeDeprecated: %1$s) { name } } } }",
                "{ __schema { directives { args(includeDeprecated: %s) { name } } } }")) {
            var withNull = introspect(String.format(query, "null"));
            assertTrue(withNull.getList("errors") == null, withNull.prettify());
            assertEquals(introspect(String.format(query, "false")).getMap("data"), withNull.getMap("data"), query);
        }
    }

    private static io.restassured.path.json.JsonPath introspect(String query) {
        return given().contentType("application/json").body(java.util.Map.of("query", query))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyTypeFieldArgumentAndEnumValueIsDescribed() {
        // In SDL a description is a string right before the definition it describes.
        List<String> undescribed = new ArrayList<>();
        String previous = "";
        Pattern definition = Pattern.compile(
                "^\\s*(type|interface|union|enum|input|scalar)\\s+\\w+.*|^\\s+\\w+(\\(.*)?:.*|^\\s+[A-Z][A-Z0-9_]*$|^\\s+\\w+\\($");
        for (String line : served().split("\n")) {
            String trimmed = line.trim();
            boolean builtin = trimmed.startsWith("scalar ") || trimmed.startsWith("schema ")
                    || trimmed.startsWith("directive ") || trimmed.startsWith("query:")
                    || trimmed.startsWith("mutation:") || trimmed.startsWith("subscription:");
            if (definition.matcher(line).matches() && !builtin && !previous.endsWith("\"")) {
                undescribed.add(trimmed);
            }
            if (!trimmed.isEmpty()) {
                previous = trimmed;
            }
        }
        assertEquals(List.of(), undescribed, "schema elements without a description");
    }
}
