package io.communique.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /graphql as the GraphQL-over-HTTP spec defines it: methods, media types, status codes and the
 * request limits. RestAssured for ordinary requests; java.net.http where RestAssured would add
 * headers of its own (Accept, Content-Type) or cannot send the body under test (raw bytes, chunks).
 */
@QuarkusTest
class GraphQLOverHttpTest {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String LIMIT_MESSAGE = "The request body is larger than the limit of 262144 bytes.";

    @TestHTTPResource("/graphql")
    URI endpoint;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    // ---- media types

    @Test
    void answersInGraphqlResponseJsonWhenAccepted() {
        post(GRAPHQL_RESPONSE, Map.of("query", "{ nation(code: \"IN\") { name } }"))
                .statusCode(200)
                .header("Content-Type", "application/graphql-response+json; charset=utf-8")
                .header("Vary", "Accept, Accept-Encoding, Authorization, Origin")
                .body("data.nation.name", equalTo("India"));
    }

    @Test
    void answersInApplicationJsonForLegacyAndWildcardAccepts() {
        for (String accept : new String[] {"application/json", "*/*", "application/*", "text/html, application/json;q=0.5"}) {
            post(accept, Map.of("query", "{ __typename }"))
                    .statusCode(200)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .body("data.__typename", equalTo("Query"));
        }
    }

    @Test
    void noAcceptHeaderMeansApplicationJson() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")));
        assertEquals(200, response.statusCode());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void nothingAcceptableIs406WithACode() {
        given().contentType("application/json").accept("text/html, application/xml")
                .body(Map.of("query", "{ __typename }"))
                .when().post("/graphql")
                .then().statusCode(406)
                .header("Content-Type", startsWith("application/json"))
                .body("errors[0].extensions.code", equalTo("NOT_ACCEPTABLE"))
                .body("$", not(hasKey("data")));
    }

