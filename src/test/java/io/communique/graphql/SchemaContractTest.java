package io.communique.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private static final Set<String> BUILT_IN_SCALARS = Set.of("Int", "Float", "String", "Boolean", "ID");
    /** Directives every GraphQL tool knows without a definition (graphql-js's specifiedDirectives). */
    private static final Set<String> STANDARD_DIRECTIVES = Set.of("skip", "include", "deprecated", "specifiedBy", "oneOf");

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

    @Test
    void everyCustomScalarSaysWhatItAcceptsAndTheStandardItFollows() {
        // SmallRye described its scalars as "Scalar for Date" (and extended-scalars JSON as "A JSON scalar"),
        // with no specifiedByURL, and added BigDecimal and BigInteger, which no field uses.
        var types = introspect("{ __schema { types { kind name description specifiedByURL } } }");
        Map<String, String> specifiedBy = Map.of("Date", "https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
                "DateTime", "https://www.rfc-editor.org/rfc/rfc3339#section-5.6", "JSON", "https://www.rfc-editor.org/rfc/rfc8259");
        Map<String, String> found = new TreeMap<>();
        for (var type : types.<Map<String, String>>getList("data.__schema.types")) {
            String name = type.get("name");
            if (!"SCALAR".equals(type.get("kind")) || BUILT_IN_SCALARS.contains(name)) {
                continue;
            }
            String description = type.get("description");
            assertTrue(description != null && description.length() > 40 && !description.startsWith("Scalar for ")
                    && !description.equals("A JSON scalar"), name + " is described as " + description);
            found.put(name, type.get("specifiedByURL"));
        }
        assertEquals(new TreeMap<>(specifiedBy), found, "custom scalars and their specifiedByURL");
        String sdl = served();
        for (var scalar : specifiedBy.entrySet()) {
            assertTrue(sdl.contains("\nscalar " + scalar.getKey() + " @specifiedBy(url : \"" + scalar.getValue() + "\")\n"),
                    "schema.graphql does not show where " + scalar.getKey() + " is specified");
        }
    }

    @Test
    void everyDirectiveIntrospectionListsIsDefinedInTheCommittedSchema() {
        // Tools that validate documents against schema.graphql know only the standard directives and those
        // it defines; introspection also listed SmallRye's @constraint and @rolesAllowed, and graphql-java's
        // @defer and @experimental_disableErrorPropagation, none defined in the file.
        List<String> listed = introspect("{ __schema { directives { name } } }").getList("data.__schema.directives.name");
        String sdl = served();
        List<String> undefined = listed.stream()
                .filter(name -> !STANDARD_DIRECTIVES.contains(name) && !sdl.contains("\ndirective @" + name))
                .sorted().toList();
        assertEquals(List.of(), undefined, "directives the server lists that schema.graphql does not define");
        assertFalse(listed.contains("constraint") || listed.contains("rolesAllowed"), listed.toString());
    }

    @Test
    void experimentalDisableErrorPropagationChangesNothing() {
        // graphql-java 24 honoured it: "statements": null came back for a StatementConnection!.
        var with = GraphQL.file("disable-error-propagation");
        var without = GraphQL.query(GraphQL.load("disable-error-propagation").replace("@experimental_disableErrorPropagation", ""));
        assertTrue(with.getList("errors") != null, with.prettify());
        assertEquals(without.getMap("data"), with.getMap("data"), with.prettify());
        assertEquals(without.getList("errors.path"), with.getList("errors.path"), with.prettify());
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
            boolean builtin = trimmed.startsWith("schema ")
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
