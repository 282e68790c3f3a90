package io.communique.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.communique.support.Ids;
import io.communique.support.ServerStatementCounter;
import io.communique.support.SqlStatementCounter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** search(query:): syntax, types, ranking, snippets, names, misspellings, paging, bad input and SQL cost, on the seed. */
@QuarkusTest
class SearchTest {

    /**
     * search.graphql over hits that include statements: the search alone. Statement.source
     * ({@code ordinal}) comes from the statement's own row; only a span's document costs a statement.
     */
    static final int SEARCH_WITH_SOURCES = 1;

    private static JsonPath search(String query, Object... more) {
        Object[] variables = new Object[more.length + 2];
        variables[0] = "query";
        variables[1] = query;
        System.arraycopy(more, 0, variables, 2, more.length);
        var response = GraphQL.file("search", variables);
        assertNull(response.get("errors"), response.prettify());
        return response;
    }

    private static List<Map<String, Object>> nodes(JsonPath response) {
        return response.getList("data.search.edges.node");
    }

    /** Hits as "Type:name-or-title-or-ordinal", in rank order. */
    private static List<String> hits(JsonPath response) {
        List<String> hits = new ArrayList<>();
        for (Map<String, Object> node : nodes(response)) {
            String type = (String) node.get("__typename");
            Object label = switch (type) {
                case "Statement" -> ((Map<?, ?>) node.get("source")).get("ordinal");
                case "Commitment", "Dialogue" -> node.get("title");
                default -> node.get("name");
            };
            hits.add(type + ":" + label);
        }
        return hits;
    }

    private static Set<String> statementOrdinals(String query) {
        Set<String> ordinals = new HashSet<>();
        for (String hit : hits(search(query, "types", List.of("STATEMENT"), "first", 100))) {
            ordinals.add(hit.substring("Statement:".length()));
        }
        return ordinals;
    }

    private static String errorCode(JsonPath response) {
        assertNull(response.get("data.search"), response.prettify());
        return response.getString("errors[0].extensions.code");
    }

    @Test
    void quotedPhraseMatchesWordsInThatOrderOnly() {
        assertEquals(Set.of("9", "10"), statementOrdinals("free Indo-Pacific"));
        assertEquals(Set.of("9"), statementOrdinals("\"free Indo-Pacific\""));
        assertEquals(Set.of(), statementOrdinals("\"Indo-Pacific free\""));
    }

    @Test
    void orMatchesEitherWordWhereWordsAloneMatchBoth() {
        assertEquals(Set.of(), statementOrdinals("Gaza Taliban"));
        assertEquals(Set.of("19", "22"), statementOrdinals("Gaza or Taliban"));
    }

    @Test
    void minusExcludesAWord() {
        assertEquals(Set.of("2", "8", "11"), statementOrdinals("armoured"));
        assertEquals(Set.of("8", "11"), statementOrdinals("armoured -Quad"));
    }

    @Test
    void theWordBeingTypedMatchesAsAPrefix() {
        assertEquals(List.of("Official:S. Jaishankar"),
                hits(search("Jaish", "types", List.of("OFFICIAL"))));
        assertEquals(Set.of("13", "14"), statementOrdinals("Jaish"));
        // A trailing space finishes the word: no word is "jaish".
        assertEquals(Set.of(), statementOrdinals("Jaish "));
        assertEquals(Set.of("4", "23"), statementOrdinals("F41"));
        assertEquals(Set.of("16"), statementOrdinals("critical miner"));
    }

    @Test
    void nationsAreFoundByNameAndByCode() {
        // The texts write "US": before nations were searchable, "United States" found nothing at all.
        var byName = search("United States");
        assertEquals(List.of("Nation:United States"), hits(byName), byName.prettify());
        assertEquals("<mark>United</mark> <mark>States</mark> (US), also USA, U.S., U.S.A., America,"
                + " <mark>United</mark> <mark>States</mark> of America", byName.getString("data.search.edges[0].snippet"));
        assertEquals(GraphQL.query("{ nation(code: \"US\") { id } }").getString("data.nation.id"),
                byName.getString("data.search.edges[0].node.id"));
        assertTrue(hits(search("US", "first", 100)).contains("Nation:United States"));
        assertEquals(List.of("Nation:India"), hits(search("Ind", "types", List.of("NATION"))), "as you type");
        assertEquals(List.of(), hits(search("Indian", "types", List.of("NATION"))), "names are not stemmed");
    }

