package io.communique.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.errors.ErrorCodes;
import io.communique.support.Errors;
import io.communique.support.GraphQL;
import io.communique.support.Ids;
import io.communique.support.ServerStatementCounter;
import io.communique.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of client error comes back with its documented code, and nothing runs. */
@QuarkusTest
class ErrorsTest {

    @Test
    void aSyntaxErrorIsParseFailedWithItsLocation() {
        ServerStatementCounter.resetBoth();
        var response = GraphQL.file("syntax-error");
        var error = Errors.single(response, ErrorCodes.PARSE_FAILED);
        // The document ends (line 3) before the selection set is closed.
        assertTrue(error.get("message").toString().contains("line 3"), error.toString());
        assertEquals(3, response.getInt("errors[0].locations[0].line"));
        assertNull(response.get("data"));
        assertNull(response.get("extensions.cost.requested"));
        ServerStatementCounter.assertNoneRan();
    }

    @Test
    void aCarriageReturnAloneEndsALineAsTheSpecSays() {
        // graphql-java's lexer counted only \n: a document written with \r alone had every error on line 1.
        var unknown = GraphQL.query("{\r\r  nations(first: 1) {\r    nope\r  }\r}");
        Errors.single(unknown, ErrorCodes.VALIDATION_FAILED);
        assertEquals(4, unknown.getInt("errors[0].locations[0].line"), unknown.prettify());
        assertEquals(5, unknown.getInt("errors[0].locations[0].column"), unknown.prettify());

        var syntax = GraphQL.query("{\r  nations(first: ) { totalCount } }");
        assertEquals("Invalid syntax: unexpected ')' at line 2 column 18.", Errors.single(syntax, ErrorCodes.PARSE_FAILED).get("message"));

        // \r\n is one line break, not two.
        var crlf = GraphQL.query("{\r\n  nope\r\n}");
        assertEquals(2, crlf.getInt("errors[0].locations[0].line"), crlf.prettify());
    }

    @Test
    void syntaxErrorsSayWhatWasUnexpectedAndQuoteAtMostFortyCharacters() {
        // They named the parser generator ("Invalid syntax with ANTLR error 'token recognition error at: …'"), and an
        // unterminated 100 KB string came back whole: a 100,242-byte response.
        String unterminated = "{ node(id: \"" + "x".repeat(100_000) + " }";
        Map<String, String> expected = Map.of(
                unterminated, "Invalid syntax: unexpected characters '\"" + "x".repeat(39) + "…' at line 1 column 12.",
                "{ node(id: \"\\q\") { id } }", "Invalid syntax: unexpected characters '\"\\q' at line 1 column 12.",
                "{ nations(first: 1) { totalCount } }}", "Invalid syntax: unexpected '}' at line 1 column 37, after a complete document.",
                "{ nations(first: ) { totalCount } }", "Invalid syntax: unexpected ')' at line 1 column 18.",
                "{ \"" + "y".repeat(100_000) + "\" }", "Invalid syntax: unexpected '\"" + "y".repeat(39) + "…' at line 1 column 3.",
                "{ nations {", "Invalid syntax: the document ends unexpectedly at line 1 column 12.");
        expected.forEach((document, message) -> {
            ServerStatementCounter.resetBoth();
            var response = GraphQL.query(document);
            var error = Errors.single(response, ErrorCodes.PARSE_FAILED);
            assertEquals(message, error.get("message"));
            assertNull(response.get("data"));
            ServerStatementCounter.assertNoneRan();
        });
    }

    @Test
    void aLocationIsWrittenLineFirstOnEveryInstance() {
        // Key order means nothing to JSON, but identical requests should get identical bytes from every
        // instance; an unordered map here gave each JVM its own order.
        String body = given().contentType(ContentType.JSON).body(Map.of("query", GraphQL.load("syntax-error")))
                .when().post("/graphql").then().extract().asString();
        assertTrue(body.contains("\"locations\":[{\"line\":3,\"column\":1}]"), body);
    }

