package io.communique.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.communique.support.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every statement is exactly the text of its span, in a document stored byte-for-byte as published. */
@QuarkusTest
class SpanIntegrityTest {

    @Test
    void everyStatementIsTheTextOfItsSpan() {
        List<Map<String, Object>> statements = GraphQL.file("all-statements").getList("data.statements.nodes");
        assertEquals(23, statements.size());
        for (var s : statements) {
            var source = (Map<String, Object>) s.get("source");
            String document = (String) ((Map<String, Object>) source.get("document")).get("text");
            int start = (Integer) source.get("start");
            int end = (Integer) source.get("end");
            String span = document.substring(document.offsetByCodePoints(0, start), document.offsetByCodePoints(0, end));
            assertEquals(s.get("text"), span, "statement at ordinal " + source.get("ordinal"));
            assertEquals(s.get("text"), source.get("excerpt"));
        }
    }

    @Test
    void storedDocumentIsTheArticleVerbatim() throws IOException {
        String article = Files.readString(Path.of("db/sources/india-us-2plus2-2023-11-12.txt"), StandardCharsets.UTF_8);
        String stored = GraphQL.query("{ sourceDocuments(first: 1) { nodes { text length publishedOn } } }")
                .getString("data.sourceDocuments.nodes[0].text");
        assertEquals(article, stored);
        assertEquals(article.getBytes(StandardCharsets.UTF_8).length, stored.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void excerptWidensTheSpanWithinTheDocument() {
        var response = GraphQL.query("""
                { statements(first: 1) { nodes { text source { start excerpt(context: 1000) document { text } } } } }""");
        String text = response.getString("data.statements.nodes[0].text");
        String excerpt = response.getString("data.statements.nodes[0].source.excerpt");
        String document = response.getString("data.statements.nodes[0].source.document.text");
        int start = response.getInt("data.statements.nodes[0].source.start");
        // The first statement starts fewer than 1000 characters in, so the excerpt is clipped at the start.
        assertEquals(document.substring(Math.max(0, start - 1000), Math.min(document.length(), start + text.length() + 1000)),
                excerpt);
        assertEquals(0, document.indexOf(excerpt));
    }
}