    @Test
    void utf8RequestsAndResponsesKeepNonAsciiText() {
        // A document with characters outside the BMP, declared and undeclared charset alike.
        for (String contentType : new String[] {"application/json; charset=utf-8", "application/json; charset=\"UTF-8\"", "application/json"}) {
            given().contentType(contentType).accept(GRAPHQL_RESPONSE)
                    .body("{\"query\": \"{ __type(name: \\\"Run🏃Swim🏊\\\") { name } }\"}".getBytes(StandardCharsets.UTF_8))
                    .when().post("/graphql")
                    .then().statusCode(200).body("data.__type", equalTo(null));
        }
        // An error message that quotes the argument's value: non-ASCII text must come back intact as UTF-8.
        byte[] raw = given().contentType("application/json").accept("application/json")
                .body("{\"query\": \"{ nation(code: \\\"Run🏃\\\") { name } }\"}".getBytes(StandardCharsets.UTF_8))
                .when().post("/graphql").then().statusCode(200)
                .header("Content-Type", "application/json; charset=utf-8")
                .extract().asByteArray();
        String message = JsonPath.from(new String(raw, StandardCharsets.UTF_8)).getString("errors[0].message");
        assertTrue(message.contains("Run🏃"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json, application/json", "application/json; charset=utf-8, application/json"})
    void aContentTypeSentTwiceIsAcceptedWhenEveryValueIsJson(String contentType) throws Exception {
        // SmallRye's GraphiQL page sends its Content-Type twice, which arrives folded with a comma.
        // (java.net.http, not RestAssured, which would append a charset of its own.)
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType).header("Accept", GRAPHQL_RESPONSE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Query", JsonPath.from(response.body()).getString("data.__typename"));
    }

    @Test
    void aListHeaderSentOnTwoLinesIsReadWhole() throws Exception {
        // RFC 9110 5.3: two lines of a list header are one line of both values. Only the first line was read:
        // an Accept whose second line admits JSON was 406, a second Content-Type went unchecked, and an
        // If-None-Match whose second line matches got the whole body again.
        String body = "{\"query\": \"{ __typename }\"}";
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .header("Accept", "text/html").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, accepted.statusCode(), accepted.body());

        HttpResponse<String> twoTypes = send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(415, twoTypes.statusCode(), twoTypes.body());

        URI get = getUri(Map.of("query", "{ nation(code: \"IN\") { name } }"));
        String etag = send(HttpRequest.newBuilder(get).GET()).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> revalidated = send(HttpRequest.newBuilder(get)
                .header("If-None-Match", "\"something-else\"").header("If-None-Match", etag).GET());
        assertEquals(304, revalidated.statusCode(), revalidated.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/graphql", "application/xml",
            "application/json; charset=ISO-8859-1", "application/json, text/plain"})
    void postBodiesMustBeUtf8Json(String contentType) {
        given().contentType(contentType).accept(GRAPHQL_RESPONSE)
                .body("{\"query\": \"{ __typename }\"}".getBytes(StandardCharsets.UTF_8))
                .when().post("/graphql")
                .then().statusCode(415)
                .body("errors[0].extensions.code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {";;;", ",,,", " ; charset=utf-8"})
    void aContentTypeWithNoMediaTypeIs415NotInternal(String contentType) throws Exception {
        // Splitting ";;;" on ';' gives no pieces at all, which answered 500 INTERNAL, logged as a fault.
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType).header("Accept", GRAPHQL_RESPONSE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")));
        assertEquals(415, response.statusCode(), response.body());
        JsonPath body = JsonPath.from(response.body());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", body.getString("errors[0].extensions.code"));
        assertEquals("Unsupported Content-Type '" + contentType.trim() + "': send the request as application/json.",
                body.getString("errors[0].message"));
    }

    @Test
    void aCompressedBodyIs415NamingTheCodingTaken() throws Exception {
        // It was refused as "The request body is not valid UTF-8.", which sent the client looking in the wrong place.
        byte[] json = "{\"query\": \"{ __typename }\"}".getBytes(StandardCharsets.UTF_8);
        var gzipped = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gzipped)) {
            out.write(json);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip").header("Accept", GRAPHQL_RESPONSE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray())));
        assertEquals(415, response.statusCode(), response.body());
        assertEquals("identity", response.headers().firstValue("Accept-Encoding").orElseThrow());
        JsonPath body = JsonPath.from(response.body());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", body.getString("errors[0].extensions.code"));
        assertEquals("Content-Encoding 'gzip' is not supported: send the request body uncompressed.",
                body.getString("errors[0].message"));
        // "identity" is no coding at all.
        HttpResponse<String> plain = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").header("Content-Encoding", "identity").header("Accept", GRAPHQL_RESPONSE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
        assertEquals(200, plain.statusCode(), plain.body());
    }

    @Test
    void anAcceptHeaderOfSeparatorsOnlyIs406NotInternal() throws Exception {
        // The same split, in the failure handler too: Vert.x's plain-text "Internal Server Error".
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").header("Accept", ";;;,,,q==")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")));
        assertEquals(406, response.statusCode(), response.body());
        assertEquals("NOT_ACCEPTABLE", JsonPath.from(response.body()).getString("errors[0].extensions.code"));
    }