    @Test
    void aRequestWithoutADocumentIsRefusedBeforeTheEngine() {
        // The HTTP layer answers a request with an empty query itself (GraphQL over HTTP: a 400),
        // before the engine, so the response has no cost to report.
        var response = given().contentType(ContentType.JSON).body(Map.of("query", ""))
                .when().post("/graphql").then().statusCode(400).extract().jsonPath();
        assertEquals(1, response.getList("errors").size(), response.prettify());
        assertEquals(ErrorCodes.BAD_REQUEST, response.getString("errors[0].extensions.code"));
    }

    @Test
    void anUnknownFieldIsValidationFailed() {
        ServerStatementCounter.resetBoth();
        var response = GraphQL.file("unknown-field");
        var error = Errors.single(response, ErrorCodes.VALIDATION_FAILED);
        // Without graphql-java's "Validation error (FieldUndefined@[officials/nodes/salary]) : " in front.
        assertEquals("Field 'salary' in type 'Official' is undefined", error.get("message"));
        assertEquals(1, response.getInt("errors[0].locations[0].line"));
        assertNull(response.get("data"));
        ServerStatementCounter.assertNoneRan();
    }

    @Test
    void anArgumentLiteralOfTheWrongTypeIsValidationFailed() {
        var response = GraphQL.file("wrong-argument-literal");
        var error = Errors.single(response, ErrorCodes.VALIDATION_FAILED);
        assertEquals("Argument 'first' of field 'officials' has a value that is not a valid 'Int'.", error.get("message"));
    }

    @Test
    void anInputObjectLiteralThatDoesNotFitIsNamedByItsArgumentNotQuoted() {
        // graphql-java quoted the whole literal, first as the parser's objects (ObjectValue{objectFields=[...]}),
        // then (mapped) as written: a 100 KB input came back in full in the message.
        var missing = Errors.single(GraphQL.query("{ officials(first: 1, orderBy: {field: NAME}) { totalCount } }"),
                ErrorCodes.VALIDATION_FAILED);
        assertEquals("Argument 'orderBy' of field 'officials' has no value for its required field 'direction'.", missing.get("message"));
        var unknown = Errors.single(GraphQL.query("""
                { statements(first: 1, filter: {kind: [DIRECT_QUOTE], date: {from: "2024-02-01", to: "2023-01-01"}}) { totalCount } }"""),
                ErrorCodes.VALIDATION_FAILED);
        assertEquals("Argument 'filter' of field 'statements' has a field 'date' that 'StatementFilter' does not define.",
                unknown.get("message"));
        var nulled = Errors.single(GraphQL.query("{ officials(first: 1, orderBy: {field: NAME, direction: null}) { totalCount } }"),
                ErrorCodes.VALIDATION_FAILED);
        assertEquals("Argument 'orderBy.direction' of field 'officials' must not be null.", nulled.get("message"));
        var notAnObject = Errors.single(GraphQL.query("{ officials(first: 1, orderBy: NAME) { totalCount } }"), ErrorCodes.VALIDATION_FAILED);
        assertEquals("Argument 'orderBy' of field 'officials' must be an input object.", notAnObject.get("message"));
        String title = "t".repeat(100_000);
        var large = Errors.single(GraphQL.query("mutation { createDialogue(input: {format: \"x\", title: \"" + title
                + "\", nationIds: []}) { dialogue { id } } }"), ErrorCodes.VALIDATION_FAILED);
        assertEquals("Argument 'input' of field 'createDialogue' has no value for its required fields 'heldOn', 'place'.",
                large.get("message"));
    }

    @Test
    void aDefaultValueThatDoesNotFitNamesItsVariable() {
        // graphql-java quoted the default as the parser's objects, which the mapper cut to "a literal]}}]}".
        var nested = Errors.single(GraphQL.query("query ($f: StatementFilter = {kind: [NOPE]}) { statements(first: 1, filter: $f)"
                + " { totalCount } }"), ErrorCodes.VALIDATION_FAILED);
        assertEquals("Variable 'f' has a default value that is not a valid 'StatementFilter'.", nested.get("message"));
        var scalar = Errors.single(GraphQL.query("query Page($n: Int = 1.5) { officials(first: $n) { totalCount } }"),
                ErrorCodes.VALIDATION_FAILED);
        assertEquals("Variable 'n' has a default value that is not a valid 'Int'.", scalar.get("message"));
    }