    @Test
    void nationsAreFoundByTheirOtherNames() {
        // "USA" and "U.S." found nothing: only the short name and the code were searched.
        for (String name : List.of("USA", "U.S.", "u.s.a.", "America", "United States of America")) {
            assertEquals(List.of("Nation:United States"), hits(search(name, "types", List.of("NATION"))), name);
        }
        assertEquals(List.of("Nation:India"), hits(search("Bharat", "types", List.of("NATION"))));
        var usa = search("USA");
        assertEquals("Nation:United States", hits(usa).get(0), usa.prettify());
        // Typed in capitals, USA also matches its dotted form (V22), and the snippet marks both.
        assertEquals("United States (US), also <mark>USA</mark>, U.S., <mark>U.S.A</mark>., America, United States of America",
                usa.getString("data.search.edges[0].snippet"));
    }

    @Test
    void omittingTypesSearchesEveryType() {
        // The default is written out by hand (a SmallRye workaround); a type added to SearchType but not
        // to it would be searched only when asked for, as nations were at first.
        // Two requests: introspection may ask for __type once per operation.
        var schema = GraphQL.query("{ query: __type(name: \"Query\") { fields { name args { name defaultValue } } } }");
        assertNull(schema.get("errors"), schema.prettify());
        List<String> every = GraphQL.query("{ __type(name: \"SearchType\") { enumValues { name } } }")
                .getList("data.__type.enumValues.name");
        String defaults = null;
        for (Map<String, Object> field : schema.<Map<String, Object>>getList("data.query.fields")) {
            if (field.get("name").equals("search")) {
                for (Object arg : (List<?>) field.get("args")) {
                    if (((Map<?, ?>) arg).get("name").equals("types")) {
                        defaults = (String) ((Map<?, ?>) arg).get("defaultValue");
                    }
                }
            }
        }
        assertTrue(defaults != null, schema.prettify());
        Set<String> named = new HashSet<>(List.of(defaults.replaceAll("[\\[\\]\\s]", "").split(",")));
        assertEquals(new HashSet<>(every), named, defaults);
    }

    @Test
    void aWordWrittenWithAStarMatchesAsAPrefixWhereverItStands() {
        // The parser drops the '*': "semicond*" looked for the whole word "semicond" and found nothing.
        assertEquals(Set.of("16"), statementOrdinals("semicond*"));
        assertEquals(Set.of(), statementOrdinals("semicond technology "), "without its star the first word is whole");
        assertEquals(Set.of("16"), statementOrdinals("semicond* technology "));
        assertEquals(statementOrdinals("Jaish"), statementOrdinals("Jaish* "), "a star is a prefix after a space too");
        List<String> snippets = search("semicond*", "types", List.of("STATEMENT")).getList("data.search.edges.snippet");
        assertTrue(snippets.stream().allMatch(s -> s.contains("<mark>semiconductors</mark>")), snippets.toString());
    }