    @Test
    void aPostWithoutContentTypeIs415() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")));
        assertEquals(415, response.statusCode());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", JsonPath.from(response.body()).getString("errors[0].extensions.code"));
    }

    // ---- status codes of executed requests

    @Test
    void documentErrorsAre400WithGraphqlResponseJsonAnd200WithApplicationJson() {
        for (String query : new String[] {"{", GraphQL.load("http-unknown-field")}) {
            post(GRAPHQL_RESPONSE, Map.of("query", query))
                    .statusCode(400)
                    .header("Content-Type", startsWith(GRAPHQL_RESPONSE))
                    .body("$", not(hasKey("data")))
                    .body("errors.size()", equalTo(1));
            post("application/json", Map.of("query", query))
                    .statusCode(200)
                    .header("Content-Type", startsWith("application/json"))
                    .body("$", not(hasKey("data")))
                    .body("errors.size()", equalTo(1));
        }
    }

    @Test
    void variableCoercionFailureIs400WithGraphqlResponseJson() {
        var body = new java.util.HashMap<String, Object>();
        body.put("query", GraphQL.load("node"));
        body.put("variables", java.util.Collections.singletonMap("id", null));
        post(GRAPHQL_RESPONSE, body).statusCode(400).body("$", not(hasKey("data")));
        post("application/json", body).statusCode(200).body("$", not(hasKey("data")));
    }

    @Test
    void aFieldErrorWithDataIs200EvenWithGraphqlResponseJson() {
        post(GRAPHQL_RESPONSE, Map.of("query", GraphQL.load("node"), "variables", Map.of("id", "T2ZmaWNpYWw6OTk5OTk5")))
                .statusCode(200)
                .body("$", hasKey("data"))
                .body("data.node", equalTo(null))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    @Test
    void operationNameSelectsTheOperationOverPost() {
        post(GRAPHQL_RESPONSE, Map.of("query", GraphQL.load("http-two-operations"), "operationName", "NationCode",
                "variables", Map.of("code", "US")))
                .statusCode(200)
                .body("data.nation.code", equalTo("US"))
                .body("data.nation", not(hasKey("name")));
        // An operationName the document does not define is a request error: no data, so 400 with the new type.
        Map<String, Object> unknown = Map.of("query", GraphQL.load("http-two-operations"), "operationName", "Nope",
                "variables", Map.of("code", "US"));
        post(GRAPHQL_RESPONSE, unknown).statusCode(400).body("$", not(hasKey("data")));
        post("application/json", unknown).statusCode(200).body("$", not(hasKey("data")));
    }

    @Test
    void anEmptyOperationNameIsNoName() {
        // graphql-java runs an empty name as the document's first operation, while the check for a subscription
        // looked for an operation named "": the subscription ran over POST and the request never got an answer.
        post(GRAPHQL_RESPONSE, Map.of("query", "subscription S { commitmentStatusChanged { __typename } }",
                "operationName", ""))
                .statusCode(400)
                .body("$", not(hasKey("data")))
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        // With two operations, no name is a request error rather than the first one run.
        post(GRAPHQL_RESPONSE, Map.of("query", GraphQL.load("http-two-operations"), "operationName", "",
                "variables", Map.of("code", "US")))
                .statusCode(400)
                .body("$", not(hasKey("data")));
        post(GRAPHQL_RESPONSE, Map.of("query", "{ __typename }", "operationName", ""))
                .statusCode(200)
                .body("data.__typename", equalTo("Query"));
    }

    // ---- GET

    @Test
    void getRunsAQueryWithOperationNameAndUrlEncodedVariables() throws Exception {
        String query = GraphQL.load("http-two-operations");
        for (String[] pick : new String[][] {{"NationName", "name", "India"}, {"NationCode", "code", "IN"}}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(getUri(Map.of(
                    "query", query, "operationName", pick[0], "variables", "{\"code\": \"IN\"}")))
                    .header("Accept", GRAPHQL_RESPONSE).GET());
            assertEquals(200, response.statusCode(), response.body());
            JsonPath json = JsonPath.from(response.body());
            assertEquals(pick[2], json.getString("data.nation." + pick[1]));
            assertEquals(1, json.getMap("data.nation").size(), "only the selected operation ran");
        }
    }

    @Test
    void getKeepsPlusSignsAndPercentsOfTheDocument() throws Exception {
        // Decoded once: a literal '+' or '%' in a string argument must reach the engine unchanged.
        HttpResponse<String> response = send(HttpRequest.newBuilder(getUri(Map.of(
                "query", "{ __type(name: \"a+b%20c\") { name } }"))).GET());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertFalse(response.body().contains("errors"), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-mutation", "http-subscription"})
    void getRefusesMutationsAndSubscriptionsBeforeValidation(String file) throws Exception {
        // Neither document would pass validation (there is no Mutation or Subscription type): the type alone refuses them.
        for (String accept : new String[] {GRAPHQL_RESPONSE, "application/json"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(getUri(Map.of("query", GraphQL.load(file))))
                    .header("Accept", accept).GET());
            assertEquals(405, response.statusCode());
            assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
            JsonPath json = JsonPath.from(response.body());
            assertEquals("METHOD_NOT_ALLOWED", json.getString("errors[0].extensions.code"));
            assertFalse(json.getMap("$").containsKey("data"));
            // POST refuses a subscription too, so the way out named is the WebSocket.
            assertEquals(file.equals("http-mutation") ? "A mutation cannot be sent with GET: use POST."
                    : "A subscription cannot be sent with GET: connect to this path with the graphql-transport-ws"
                            + " (or graphql-ws) subprotocol.", json.getString("errors[0].message"));
        }
    }

    @Test
    void getSelectsByOperationNameBeforeDecidingOnTheType() throws Exception {
        String document = GraphQL.load("http-query-and-mutation");
        HttpResponse<String> mutation = send(HttpRequest.newBuilder(
                getUri(Map.of("query", document, "operationName", "Rename"))).GET());
        assertEquals(405, mutation.statusCode());
        assertEquals("POST", mutation.headers().firstValue("Allow").orElseThrow());

        HttpResponse<String> query = send(HttpRequest.newBuilder(
                getUri(Map.of("query", document, "operationName", "ReadIndia"))).GET());
        // The document as a whole fails validation (the mutation names no real field), but nothing was refused for the method.
        assertEquals(200, query.statusCode(), query.body());
    }

    @Test
    void getNeedsAQueryAndWellFormedParameters() throws Exception {
        assertBadRequest(send(HttpRequest.newBuilder(endpoint).header("Accept", GRAPHQL_RESPONSE).GET()), "BAD_REQUEST");
        assertBadRequest(send(HttpRequest.newBuilder(getUri(Map.of("query", "{ __typename }", "variables", "{not json")))
                .GET()), "BAD_REQUEST");
        assertBadRequest(send(HttpRequest.newBuilder(getUri(Map.of("query", "{ __typename }", "variables", "[1]")))
                .GET()), "BAD_REQUEST");
        assertBadRequest(send(HttpRequest.newBuilder(getUri(Map.of("query", "{ __typename }",
                "variables", "{\"n\": 1E2147483648}"))).GET()), "BAD_REQUEST");
        assertBadRequest(send(HttpRequest.newBuilder(
                URI.create(endpoint + "?query=%7B__typename%7D&query=%7B__typename%7D")).GET()), "BAD_REQUEST");
        // A broken percent-escape (unwritable with java.net.URI, so sent raw) is refused by Vert.x before routing,
        // with an empty body: still a 400, never an execution.
        String broken = rawExchange("GET /graphql?query=%7B__typename%7D%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(broken.startsWith("HTTP/1.1 400 "), broken);
        assertFalse(broken.contains("__typename"), broken);
    }

    // ---- methods

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH"})
    void otherMethodsAre405(String method) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")));
        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD, POST, OPTIONS", response.headers().firstValue("Allow").orElseThrow());
        assertEquals("METHOD_NOT_ALLOWED", JsonPath.from(response.body()).getString("errors[0].extensions.code"));
    }

    @Test
    void headIsAGetWithoutItsBody() throws Exception {
        // RFC 9110: a resource that answers GET answers HEAD, with the GET's status and headers.
        URI uri = getUri(Map.of("query", "{ nation(code: \"IN\") { name } }"));
        HttpResponse<String> get = send(HttpRequest.newBuilder(uri).GET());
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        for (String header : new String[] {"Content-Type", "Content-Length", "ETag", "Cache-Control"}) {
            assertEquals(get.headers().firstValue(header), head.headers().firstValue(header), header);
        }
        assertEquals(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length),
                head.headers().firstValue("Content-Length").orElseThrow());

        HttpResponse<String> mutation = send(HttpRequest.newBuilder(getUri(Map.of("query", GraphQL.load("http-mutation"))))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, mutation.statusCode());
        assertEquals("POST", mutation.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void optionsListsTheMethods() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, response.statusCode());
        assertEquals("GET, HEAD, POST, OPTIONS", response.headers().firstValue("Allow").orElseThrow());
    }

    // ---- malformed POST bodies

    @ParameterizedTest
    @ValueSource(strings = {
            "{ \"not a JSON",
            "{\"query\": \"{ __typename }\"} trailing",
            "\"{ __typename }\"",
            "42",
            "{}",
            "{\"qeury\": \"{ __typename }\"}",
            "{\"query\": null}",
            "{\"query\": \"  \"}",
            "{\"query\": {\"obj\": \"ect\"}}",
            "{\"query\": \"{ __typename }\", \"operationName\": 0}",
            "{\"query\": \"{ __typename }\", \"variables\": \"string\"}",
            "{\"query\": \"{ __typename }\", \"variables\": [\"array\"]}",
            "{\"query\": \"{ __typename }\", \"extensions\": false}",
            // Well-formed JSON, but beyond the numbers the parser reads: was 500 INTERNAL with a stack trace.
            "{\"query\": \"{ __typename }\", \"ignored\": 1e9999999999}",
            "{\"query\": \"{ __typename }\", \"variables\": {\"n\": 1E2147483648}}"})
    void malformedBodiesAre400WhateverTheAcceptedType(String body) {
        for (String accept : new String[] {GRAPHQL_RESPONSE, "application/json"}) {
            given().contentType("application/json").accept(accept).body(body.getBytes(StandardCharsets.UTF_8))
                    .when().post("/graphql")
                    .then().statusCode(400)
                    .header("Content-Type", startsWith(accept))
                    .body("$", not(hasKey("data")))
                    .body("errors[0].extensions.code", equalTo("BAD_REQUEST"))
                    .body("errors[0].message", not(org.hamcrest.Matchers.containsString("Exception")));
        }
    }

    @Test
    void emptyAndNonUtf8BodiesAre400() throws Exception {
        assertBadRequest(send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())), "BAD_REQUEST");
        byte[] latin1 = "{\"query\": \"{ __type(name: \\\"Caf\u00e9\\\") { name } }\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertBadRequest(send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1))), "BAD_REQUEST");
    }

    @Test
    void nullOptionalParametersAndUnknownKeysAreAccepted() {
        var body = new java.util.HashMap<String, Object>();
        body.put("query", "{ __typename }");
        body.put("operationName", null);
        body.put("variables", null);
        body.put("extensions", null);
        body.put("somethingElse", 1);
        post(GRAPHQL_RESPONSE, body).statusCode(200).body("data.__typename", equalTo("Query"));
        post(GRAPHQL_RESPONSE, Map.of("query", "{ __typename }", "extensions", Map.of("some", "value")))
                .statusCode(200).body("$", not(hasKey("errors")));
    }

    // ---- batching and size

    @Test
    void batchedRequestsAreRefusedWithTheirOwnCode() {
        given().contentType("application/json").accept(GRAPHQL_RESPONSE)
                .body("[{\"query\": \"{ __typename }\"}, {\"query\": \"{ __typename }\"}]")
                .when().post("/graphql")
                .then().statusCode(400)
                .body("$", not(hasKey("data")))
                .body("errors[0].extensions.code", equalTo("BATCHING_NOT_SUPPORTED"));
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsRefusedBeforeAnyParserRecursesIntoIt() {
        // 500 levels inside the 256 KB limit used to overflow the stack of the JSON binding that converts
        // a variable, answering INTERNAL; 5,000 overflowed before execution, with a 500.
        for (int depth : new int[] {65, 500, 5_000}) {
            String nested = "[".repeat(depth - 2) + "]".repeat(depth - 2);
            given().contentType("application/json").accept(GRAPHQL_RESPONSE)
                    .body("{\"query\": \"query($v: Int) { officials(first: $v) { totalCount } }\", \"variables\": {\"v\": " + nested + "}}")
                    .when().post("/graphql")
                    .then().statusCode(400)
                    .body("$", not(hasKey("data")))
                    .body("errors[0].extensions.code", equalTo("JSON_TOO_DEEP"))
                    .body("errors[0].message", equalTo("The request's JSON nests deeper than the limit of 64 levels."));
        }
        // At the limit the request reaches the engine, which finds the variable is no Int.
        String atLimit = "[".repeat(62) + "]".repeat(62);
        given().contentType("application/json").accept(GRAPHQL_RESPONSE)
                .body("{\"query\": \"query($v: Int) { officials(first: $v) { totalCount } }\", \"variables\": {\"v\": " + atLimit + "}}")
                .when().post("/graphql")
                .then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        // The same limit for the JSON of a GET's parameters.
        given().accept(GRAPHQL_RESPONSE)
                .queryParam("query", "query($v: Int) { officials(first: $v) { totalCount } }")
                .queryParam("variables", "{\"v\": " + "[".repeat(100) + "]".repeat(100) + "}")
                .when().get("/graphql")
                .then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("JSON_TOO_DEEP"));
    }

    @Test
    void aBodyOverTheLimitIs413WithACode() {
        String padding = "x".repeat(300_000);
        given().contentType("application/json").accept(GRAPHQL_RESPONSE)
                .body(Map.of("query", "{ __typename }", "variables", Map.of("pad", padding)))
                .when().post("/graphql")
                .then().statusCode(413)
                .header("Content-Type", startsWith(GRAPHQL_RESPONSE))
                .body("errors[0].extensions.code", equalTo("PAYLOAD_TOO_LARGE"))
                .body("errors[0].message", equalTo(LIMIT_MESSAGE));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        byte[] big = ("{\"query\": \"{ __typename }\", \"variables\": {\"pad\": \"" + "x".repeat(300_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        // An InputStream publisher has no length, so the body goes out chunked and only the count of bytes read can stop it.
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertEquals(413, response.statusCode());
        assertEquals(LIMIT_MESSAGE, JsonPath.from(response.body()).getString("errors[0].message"));
    }

    @Test
    void aDeclaredLengthOverEveryLimitIs413BeforeAnyBodyIsSent() throws Exception {
        // 20 MB is over Quarkus's own server-wide limit too, whose 413 has no body: this endpoint's answer must come first.
        String response = rawExchange("POST /graphql HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nAccept: application/graphql-response+json\r\n"
                + "Content-Length: 20000000\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 413 "), response);
        assertTrue(response.toLowerCase().contains("connection: close"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertEquals("PAYLOAD_TOO_LARGE", JsonPath.from(body).getString("errors[0].extensions.code"));
    }

    @Test
    void aBodyJustUnderTheLimitIsServed() {
        String padding = "x".repeat(250_000);
        post(GRAPHQL_RESPONSE, Map.of("query", "{ __typename }", "extensions", Map.of("pad", padding)))
                .statusCode(200).body("data.__typename", equalTo("Query"));
    }

    // ---- helpers

    private static ValidatableResponse post(String accept, Map<String, ?> body) {
        return given().contentType("application/json").accept(accept).body(body)
                .when().post("/graphql").then();
    }

    private URI getUri(Map<String, String> parameters) {
        StringBuilder uri = new StringBuilder(endpoint.toString()).append('?');
        parameters.forEach((name, value) -> uri.append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        return URI.create(uri.toString());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends raw request bytes and reads until the server closes the connection. */
    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertBadRequest(HttpResponse<String> response, String code) {
        assertEquals(400, response.statusCode(), response.body());
        JsonPath json = JsonPath.from(response.body());
        assertEquals(code, json.getString("errors[0].extensions.code"));
        assertFalse(json.getMap("$").containsKey("data"));
    }
}