    @Test
    void intInputsAreIntegersWithin32BitsAsTheSpecSays() {
        // SmallRye's Int took "2" and 2.0 as literals, wrapped 99999999999 around, and let 1.5 reach a resolver (INTERNAL).
        ServerStatementCounter.resetBoth();
        Map<Object, String> variables = new LinkedHashMap<>();
        variables.put(1.5, "Int cannot represent 1.5: it is not an integer.");
        variables.put("2", "Int cannot represent \"2\": it is not a number.");
        variables.put(99_999_999_999L, "Int cannot represent 99999999999: it is outside the 32-bit range.");
        variables.put(true, "Int cannot represent true: it is not a number.");
        variables.put(List.of(2), "Int cannot represent that value: it is not a number.");
        variables.forEach((value, reason) -> assertEquals("Variable 'first' has an invalid value: " + reason,
                Errors.single(GraphQL.file("statements-page", "first", value), ErrorCodes.BAD_USER_INPUT).get("message"),
                String.valueOf(value)));
        for (String literal : List.of("1.5", "2.0", "\"2\"", "99999999999", "true")) {
            var error = Errors.single(GraphQL.query("{ statements(first: " + literal + ") { totalCount } }"), ErrorCodes.VALIDATION_FAILED);
            assertEquals("Argument 'first' of field 'statements' has a value that is not a valid 'Int'.", error.get("message"), literal);
        }
        ServerStatementCounter.assertNoneRan();
        // A JSON number with an integral value is an Int, as JavaScript clients send them.
        assertEquals(2, GraphQL.file("statements-page", "first", 2.0).getList("data.statements.nodes").size());
    }

    @Test
    void idVariablesAreStringsOrIntegersAsTheSpecSays() {
        // graphql-java's ID made a string of any value: true reached node() as "true" and the operation ran,
        // answering a field error with data; and an input's commitmentId of true reached the mutation.
        ServerStatementCounter.resetBoth();
        Map<Object, String> variables = new LinkedHashMap<>();
        variables.put(true, "true: it is not a string or an integer.");
        variables.put(1.5, "1.5: it is not a string or an integer.");
        variables.put(Map.of("a", 1), "that value: it is not a string or an integer.");
        variables.put(new BigDecimal("1e101"), "1E+101: it has more than 100 digits.");
        variables.forEach((value, reason) -> {
            var response = GraphQL.file("node", "id", value);
            assertEquals("Variable 'id' has an invalid value: ID cannot represent " + reason,
                    Errors.single(response, ErrorCodes.BAD_USER_INPUT).get("message"), String.valueOf(value));
            assertNull(response.get("data"), response.prettify());
        });
        Map<String, Object> input = Map.of("commitmentId", true, "status", "IN_PROGRESS", "asOf", "2024-03-01",
                "expectedVersion", 0, "evidence", Map.of("statementId", "U3RhdGVtZW50OjE0"));
        var mutation = GraphQL.as(Tokens.forRole("editor"), GraphQL.load("update-commitment-status"),
                "input", input);
        assertEquals("Variable 'input' has an invalid value at 'input.commitmentId': ID cannot represent true: it is not a string"
                + " or an integer.", Errors.single(mutation, ErrorCodes.BAD_USER_INPUT).get("message"));
        assertNull(mutation.get("data"), mutation.prettify());
        for (String literal : List.of("true", "1.5", "{a: 1}")) {
            Errors.single(GraphQL.query("{ node(id: " + literal + ") { id } }"), ErrorCodes.VALIDATION_FAILED);
        }
        ServerStatementCounter.assertNoneRan();
        // An integer is an ID (3.5.5), an integral JSON number too, as for Int: they run, and name no node.
        for (Object integer : List.of(4, 4.0)) {
            var response = GraphQL.file("node", "id", integer);
            assertEquals("Argument 'id' is not a valid node id.", Errors.single(response, ErrorCodes.BAD_USER_INPUT).get("message"));
            assertTrue(response.getMap("data").containsKey("node"), response.prettify());
        }
    }

