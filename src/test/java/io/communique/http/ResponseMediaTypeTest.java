package io.communique.http;

import static io.communique.http.ResponseMediaType.GRAPHQL_RESPONSE_JSON;
import static io.communique.http.ResponseMediaType.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Accept negotiation: the spec's legacy defaults, q-values, specificity, charset, and 406. */
class ResponseMediaTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/graphql-response+json | GRAPHQL_RESPONSE_JSON",
            "application/json | JSON",
            "*/* | JSON",
            "application/* | JSON",
            "APPLICATION/JSON | JSON",
            "application/graphql-response+json, application/json;q=0.9 | GRAPHQL_RESPONSE_JSON",
            "application/json, application/graphql-response+json | GRAPHQL_RESPONSE_JSON",
            "application/json;q=1, application/graphql-response+json;q=0.5 | JSON",
            "application/graphql-response+json;q=0, */* | JSON",
            "application/json;q=0, */* | GRAPHQL_RESPONSE_JSON",
            "text/html, application/json;q=0.1 | JSON",
            "application/json; charset=utf-8 | JSON",
            "application/json; charset=ISO-8859-1, application/graphql-response+json;q=0.2 | GRAPHQL_RESPONSE_JSON",
            "'application/json, multipart/mixed' | JSON",
    })
    void choosesTheBestAcceptableType(String accept, ResponseMediaType expected) {
        assertEquals(Optional.of(expected), ResponseMediaType.negotiate(accept));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void noAcceptHeaderMeansApplicationJson(String accept) {
        assertEquals(Optional.of(JSON), ResponseMediaType.negotiate(accept));
        assertEquals(Optional.of(JSON), ResponseMediaType.negotiate(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "text/html",
            "application/xml, text/*",
            "application/json;q=0",
            "application/json;q=0, application/graphql-response+json;q=0",
            "*/*;q=0",
            "application/json; charset=ISO-8859-1",
            "application/graphql+json",
            "application/json;q=nonsense",
            ";;;,,,q==",
            ";",
            ", ;"})
    void nothingAcceptableIsEmpty(String accept) {
        assertEquals(Optional.empty(), ResponseMediaType.negotiate(accept));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GRAPHQL_RESPONSE_JSON | application/graphql-response+json; charset=utf-8",
            "JSON | application/json; charset=utf-8"})
    void contentTypesDeclareUtf8(ResponseMediaType type, String contentType) {
        assertEquals(contentType, type.contentType());
        assertEquals(type == GRAPHQL_RESPONSE_JSON, contentType.startsWith("application/graphql-response+json"));
    }
}