    @Test
    void wordsWrittenJoinedOrHyphenatedFindEachOther() {
        // The source writes "counter-terrorism" and "co-production" but "cooperation"; the parser
        // makes one lexeme of the joined form and three of the hyphenated one, so neither found the other.
        Set<String> hyphenated = statementOrdinals("counter-terrorism ");
        assertFalse(hyphenated.isEmpty());
        assertEquals(hyphenated, statementOrdinals("counterterrorism "));
        assertEquals(hyphenated, statementOrdinals("counterterrorism"), "as you type");
        assertEquals(statementOrdinals("co-production "), statementOrdinals("coproduction "));
        assertFalse(statementOrdinals("coproduction ").isEmpty());

        Set<String> joined = statementOrdinals("cooperation ");
        assertFalse(joined.isEmpty());
        assertEquals(joined, statementOrdinals("co-operation "));
        assertEquals(joined, statementOrdinals("Co-operation"), "as you type, in capitals");

        // An exclusion excludes both forms.
        Set<String> india = statementOrdinals("India ");
        Set<String> indiaWithoutCooperation = new HashSet<>(india);
        indiaWithoutCooperation.removeAll(joined);
        assertNotEquals(india, indiaWithoutCooperation, "the test needs statements naming India that mention cooperation");
        assertFalse(indiaWithoutCooperation.isEmpty(), "and some that do not");
        assertEquals(indiaWithoutCooperation, statementOrdinals("India -co-operation"));

        // Inside quotes the word is kept as typed: the phrase finds the form it names.
        assertEquals(hyphenated, statementOrdinals("\"counter-terrorism\""));

        List<String> snippets = search("counterterrorism ", "types", List.of("STATEMENT"), "first", 100)
                .getList("data.search.edges.snippet");
        assertEquals(hyphenated.size(), snippets.size());
        assertTrue(snippets.stream().allMatch(s -> s.toLowerCase(Locale.ROOT).contains("<mark>counter</mark>-<mark>terrorism</mark>")),
                snippets.toString());
    }

    @Test
    void britishAndAmericanSpellingsFindEachOther() {
        // The source writes "defence"; an American reader types "defense", which the stemmer keeps apart.
        Set<String> defence = statementOrdinals("defence");
        assertEquals(Set.of("1", "3", "5", "7", "9", "10", "11", "13"), defence);
        assertEquals(defence, statementOrdinals("defense"));
        assertEquals(defence, statementOrdinals("defense "), "as a finished word too");
        assertEquals(Set.of("3", "13"), statementOrdinals("\"defense ties\""), "and inside a phrase");
        assertTrue(statementOrdinals("ties").containsAll(Set.of("3", "13")));
        assertEquals(Set.of(), statementOrdinals("ties -defense"), "an exclusion excludes every spelling");
        var filtered = GraphQL.query("{ statements(filter: { search: \"defense\" }) { totalCount } }");
        assertEquals(defence.size(), filtered.getInt("data.statements.totalCount"), "StatementFilter.search: " + filtered.prettify());

        List<String> snippets = search("defense", "types", List.of("STATEMENT"), "first", 100)
                .getList("data.search.edges.snippet");
        assertEquals(defence.size(), snippets.size());
        assertTrue(snippets.stream().allMatch(s -> s.toLowerCase(Locale.ROOT).contains("<mark>defence</mark>")),
                snippets.toString());

        // Names are matched word for word as well (the official's other name says "Defence Minister"),
        // which ranks above any trigram guess (at most 0.25).
        var minister = search("Defense Minister", "types", List.of("OFFICIAL"));
        assertEquals(List.of("Official:Rajnath Singh"), hits(minister));
        assertTrue(minister.getFloat("data.search.edges[0].rank") > 0.25f, minister.prettify());
        assertEquals(List.of("Dialogue:Fifth India-US 2+2 Ministerial Dialogue"),
                hits(search("dialog ", "types", List.of("DIALOGUE"))));
    }

    @Test
    void abbreviationsWrittenWithAndWithoutDotsFindEachOther() {
        // The source writes "US"; American style writes "U.S.", which the parser makes another word.
        Set<String> us = statementOrdinals("US ");
        assertEquals(Set.of("1", "5", "10", "17", "18", "19"), us);
        assertEquals(us, statementOrdinals("U.S. "));
        assertTrue(statementOrdinals("U.S").containsAll(us), "as you type (the prefix 'us' finds more)");
        assertEquals(Set.of("18"), statementOrdinals("U.S. industry"));
        assertEquals(Set.of("18"), statementOrdinals("\"U.S. industry\""), "inside a phrase");
        Set<String> notUs = statementOrdinals("India -U.S.");
        assertFalse(notUs.isEmpty());
        assertTrue(notUs.stream().noneMatch(us::contains), "an exclusion excludes both forms: " + notUs);
        // The parser alone reads "India-U.S." as 'india-u', 'india' and 'u', which match nothing.
        Set<String> indiaUs = statementOrdinals("India U.S.");
        assertFalse(indiaUs.isEmpty());
        assertEquals(indiaUs, statementOrdinals("India-U.S."));
        assertEquals(List.of("Dialogue:Fifth India-US 2+2 Ministerial Dialogue"),
                hits(search("India-U.S.", "types", List.of("DIALOGUE"))));
        var commitments = hits(search("U.S. industry", "types", List.of("COMMITMENT")));
        assertEquals("Commitment:US industry support for India's MRO capabilities", commitments.get(0));
        assertEquals(hits(search("US industry", "types", List.of("COMMITMENT"))), commitments);
        assertEquals(List.of("The two sides welcomed commitments from the <mark>US</mark> <mark>industry</mark> to further"
                + " increase India's MRO capabilities, including for the repair of aircraft and unmanned aerial vehicles."),
                search("U.S. industry", "types", List.of("STATEMENT")).getList("data.search.edges.snippet"));
    }