    @Test
    void aFragmentSpreadByManyOperationsIsReportedOnceAndALongNameIsCut() {
        // graphql-java reports the fragment once per operation spreading it, quoting the whole name each time: 100
        // operations and a 200 KB name made a 20 MB answer to a 200 KB request. (At 100 errors it stops and says so in
        // one more error; 99 operations stay under that.)
        String name = "v" + "x".repeat(200_000);
        String document = java.util.stream.IntStream.range(0, 99).mapToObj(i -> "query Q" + i + " { ...F }")
                .collect(java.util.stream.Collectors.joining(" ")) + " fragment F on Query { officials(first: $" + name + ") { totalCount } }";
        var error = Errors.single(GraphQL.query(document), ErrorCodes.VALIDATION_FAILED);
        assertEquals("Undefined variable '" + name.substring(0, 40) + "…'", error.get("message"));
    }

    @Test
    void aNullLiteralForANonNullArgumentIsOneError() {
        // graphql-java reported it twice, once in its own words ("Null value for non-null field argument 'ids'").
        for (String field : List.of("nodes(ids: null) { id }", "search(query: null) { totalCount }")) {
            String argument = field.substring(field.indexOf('(') + 1, field.indexOf(':'));
            String name = field.substring(0, field.indexOf('('));
            assertEquals("Argument '" + argument + "' of field '" + name + "' must not be null.",
                    Errors.single(GraphQL.query("{ " + field + " }"), ErrorCodes.VALIDATION_FAILED).get("message"), field);
        }
    }

    @Test
    void datesAreIsoDatesRefusedBeforeExecutionNamingTheValue() {
        // SmallRye's Date took any string and failed at the field: "Argument 'filter' has an invalid value."
        ServerStatementCounter.resetBoth();
        // LocalDate also reads years PostgreSQL's date cannot hold; those filters failed in SQL as INTERNAL.
        for (Object value : List.of("2024-13-45", 20240101, "2024-01-01T00:00:00Z", "10/11/2023", "+999999999-12-31",
                "-4714-01-01", "+10000-01-01", "0000-01-01")) {
            var error = Errors.single(GraphQL.file("filtered-statements", "filter", Map.of("heldOn", Map.of("from", value))),
                    ErrorCodes.BAD_USER_INPUT);
            String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
            assertEquals("Variable 'filter' has an invalid value at 'filter.heldOn.from': Date cannot represent " + shown
                    + ": it is not a date such as \"2023-11-10\" (ISO-8601, years 0001 to 9999).", error.get("message"));
        }
        for (String bad : List.of("2024-13-45", "+5874898-01-01")) {
            var literal = Errors.single(GraphQL.query("{ statements(first: 1, filter: {heldOn: {from: \"" + bad + "\"}}) { totalCount } }"),
                    ErrorCodes.VALIDATION_FAILED);
            assertEquals("Argument 'filter.heldOn.from' of field 'statements' has a value that is not a valid 'Date'.",
                    literal.get("message"), bad);
        }
        ServerStatementCounter.assertNoneRan();
        var held = GraphQL.file("filtered-statements", "filter", Map.of("heldOn", Map.of("from", "2023-11-10", "to", "2023-11-10")));
        assertNull(held.get("errors"), held.prettify());
        var widest = GraphQL.file("filtered-statements", "filter", Map.of("heldOn", Map.of("from", "0001-01-01", "to", "9999-12-31")));
        assertNull(widest.get("errors"), widest.prettify());
    }

