package io.communique.search;

import io.communique.model.Commitment;
import io.communique.model.Dialogue;
import io.communique.model.Nation;
import io.communique.model.Official;
import io.communique.model.Statement;
import io.communique.model.Subject;
import io.communique.model.Topic;
import io.communique.relay.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * Full-text search over the tsvector columns of V3__search.sql, ranked across types. Statements and
 * commitments are matched and ranked in V21's narrow copies of their vectors, which a search reads
 * in about half the pages of the rows themselves.
 *
 * <p>A search is ONE SQL statement whatever the number of hits: it matches every requested type
 * through its GIN index, ranks the hits, cuts the page after the cursor, highlights snippets for
 * that page only (and only when they are asked for), and returns each hit's row as its entity
 * through a LEFT JOIN per type.
 *
 * <p>The static {@code ...Matches} methods give the same matching as a predicate, for lists that
 * filter by a search term.
 */
@ApplicationScoped
public class TextSearch {

    /**
     * How a type is searched: its table, the table whose search_vector is matched and ranked (the
     * type's own, or V21's narrow copy of it), text search configuration, snippet text and
     * fuzzy-matched names.
     */
    private record Target(Class<?> entity, String table, String vectors, String alias, String config, String snippet,
            String names) {

        Target(Class<?> entity, String table, String alias, String config, String snippet, String names) {
            this(entity, table, table, alias, config, snippet, names);
        }
    }

    private static final Map<SearchType, Target> TARGETS = new EnumMap<>(Map.of(
            SearchType.STATEMENT, new Target(Statement.class, "statement", "statement_search", "s", "english", "s.text",
                    null),
            SearchType.COMMITMENT, new Target(Commitment.class, "commitment", "commitment_search", "c", "english",
                    "c.title || ' — ' || c.description", null),
            SearchType.OFFICIAL, new Target(Official.class, "official", "o", "simple",
                    "o.name || " + otherNames("o", " (", ")"), "o.search_names"),
            SearchType.TOPIC, new Target(Topic.class, "topic", "tp", "english", "tp.name", "lower(tp.name)"),
            SearchType.SUBJECT, new Target(Subject.class, "subject", "sb", "english", "sb.name", "lower(sb.name)"),
            SearchType.DIALOGUE, new Target(Dialogue.class, "dialogue", "d", "english",
                    "d.title || ' — ' || d.format || ', ' || d.place", null),
            SearchType.NATION, new Target(Nation.class, "nation", "n", "simple",
                    "n.name || ' (' || n.code || ')' || " + otherNames("n", ", also ", ""), null)));

    /** SQL text: the other_names of the row aliased {@code alias}, between {@code open} and {@code close}; '' when it has none. */
    private static String otherNames(String alias, String open, String close) {
        return "case when cardinality(" + alias + ".other_names) > 0 then '" + open + "' || array_to_string(" + alias
                + ".other_names, ', ') || '" + close + "' else '' end";
    }

    /**
     * A row found by trigrams ranks at a quarter of its similarity (at most 0.25), below a name or
     * title that matched word for word (ts_rank 0.4 for one title word): a misspelling is a guess.
     */
    private static final String FUZZY_WEIGHT = "0.25";

    private final EntityManager em;
    private final TrigramSupport trigrams;

    public TextSearch(EntityManager em, TrigramSupport trigrams) {
        this.em = em;
        this.trigrams = trigrams;
    }

    /**
     * SQL predicate: the statement aliased {@code alias} matches the search query bound to
     * {@code :param}. Bind {@link SearchQuery#text()} of {@link SearchQuery#parse}, which validates
     * the user's input. Uses the GIN index statement_search_idx.
     */
    public static String statementMatches(String alias, String param) {
        return matches(SearchType.STATEMENT, alias, param);
    }

    /** SQL predicate: the commitment aliased {@code alias} matches the search query bound to {@code :param}; see {@link #statementMatches}. */
    public static String commitmentMatches(String alias, String param) {
        return matches(SearchType.COMMITMENT, alias, param);
    }

    /** SQL predicate for any searchable type (full-text only: no trigram similarity). */
    public static String matches(SearchType type, String alias, String param) {
        return alias + ".search_vector @@ search_tsquery('" + TARGETS.get(type).config() + "', :" + param + ")";
    }

    public boolean fuzzyMatchingAvailable() {
        return trigrams.available();
    }

    /** Whether the fuzzy (trigram) part applies to this query on this database. */
    public boolean fuzzy(SearchQuery query) {
        return query.fuzzy() != null && trigrams.available();
    }