    @Test
    void f414FindsTheStatementsWrittenF414TheCommitmentAndTheEngine() {
        var hits = hits(search("F414"));
        assertEquals(Set.of("Statement:4", "Statement:23", "Commitment:Co-production of the GE F414 jet engine",
                "Subject:GE F414 jet engine"), new HashSet<>(hits));
        // Written as in the source, the designation finds the same.
        assertEquals(new HashSet<>(hits), new HashSet<>(hits(search("F-414"))));
    }

    @Test
    void aHitInATitleRanksAboveAMentionInATextAndRanksNeverIncrease() {
        var response = search("F414");
        // The commitment's title and the engine's name hold it: both before the statements that mention it.
        assertEquals(Set.of("Commitment:Co-production of the GE F414 jet engine", "Subject:GE F414 jet engine"),
                new HashSet<>(hits(response).subList(0, 2)));
        assertEquals(Set.of("Statement:4", "Statement:23"), new HashSet<>(hits(response).subList(2, 4)));
        List<Float> ranks = response.getList("data.search.edges.rank", Float.class);
        assertTrue(ranks.get(1) > ranks.get(2), "title hits must outrank text mentions: " + ranks);
        for (int i = 1; i < ranks.size(); i++) {
            assertTrue(ranks.get(i) <= ranks.get(i - 1), "ranks must not increase: " + ranks);
        }
        assertTrue(ranks.stream().allMatch(r -> r > 0 && r <= 1), ranks.toString());
    }

    @Test
    void anExclusionLeavesTheRankOfTheWordsItKeeps() {
        // ts_rank gives 1e-20 for any tsquery with a NOT, which made every hit of "F414 -zzzz" rank alike.
        // A trailing exclusion leaves F414 without its prefix, as a trailing space does.
        for (String[] pair : List.of(new String[] {"F414 ", "F414 -zzzz"}, new String[] {"F414", "-zzzz F414"},
                new String[] {"jet engine", "jet -\"zzzz\" engine"})) {
            var plain = search(pair[0]);
            var excluding = search(pair[1]);
            assertEquals(hits(plain), hits(excluding), pair[1]);
            assertEquals(plain.getList("data.search.edges.rank", Float.class),
                    excluding.getList("data.search.edges.rank", Float.class), pair[1]);
        }
        assertTrue(search("F414 -zzzz").getFloat("data.search.edges[0].rank") > 0.3f);
    }