    @Test
    void aVariableObjectWithAFieldItsTypeLacksOrWithoutARequiredOneIsBadUserInputNamingBoth() {
        // The first came back as INTERNAL, logged as a server fault; the second said the variable was null.
        ServerStatementCounter.resetBoth();
        var undefined = Errors.single(GraphQL.query("query($f: StatementFilter) { statements(first: 1, filter: $f) { totalCount } }",
                "f", Map.of("nope", 1)), ErrorCodes.BAD_USER_INPUT);
        assertEquals("Variable 'f' has a field 'f.nope' that 'StatementFilter' does not define.", undefined.get("message"));
        // At the variable's definition, as every other variable error is; graphql-java gives this one no location.
        assertEquals(List.of(Map.of("line", 1, "column", 7)), undefined.get("locations"));
        var missing = Errors.single(GraphQL.query("query($o: OfficialOrder) { officials(first: 1, orderBy: $o) { totalCount } }",
                "o", Map.of("field", "NAME")), ErrorCodes.BAD_USER_INPUT);
        assertEquals("Variable 'o' has no value for its required field 'o.direction' of type 'OrderDirection!'.", missing.get("message"));
        List<Object> nullElement = new java.util.ArrayList<>();
        nullElement.add(null);
        var inside = Errors.single(GraphQL.query("query($f: StatementFilter) { statements(first: 1, filter: $f) { totalCount } }",
                "f", Map.of("kind", nullElement)), ErrorCodes.BAD_USER_INPUT);
        assertEquals("Variable 'f' holds a null at 'f.kind[0]' where a 'StatementKind!' is required.", inside.get("message"));
        var notAValue = Errors.single(GraphQL.query("query($f: StatementFilter) { statements(first: 1, filter: $f) { totalCount } }",
                "f", Map.of("kind", List.of("NOPE"))), ErrorCodes.BAD_USER_INPUT);
        assertEquals("Variable 'f' holds 'NOPE' at 'f.kind[0]', which is not a value of the enum 'StatementKind'.", notAValue.get("message"));
        ServerStatementCounter.assertNoneRan();
    }

    @Test
    void aWrongValueInsideAVariableIsNamedByItsPlace() {
        // graphql-java names only the variable; in an input of twenty fields the client had to guess which.
        ServerStatementCounter.resetBoth();
        String statements = "query($f: StatementFilter) { statements(first: 1, filter: $f) { totalCount } }";
        assertEquals("Variable 'f' has a field 'f.heldOn.nope' that 'DateRange' does not define.",
                Errors.single(GraphQL.query(statements, "f", Map.of("heldOn", Map.of("nope", 1))), ErrorCodes.BAD_USER_INPUT)
                        .get("message"));
        // graphql-java's own words here were "Expected type 'Map' but was 'String'", Java's names for them.
        assertEquals("Variable 'f' has a value at 'f.heldOn' that is not a valid 'DateRange'.",
                Errors.single(GraphQL.query(statements, "f", Map.of("heldOn", "2023")), ErrorCodes.BAD_USER_INPUT).get("message"));
        // Two wrong values: graphql-java stops at the first in the type's field order (alphabetical: heldOn before
        // kind), and the place named is that one, not the other: the message would otherwise have no place.
        assertEquals("Variable 'f' has an invalid value at 'f.heldOn.from': Date cannot represent \"x\": it is not a date"
                + " such as \"2023-11-10\" (ISO-8601, years 0001 to 9999).", Errors.single(GraphQL.query(statements, "f", Map.of("kind", List.of("SUMMARY", "NOPE"),
                        "heldOn", Map.of("from", "x"))), ErrorCodes.BAD_USER_INPUT).get("message"));
        assertEquals("Variable 'f' holds 'NOPE' at 'f.kind[1]', which is not a value of the enum 'StatementKind'.",
                Errors.single(GraphQL.query(statements, "f", Map.of("heldOn", Map.of("from", "2023-11-10"), "kind", List.of("SUMMARY", "NOPE"))),
                        ErrorCodes.BAD_USER_INPUT).get("message"));
        // Inside a list of input objects, refused before the token is even looked at.
        Map<String, Object> input = Map.of("description", "d", "dialogueId", "x", "kind", "AGREEMENT", "madeById", "y",
                "title", "t", "parties", List.of(Map.of("nationId", "a", "role", "PROVIDER"), Map.of("nationId", "b", "role", "NOPE")));
        assertEquals("Variable 'input' holds 'NOPE' at 'input.parties[1].role', which is not a value of the enum 'PartyRole'.",
                Errors.single(GraphQL.file("editorial-create-commitment", "input", input), ErrorCodes.BAD_USER_INPUT).get("message"));
        Map<String, Object> noRole = Map.of("description", "d", "dialogueId", "x", "kind", "AGREEMENT", "madeById", "y",
                "title", "t", "parties", List.of(Map.of("nationId", "a")));
        assertEquals("Variable 'input' has no value for its required field 'input.parties[0].role' of type 'PartyRole!'.",
                Errors.single(GraphQL.file("editorial-create-commitment", "input", noRole), ErrorCodes.BAD_USER_INPUT).get("message"));
        ServerStatementCounter.assertNoneRan();
    }