    /** Identifies a search (query and types) inside its cursors. */
    public static String fingerprint(SearchQuery query, Set<SearchType> types) {
        var crc = new CRC32();
        crc.update((query.text() + "\u0000" + EnumSet.copyOf(types)).getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /**
     * One page of hits, best first.
     *
     * @param size  hits wanted (already validated, 0..100)
     * @param after the cursor to continue after, or null for the first page
     * @param withSnippets whether to highlight the hits; each hit's snippet is null when not
     */
    public SearchPage search(SearchQuery query, Set<SearchType> types, int size, SearchCursor after, boolean withTotal,
            boolean withSnippets) {
        List<SearchType> included = List.copyOf(EnumSet.copyOf(types));
        boolean fuzzy = fuzzy(query) && included.stream().anyMatch(t -> TARGETS.get(t).names() != null);
        if (size < 0 || size > PageRequest.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size out of range: " + size);
        }
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> sql = em.createNativeQuery(
                sql(included, fuzzy, after != null, withTotal, withSnippets, size + 1)).unwrap(NativeQuery.class);
        sql.addScalar("hit_type", StandardBasicTypes.INTEGER)
                .addScalar("hit_key", StandardBasicTypes.LONG)
                .addScalar("hit_rank", StandardBasicTypes.FLOAT)
                .addScalar("hit_snippet", StandardBasicTypes.STRING)
                .addScalar("total_count", StandardBasicTypes.LONG)
                .addScalar("has_before", StandardBasicTypes.BOOLEAN);
        for (SearchType type : included) {
            sql.addEntity(TARGETS.get(type).alias(), TARGETS.get(type).entity());
        }
        sql.setReadOnly(true);
        sql.setParameter("query", query.text());
        if (fuzzy) {
            sql.setParameter("fuzzy", query.fuzzy());
        }
        if (after != null) {
            sql.setParameter("after_rank", after.rank());
            sql.setParameter("after_type", after.type().ordinal());
            sql.setParameter("after_key", after.key());
        }

        List<SearchHit> hits = new ArrayList<>();
        Long total = null;
        boolean before = false;
        List<Object[]> rows = sql.getResultList();
        for (Object[] row : rows) {
            if (row[0] == null) {
                // The row that carries the counts of an empty page.
                total = (Long) row[4];
                before = Boolean.TRUE.equals(row[5]);
                continue;
            }
            SearchType type = SearchType.values()[(Integer) row[0]];
            Object entity = row[6 + included.indexOf(type)];
            hits.add(new SearchHit(type, (Long) row[1], (Float) row[2], (String) row[3], entity));
            total = (Long) row[4];
            before = Boolean.TRUE.equals(row[5]);
        }
        boolean more = hits.size() > size;
        return new SearchPage(List.copyOf(more ? hits.subList(0, size) : hits), fingerprint(query, types), more,
                before, withTotal ? (total == null ? 0L : total) : null);
    }

    /**
     * The statement for one search shape. The row limit is written into the text, not bound: with
     * a bound limit PostgreSQL never settled on a generic plan for this statement (52 custom plans
     * in 52 runs of a prepared copy), so every search paid the planner again; with the limit
     * written in, it reuses one plan after five runs, as for KeysetPager's pages.
     */
    private String sql(List<SearchType> types, boolean fuzzy, boolean after, boolean withTotal, boolean withSnippets,
            int limit) {
        String trgm = trigrams.schema().orElse(null);
        var words = new StringBuilder();
        var fuzzyHits = new StringBuilder();
        var nameTypes = new ArrayList<String>();
        for (SearchType type : types) {
            Target t = TARGETS.get(type);
            union(words, "select " + type.ordinal() + " as t, x.id, cast(ts_rank(x.search_vector, q.rank_"
                    + tsqueryColumn(t) + ", 32) as real) as rank from " + t.vectors() + " x cross join q where x.search_vector @@ q."
                    + tsqueryColumn(t));
            if (fuzzy && t.names() != null) {
                nameTypes.add(String.valueOf(type.ordinal()));
                String names = t.names().replace(t.alias() + ".", "x.");
                union(fuzzyHits, "select " + type.ordinal() + " as t, x.id, cast(" + FUZZY_WEIGHT + " * " + trgm
                        + ".word_similarity(:fuzzy, " + names + ") as real) as rank from " + t.table()
                        + " x where (select applies from gate) and :fuzzy operator(" + trgm + ".<%) " + names);
            }
        }
        // Trigrams are the fallback for names the words did not find: they run (an InitPlan gates
        // them) only when the words matched no official, topic or subject, so an exact name is never
        // crowded by look-alikes and the common case pays no trigram scan. Nor do they run for a query
        // whose words are all English stop words ("and", "over"): those are no misspelled name, and
        // trigrams found "Maintenance, repair and overhaul (MRO)" for them. The English query decides
        // for officials too, although their words are matched with 'simple', so that one rule says
        // when a query has words at all.
        //
        // The word hits (thousands for a common word) are materialized once, in "words", and read
        // from there with the few fuzzy ones beside them. A CTE "hits" of both used to copy every
        // word hit into a second tuplestore. Besides the copy, that memory took some searches past
        // the size at which the backend's allocator gives a block back to the kernel at the end of
        // each query, so each of them faulted it in again (bench/README.md, 2026-12-07 11:34).
        String ctes = " words as (" + words + "),";
        String hits = "words";
        String count = "(select count(*) from words)";
        if (!nameTypes.isEmpty()) {
            ctes += " gate as materialized (select numnode(q.en) > 0 and not exists(select 1 from words where t in ("
                    + String.join(", ", nameTypes) + ")) as applies from q),"
                    + " fuzzy as (" + fuzzyHits + "),";
            hits = "(select * from words union all select * from fuzzy)";
            count = "(" + count + " + (select count(*) from fuzzy))";
        }
        String afterCondition = "(h.rank < cast(:after_rank as real) or (h.rank = cast(:after_rank as real)"
                + " and (h.t, h.id) > (:after_type, :after_key)))";

        // Each page row's entity is looked up by its key, and only in its type's table: "p.t = k" names
        // no column of that table, so PostgreSQL makes it a one-time filter over the index scan. As
        // plain joins ("on p.t = k and s.id = p.id"), the generic plan hashed whole tables (2,000
        // officials) for every search, 7-8 % of a search's database time (bench/README.md, 2026-12-07).
        // "offset 0" keeps the subquery from being flattened back into such a join.
        var snippet = new StringBuilder("case p.t");
        var joins = new StringBuilder();
        var entities = new StringBuilder();
        for (SearchType type : types) {
            Target t = TARGETS.get(type);
            snippet.append(" when ").append(type.ordinal()).append(" then search_snippet('").append(t.config())
                    .append("', ").append(t.snippet()).append(", q.hl_").append(tsqueryColumn(t)).append(")");
            joins.append(" left join lateral (select * from ").append(t.table()).append(" where p.t = ")
                    .append(type.ordinal()).append(" and id = p.id offset 0) ").append(t.alias()).append(" on true");
            entities.append(", {").append(t.alias()).append(".*}");
        }
        snippet.append(" end");

        // An empty page still returns one row (all hit columns null) so that the counts reach the client.
        return "with q as materialized (select *, " + positive("en") + " as rank_en, " + positive("si") + " as rank_si"
                + " from (select search_tsquery('english', :query) as en,"
                + " search_tsquery('simple', :query) as si,"
                + " search_headline_tsquery('english', :query) as hl_en,"
                + " search_headline_tsquery('simple', :query) as hl_si) as parsed),"
                + ctes
                + " page as (select h.t, h.id, h.rank from " + hits + " h" + (after ? " where " + afterCondition : "")
                + " order by h.rank desc, h.t, h.id limit " + limit + "),"
                + " stats as (select " + (withTotal ? count : "cast(null as bigint)")
                + " as total_count, " + (after ? "exists(select 1 from " + hits + " h where not " + afterCondition + ")" : "false")
                + " as has_before)"
                + " select p.t as hit_type, p.id as hit_key, p.rank as hit_rank, "
                + (withSnippets ? snippet : "cast(null as text)") + " as hit_snippet,"
                + " stats.total_count, stats.has_before" + entities
                + " from stats left join (page p cross join q" + joins + ") on true"
                + " order by p.rank desc, p.t, p.id";
    }

    /**
     * SQL text: the tsquery {@code column} without its exclusions, to rank with. ts_rank gives 1e-20 to
     * every row for a query with a NOT in it, so "F414 -zzzz" ranked all its hits alike; querytree
     * drops the NOTs, as for an index scan. A query without '!' in its text form is used as it is
     * (querytree of an empty query is '', which as a tsquery raises a NOTICE), and so is one whose
     * every branch is negated ('T').
     */
    private static String positive(String column) {
        return "case when strpos(cast(" + column + " as text), '!') = 0 or querytree(" + column + ") = 'T' then "
                + column + " else cast(querytree(" + column + ") as tsquery) end";
    }

    private static void union(StringBuilder sql, String select) {
        if (!sql.isEmpty()) {
            sql.append(" union all ");
        }
        sql.append(select);
    }

    private static String tsqueryColumn(Target t) {
        return t.config().equals("english") ? "en" : "si";
    }
}