    @Test
    void eachTypeFilterReturnsOnlyThatType() {
        Map<String, String> queries = Map.of(
                "STATEMENT", "drones", "COMMITMENT", "drones", "OFFICIAL", "Blinken",
                "TOPIC", "security", "SUBJECT", "Gaza", "DIALOGUE", "Delhi", "NATION", "India");
        Map<String, String> typeNames = Map.of("STATEMENT", "Statement", "COMMITMENT", "Commitment",
                "OFFICIAL", "Official", "TOPIC", "Topic", "SUBJECT", "Subject", "DIALOGUE", "Dialogue",
                "NATION", "Nation");
        queries.forEach((type, query) -> {
            var response = search(query, "types", List.of(type), "first", 100);
            List<String> typenames = response.getList("data.search.nodes.__typename");
            assertFalse(typenames.isEmpty(), type + " search for '" + query + "' found nothing");
            assertEquals(Set.of(typeNames.get(type)), new HashSet<>(typenames), type);
            assertEquals(typenames.size(), response.getInt("data.search.totalCount"));
        });
        var mixed = search("security", "first", 100).getList("data.search.nodes.__typename");
        assertTrue(mixed.containsAll(List.of("Statement", "Commitment", "Topic")), mixed.toString());
        // An explicit null means the default, every type.
        var explicitNull = GraphQL.query("{ search(query: \"security\", types: null, first: 100) { nodes { __typename } } }");
        assertEquals(mixed, explicitNull.getList("data.search.nodes.__typename"), explicitNull.prettify());
        var two = search("security", "types", List.of("TOPIC", "COMMITMENT"), "first", 100)
                .getList("data.search.nodes.__typename");
        assertEquals(Set.of("Topic", "Commitment"), new HashSet<>(two));
    }

    @Test
    void snippetsMarkTheMatchedWords() {
        var response = search("Jaishankar", "types", List.of("STATEMENT"));
        List<String> snippets = response.getList("data.search.edges.snippet");
        assertEquals(2, snippets.size());
        assertTrue(snippets.stream().allMatch(s -> s.contains("<mark>Jaishankar</mark>")), snippets.toString());
        // The prefix and the designation as written in the source are marked whole.
        List<String> f41 = search("F41", "types", List.of("STATEMENT")).getList("data.search.edges.snippet");
        assertTrue(f41.stream().allMatch(s -> s.contains("GE <mark>F-414</mark> jet engine")), f41.toString());
        // Stems are marked as written.
        List<String> drones = search("drone", "types", List.of("COMMITMENT")).getList("data.search.edges.snippet");
        assertEquals(List.of("Supply of MQ-9B <mark>drones</mark> to India — The US is to supply MQ-9B <mark>drones</mark> to India."),
                drones);
    }

    @Test
    void anotherSpellingOfANameFindsTheOfficial() {
        var response = search("Anthony Blinken");
        assertEquals("Official:Antony J. Blinken", hits(response).get(0));
        assertEquals(List.of("Anthony Blinken"), nodes(response).get(0).get("otherNames"));
        assertEquals("Antony J. <mark>Blinken</mark> (<mark>Anthony</mark> <mark>Blinken</mark>)",
                response.getString("data.search.edges[0].snippet"));
    }

    @Test
    void aMisspelledNameIsFoundByTrigramSimilarityOnTheEmbeddedDatabase() {
        var response = search("Blinkin");
        // The embedded PostgreSQL ships pg_trgm: the fuzzy part must be on, or this test would prove nothing.
        assertTrue(response.getBoolean("data.search.fuzzyMatchingAvailable"), "pg_trgm is expected on the embedded PostgreSQL");
        assertEquals(List.of("Official:Antony J. Blinken"), hits(response));
        assertTrue(response.getFloat("data.search.edges[0].rank") > 0);
        // The correct spelling still ranks the official higher than the misspelling does.
        assertTrue(search("Blinken").getFloat("data.search.edges[0].rank") > response.getFloat("data.search.edges[0].rank"));
        // An exclusion turns the fuzzy part off, since a fuzzy hit could not honour it.
        assertEquals(List.of(), hits(search("Blinkin -Austin")));
    }

    @Test
    void aFuzzyHitIsCountedAndPagedLikeAWordHit() {
        // The SQL keeps word hits and fuzzy hits apart; the count and both page edges must see both.
        var first = search("Blinkin", "first", 1);
        assertEquals(1, first.getInt("data.search.totalCount"), first.prettify());
        assertFalse(first.getBoolean("data.search.pageInfo.hasNextPage"));
        assertFalse(first.getBoolean("data.search.pageInfo.hasPreviousPage"));

        var after = search("Blinkin", "first", 1, "after", first.getString("data.search.pageInfo.endCursor"));
        assertEquals(List.of(), hits(after));
        assertEquals(1, after.getInt("data.search.totalCount"), after.prettify());
        assertTrue(after.getBoolean("data.search.pageInfo.hasPreviousPage"), "the fuzzy hit lies before the cursor");
    }