    @Test
    void aVariableValueOfTheWrongTypeIsBadUserInput() {
        ServerStatementCounter.resetBoth();
        var response = GraphQL.file("wrong-variable-value", "ids", 5);
        var error = Errors.single(response, ErrorCodes.BAD_USER_INPUT);
        assertEquals("Variable 'ids' has a value that is not a valid '[String!]!'.", error.get("message"));
        ServerStatementCounter.assertNoneRan();
    }

    @Test
    void aMissingRequiredVariableIsBadUserInput() {
        var response = GraphQL.file("required-variable");
        var error = Errors.single(response, ErrorCodes.BAD_USER_INPUT);
        assertEquals("Variable 'id' of type 'ID!' must not be null.", error.get("message"));
    }

    @Test
    void aStringForAnIntVariableIsBadUserInputNamingTheVariable() {
        // SmallRye's Int accepted strings while coercing variables and failed only when it converted the
        // argument; now the variable is refused before execution (engine/StrictScalars), as the spec says.
        var response = GraphQL.query("query Page($n: Int) { officials(first: $n) { totalCount } }", "n", "ten");
        var error = Errors.single(response, ErrorCodes.BAD_USER_INPUT);
        assertEquals("Variable 'n' has an invalid value: Int cannot represent \"ten\": it is not a number.", error.get("message"));
        assertNull(response.get("data"));
    }

    @Test
    void anAmbiguousOrUnknownOperationIsValidationFailed() {
        Errors.single(GraphQL.file("two-operations"), ErrorCodes.VALIDATION_FAILED);
        var response = given().contentType(ContentType.JSON)
                .body(Map.of("query", GraphQL.load("two-operations"), "operationName", "Third"))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        Errors.single(response, ErrorCodes.VALIDATION_FAILED);
    }

    @Test
    void aPageSizeOutOfRangeIsBadUserInputAtItsPath() {
        var response = GraphQL.query("{ officials(first: 101) { totalCount } }");
        var error = Errors.single(response, ErrorCodes.BAD_USER_INPUT);
        assertTrue(error.get("message").toString().contains("'first'"), error.toString());
        assertEquals(List.of("officials"), response.getList("errors[0].path"));
        assertEquals(1, response.getInt("errors[0].locations[0].line"));
    }

    @Test
    void anIdThatNamesNothingIsNotFoundAndTheFieldIsNull() {
        var response = GraphQL.file("node", "id", Ids.base64("Official:999999"));
        Errors.single(response, ErrorCodes.NOT_FOUND);
        assertEquals(List.of("node"), response.getList("errors[0].path"));
        assertTrue(response.getMap("data").containsKey("node"));
        assertNull(response.get("data.node"));
    }

    @Test
    void theDocumentedSetHoldsTheCodesThatHaveNoTriggerYet() {
        assertTrue(Errors.DOCUMENTED.containsAll(List.of("UNAUTHENTICATED", "FORBIDDEN", "INTERNAL", "TIMEOUT")));
    }
}