    @Test
    void anExclusionWrittenAsPostgreSqlReadsItTurnsTheFuzzyPartOff() {
        // websearch_to_tsquery excludes a quoted phrase after a dash and a word after a lone dash; the
        // fuzzy part read both as the words themselves and found them by trigrams. With words left to
        // match, the fuzzy part found the very name excluded: Antony J. Blinken, the jet engine.
        for (String query : List.of("Blinkin -\"Antony\"", "Blinkin - Antony", "jett -\"engine\"", "-\"China\"", "-\"jet engine\"", "- China", "Blinkin -\"Austin\"", "Blinkin (-Austin)")) {
            var response = search(query);
            assertEquals(List.of(), hits(response), query);
            assertEquals(0, response.getInt("data.search.totalCount"), query);
        }
        // A dash inside quotes or inside a word excludes nothing, so the fuzzy part still applies.
        assertEquals(List.of("Official:Antony J. Blinken"), hits(search("\"Blinkin -\"")));
        assertEquals(List.of("Official:Antony J. Blinken"), hits(search("Blinkin-")));
    }

    @Test
    void cursorsPageThroughTheRankedListWithoutGapsOrRepeats() {
        var all = search("India", "first", 100);
        List<String> everything = all.getList("data.search.edges.node.id");
        int total = all.getInt("data.search.totalCount");
        assertEquals(total, everything.size());
        assertTrue(total > 7, "the test needs several pages, got " + total);

        List<String> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            var page = after == null ? search("India", "first", 3) : search("India", "first", 3, "after", after);
            paged.addAll(page.getList("data.search.edges.node.id"));
            assertEquals(total, page.getInt("data.search.totalCount"));
            assertEquals(after != null, page.getBoolean("data.search.pageInfo.hasPreviousPage"));
            pages++;
            if (!page.getBoolean("data.search.pageInfo.hasNextPage")) {
                break;
            }
            after = page.getString("data.search.pageInfo.endCursor");
            assertEquals(after, page.getString("data.search.edges[2].cursor"));
        }
        assertEquals(everything, paged);
        assertEquals((total + 2) / 3, pages);
    }

    @Test
    void aTamperedOrForeignCursorIsRefused() {
        String cursor = search("India", "first", 2).getString("data.search.pageInfo.endCursor");
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        String tampered = Ids.base64(decoded.replaceAll(":\\d+$", ":x1"));
        String otherType = Ids.base64(decoded.replaceAll(":[A-Z]+:(\\d+)$", ":COUNTRY:$1"));
        for (String bad : List.of(tampered, otherType, cursor + "A", "not a cursor", Ids.base64("cursor:v1:key:5"))) {
            var response = GraphQL.file("search", "query", "India", "after", bad);
            assertEquals("BAD_USER_INPUT", errorCode(response), bad);
            assertEquals("Argument 'after' on the 'search' connection is not a valid cursor for this search.",
                    response.getString("errors[0].message"));
        }
        // A cursor belongs to its search: another query or other types refuse it.
        assertEquals("BAD_USER_INPUT", errorCode(GraphQL.file("search", "query", "defence", "after", cursor)));
        assertEquals("BAD_USER_INPUT", errorCode(GraphQL.file("search", "query", "India", "types",
                List.of("STATEMENT"), "after", cursor)));
        assertNull(GraphQL.file("search", "query", "India", "after", cursor).get("errors"));
    }

    @Test
    void emptyBlankOverlongQueriesEmptyTypesAndOversizedPagesAreRefused() {
        for (String blank : List.of("", "   ", "\t\n", "\u0000")) {
            var response = GraphQL.file("search", "query", blank);
            assertEquals("BAD_USER_INPUT", errorCode(response));
            assertEquals("Argument 'query' must not be empty.", response.getString("errors[0].message"));
        }
        var tooLong = GraphQL.file("search", "query", "a".repeat(257));
        assertEquals("BAD_USER_INPUT", errorCode(tooLong));
        assertEquals("Argument 'query' is 257 characters long, which exceeds the limit of 256.",
                tooLong.getString("errors[0].message"));
        assertNull(GraphQL.file("search", "query", "india ".repeat(42) + "defe").get("errors"));
        assertEquals("BAD_USER_INPUT", errorCode(GraphQL.file("search", "query", "India", "types", List.of())));
        assertEquals("BAD_USER_INPUT", errorCode(GraphQL.file("search", "query", "India", "first", 101)));
        assertEquals("BAD_USER_INPUT", errorCode(GraphQL.file("search", "query", "India", "first", -1)));
    }

    @Test
    void stopWordsOperatorsAndHostileTextFindNothingWithoutError() {
        // "and", "and or" and "over" found a topic by trigrams when the word part had nothing to match.
        for (String query : List.of("the of and", "and", "and or", "over", "- or \"\"", "or", "\"", "!!! & | <-> :*", "'); drop table statement; --",
                "the\u0000of", "(((", "-".repeat(33), "-(".repeat(40), "- ! & | < ".repeat(25))) {
            var response = search(query);
            assertEquals(List.of(), hits(response), query);
            assertEquals(0, response.getInt("data.search.totalCount"), query);
            assertFalse(response.getBoolean("data.search.pageInfo.hasNextPage"));
            assertNull(response.get("data.search.pageInfo.endCursor"));
        }
        assertNotEquals(List.of(), hits(search("statement")));
    }

    @Test
    void aRunOfDashesIsOneExclusion() {
        // PostgreSQL's websearch parser stacks one NOT per dash and failed the statement past 32.
        assertEquals(hits(search("defence")), hits(search("defence " + "- ".repeat(40))));
        assertEquals(hits(search("defence -India")), hits(search("defence " + "-".repeat(40) + "India")));
        assertEquals(hits(search("defence -India")), hits(search("defence " + "-(!".repeat(40) + "India")));
        assertNotEquals(hits(search("defence")), hits(search("defence -India")));
    }

    @Test
    void aSearchIsOneStatementWhateverItFindsAndNestedFieldsStayBatched() {
        // types: OFFICIAL reaches no statement, so no source field is resolved: the search alone.
        assertEquals(1, statementsFor("search", "query", "Jaishankar", "types", List.of("OFFICIAL")));
        assertEquals(1, statementsFor("search", "query", "nothing matches this", "types", List.of("STATEMENT")));
        // Many hits of every type: one search statement; Statement.source needs no other.
        assertEquals(SEARCH_WITH_SOURCES, statementsFor("search", "query", "India or defence or security", "first", 100));
        // search, Statement.speakers, Commitment.statements, Official.nation.
        assertEquals(4, statementsFor("search-nested", "query", "India or defence or Jaishankar or Blinken"));
    }

    @Test
    void snippetsAreHighlightedOnlyForClientsThatSelectThem() {
        ServerStatementCounter.resetBoth();
        var bare = GraphQL.file("search-nodes", "query", "Jaishankar or defence");
        assertNull(bare.get("errors"), bare.prettify());
        assertEquals(1, SqlStatementCounter.count(), SqlStatementCounter.statements().toString());
        ServerStatementCounter.assertRanWhatHibernatePrepared();
        assertFalse(SqlStatementCounter.statements().get(0).contains("search_snippet"), "no snippet was selected");

        SqlStatementCounter.reset();
        var full = search("Jaishankar or defence");
        assertTrue(SqlStatementCounter.statements().stream().anyMatch(sql -> sql.contains("search_snippet")));
        // The same hits in the same order either way: only the highlighting is left out.
        List<String> ids = full.getList("data.search.edges.node.id");
        assertFalse(ids.isEmpty());
        assertEquals(ids, bare.getList("data.search.nodes.id"));
    }

    private static int statementsFor(String file, Object... variables) {
        ServerStatementCounter.resetBoth();
        var response = GraphQL.file(file, variables);
        int count = SqlStatementCounter.count();
        assertNull(response.get("errors"), response.prettify());
        ServerStatementCounter.assertRanWhatHibernatePrepared();
        assertFalse(response.getList("data.search.edges").isEmpty() && !variables[1].equals("nothing matches this"),
                "the query must find something for the count to mean anything");
        return count;
    }
}
