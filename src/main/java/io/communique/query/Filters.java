package io.communique.query;

import io.communique.errors.BadUserInputException;
import io.communique.errors.Wording;
import io.communique.relay.GlobalId;
import io.communique.relay.SqlFilter;
import io.communique.search.SearchQuery;
import io.communique.search.SearchType;
import io.communique.search.TextSearch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * Compiles a connection's {@code filter:} argument into a {@link SqlFilter} on the child alias
 * {@code c}. Every id, slug and code the filter names is checked to exist first, all of them in one
 * SQL statement, so that a typo is a {@code BAD_USER_INPUT} error naming the argument path
 * ({@code filter.speaker[1]}) rather than an empty list that looks like an answer.
 *
 * <p>Semantics: fields combine with AND. A list of things a row is linked to many of (topics,
 * parties, speakers...) requires all of them; a list of values a row has exactly one of (status,
 * kind, dialogue...) accepts any of them. An empty list is the same as no list.
 */
@ApplicationScoped
public class Filters {

    /** Largest number of values accepted in one filter list. */
    public static final int MAX_VALUES = 100;

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern LOWER_CASE_CODE = Pattern.compile("[a-z]{2}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final EntityManager em;

    public Filters(EntityManager em) {
        this.em = em;
    }

    public SqlFilter statements(StatementFilter filter, String connection) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        var refs = new Refs(connection);
        var nations = refs.nations("filter.nation", filter.nation());
        var speakers = refs.ids("filter.speaker", filter.speaker(), Target.OFFICIAL);
        var dialogues = refs.ids("filter.dialogue", filter.dialogue(), Target.DIALOGUE);
        var documents = refs.ids("filter.document", filter.document(), Target.DOCUMENT);
        var topics = refs.slugsOrIds("filter.topic", filter.topic(), Target.TOPIC);
        var subjects = refs.slugsOrIds("filter.subject", filter.subject(), Target.SUBJECT);
        refs.check("filter.kind", filter.kind());
        refs.resolve();

        var b = SqlFilter.builder();
        allOf(b, nations, "exists(select 1 from statement_nation x where x.statement_id = c.id and x.nation_id = %s)");
        allOf(b, speakers, "exists(select 1 from statement_speaker x where x.statement_id = c.id and x.official_id = %s)");
        anyOf(b, dialogues, "c.dialogue_id");
        anyOf(b, documents, "c.document_id");
        allOf(b, topics, "exists(select 1 from statement_topic x where x.statement_id = c.id and x.topic_id = %s)");
        allOf(b, subjects, "exists(select 1 from statement_subject x where x.statement_id = c.id and x.subject_id = %s)");
        anyWord(b, filter.kind(), "c.kind");
        range(b, connection, "filter.heldOn", filter.heldOn(), "c.held_on");
        range(b, connection, "filter.publishedOn", filter.publishedOn(),
                "(select d.published_on from source_document d where d.id = c.document_id)");
        search(b, filter.search(), SearchType.STATEMENT, connection);
        return b.build();
    }

    public SqlFilter commitments(CommitmentFilter filter, String connection) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        var refs = new Refs(connection);
        refs.check("filter.status", filter.status());
        refs.check("filter.kind", filter.kind());
        var dialogues = refs.ids("filter.dialogue", filter.dialogue(), Target.DIALOGUE);
        var topics = refs.slugsOrIds("filter.topic", filter.topic(), Target.TOPIC);
        var parties = refs.parties("filter.party", filter.party());
        var subjects = refs.slugsOrIds("filter.subject", filter.subject(), Target.SUBJECT);
        var officials = refs.ids("filter.official", filter.official(), Target.OFFICIAL);
        refs.resolve();

        var b = SqlFilter.builder();
        anyWord(b, filter.status(), "c.status");
        anyWord(b, filter.kind(), "c.kind");
        anyOf(b, dialogues, "c.dialogue_id");
        allOf(b, topics, "exists(select 1 from commitment_topic x where x.commitment_id = c.id and x.topic_id = %s)");
        for (Ref party : parties) {
            String column = party.target == Target.NATION ? "nation_id" : "subject_id";
            b.where("exists(select 1 from commitment_party x where x.commitment_id = c.id and x." + column + " = "
                    + b.bind(party.key) + ")");
        }
        allOf(b, subjects, "exists(select 1 from commitment_statement x join statement_subject s"
                + " on s.statement_id = x.statement_id where x.commitment_id = c.id and s.subject_id = %s)");
        allOf(b, officials, "exists(select 1 from commitment_statement x join statement_speaker s"
                + " on s.statement_id = x.statement_id where x.commitment_id = c.id and s.official_id = %s)");
        range(b, connection, "filter.heldOn", filter.heldOn(),
                "(select d.held_on from dialogue d where d.id = c.dialogue_id)");
        // The current status's date is the newest date of the history: a correction takes the date (and the
        // place, migration V13) of the entry it corrects, so which entry of that day is current does not matter.
        range(b, connection, "filter.statusAsOf", filter.statusAsOf(), "(select e.as_of from commitment_status_entry e"
                + " where e.commitment_id = c.id order by e.as_of desc, e.id desc limit 1)");
        search(b, filter.search(), SearchType.COMMITMENT, connection);
        return b.build();
    }

    /** The same full-text matching as {@code Query.search}, through the row's indexed search vector. */
    private static void search(SqlFilter.Builder b, String search, SearchType type, String connection) {
        if (search != null) {
            String text = SearchQuery.parse(search, "filter.search", connection).text();
            b.where(TextSearch.matches(type, "c", b.bind(text).substring(1)));
        }
    }

    public SqlFilter officials(OfficialFilter filter, String connection) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        var refs = new Refs(connection);
        var nations = refs.nations("filter.nation", filter.nation());
        var dialogues = refs.ids("filter.dialogue", filter.dialogue(), Target.DIALOGUE);
        refs.resolve();

        var b = SqlFilter.builder();
        anyOf(b, nations, "c.nation_id");
        allOf(b, dialogues, "exists(select 1 from dialogue_participant x where x.official_id = c.id and x.dialogue_id = %s)");
        return b.build();
    }

    public SqlFilter dialogues(DialogueFilter filter, String connection) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        var refs = new Refs(connection);
        var nations = refs.nations("filter.nation", filter.nation());
        var participants = refs.ids("filter.participant", filter.participant(), Target.OFFICIAL);
        refs.resolve();

        var b = SqlFilter.builder();
        allOf(b, nations, "exists(select 1 from dialogue_nation x where x.dialogue_id = c.id and x.nation_id = %s)");
        allOf(b, participants, "exists(select 1 from dialogue_participant x where x.dialogue_id = c.id and x.official_id = %s)");
        range(b, connection, "filter.heldOn", filter.heldOn(), "c.held_on");
        return b.build();
    }

    public SqlFilter subjects(SubjectFilter filter, String connection) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        new Refs(connection).check("filter.kind", filter.kind());
        var b = SqlFilter.builder();
        anyWord(b, filter.kind(), "c.kind");
        return b.build();
    }

    public SqlFilter topics(TopicFilter filter, String connection) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        var refs = new Refs(connection);
        var topics = refs.slugs("filter.slug", filter.slug(), Target.TOPIC);
        refs.resolve();
        var b = SqlFilter.builder();
        anyOf(b, topics, "c.id");
        return b.build();
    }

    public SqlFilter nations(NationFilter filter, String connection) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        var refs = new Refs(connection);
        var nations = refs.codes("filter.code", filter.code());
        refs.resolve();
        var b = SqlFilter.builder();
        anyOf(b, nations, "c.id");
        return b.build();
    }

    public SqlFilter sourceDocuments(SourceDocumentFilter filter, String connection) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        var b = SqlFilter.builder();
        range(b, connection, "filter.publishedOn", filter.publishedOn(), "c.published_on");
        return b.build();
    }

    // One EXISTS per value: the row must be linked to each of them. `template` holds one %s, the placeholder.
    private static void allOf(SqlFilter.Builder b, List<Ref> refs, String template) {
        for (Ref ref : refs) {
            b.where(String.format(template, b.bind(ref.key)));
        }
    }

    private static void anyOf(SqlFilter.Builder b, List<Ref> refs, String column) {
        if (!refs.isEmpty()) {
            b.where(column + " = any(" + b.bindKeys(refs.stream().map(r -> r.key).toList()) + ")");
        }
    }

    private static void anyWord(SqlFilter.Builder b, List<? extends Enum<?>> values, String column) {
        if (values != null && !values.isEmpty()) {
            b.where(column + " = any(" + b.bindWords(values.stream().map(Enum::name).toList()) + ")");
        }
    }

    private static void range(SqlFilter.Builder b, String connection, String path, DateRange range, String expression) {
        if (range == null) {
            return;
        }
        if (range.from() != null && range.to() != null && range.from().isAfter(range.to())) {
            throw new BadUserInputException("Argument '" + path + "' on the '" + connection + "' connection has 'from' ("
                    + range.from() + ") after 'to' (" + range.to() + ").");
        }
        if (range.from() != null) {
            b.where(expression + " >= cast(" + b.bind(range.from()) + " as date)");
        }
        if (range.to() != null) {
            b.where(expression + " <= cast(" + b.bind(range.to()) + " as date)");
        }
    }

    /** What a filter value can name: a table, its GraphQL type, and the natural key clients may use. */
    private enum Target {
        NATION("nation", "Nation"), OFFICIAL("official", "Official"), DIALOGUE("dialogue", "Dialogue"),
        DOCUMENT("source_document", "SourceDocument"), TOPIC("topic", "Topic"), SUBJECT("subject", "Subject");

        final String table;
        final String type;

        Target(String table, String type) {
            this.table = table;
            this.type = type;
        }
    }

    /** One value of a filter list: what it names, by which column, and (once resolved) the row's key. */
    private static final class Ref {
        final String path;
        final String given;
        final Target target;
        final String column;
        final Object value;
        Long key;

        Ref(String path, String given, Target target, String column, Object value) {
            this.path = path;
            this.given = given;
            this.target = target;
            this.column = column;
            this.value = value;
        }
    }

    /** Parses the references of one filter, then checks them all in one statement. */
    private final class Refs {
        private final String connection;
        private final List<Ref> all = new ArrayList<>();

        Refs(String connection) {
            this.connection = connection;
        }

        void check(String path, List<?> values) {
            if (values != null && values.size() > MAX_VALUES) {
                throw new BadUserInputException("Argument '" + path + "' on the '" + connection + "' connection holds "
                        + values.size() + " values, which exceeds the limit of " + MAX_VALUES + ".");
            }
        }

        List<Ref> ids(String path, List<String> values, Target target) {
            return parse(path, values, (itemPath, value) -> byId(itemPath, value, Wording.a(target.type) + " id", target));
        }

        List<Ref> slugsOrIds(String path, List<String> values, Target target) {
            return parse(path, values, (itemPath, value) -> SLUG.matcher(value).matches()
                    ? new Ref(itemPath, value, target, "slug", value)
                    : byId(itemPath, value, "a " + target.name().toLowerCase() + " slug or " + Wording.a(target.type) + " id", target));
        }

        List<Ref> slugs(String path, List<String> values, Target target) {
            return parse(path, values, (itemPath, value) -> {
                if (!SLUG.matcher(value).matches()) {
                    throw invalid(itemPath, value, "a " + target.name().toLowerCase() + " slug");
                }
                return new Ref(itemPath, value, target, "slug", value);
            });
        }

        List<Ref> codes(String path, List<String> values) {
            return parse(path, values, (itemPath, value) -> {
                if (!CODE.matcher(value).matches()) {
                    throw invalid(itemPath, value, "an ISO 3166-1 alpha-2 code");
                }
                return new Ref(itemPath, value, Target.NATION, "code", value);
            });
        }

        List<Ref> nations(String path, List<String> values) {
            return parse(path, values, (itemPath, value) -> CODE.matcher(value).matches()
                    ? new Ref(itemPath, value, Target.NATION, "code", value)
                    : byId(itemPath, value, "an ISO 3166-1 alpha-2 code or a Nation id", Target.NATION));
        }

        List<Ref> parties(String path, List<String> values) {
            return parse(path, values, (itemPath, value) -> {
                if (CODE.matcher(value).matches()) {
                    return new Ref(itemPath, value, Target.NATION, "code", value);
                }
                if (SLUG.matcher(value).matches()) {
                    return new Ref(itemPath, value, Target.SUBJECT, "slug", value);
                }
                String expected = "a nation code, a subject slug, or a Nation or Subject id";
                var id = decode(itemPath, value, expected);
                if (id.type().equals(Target.NATION.type)) {
                    return new Ref(itemPath, value, Target.NATION, "id", id.key());
                }
                if (id.type().equals(Target.SUBJECT.type)) {
                    return new Ref(itemPath, value, Target.SUBJECT, "id", id.key());
                }
                throw invalid(itemPath, value, expected);
            });
        }

        private List<Ref> parse(String path, List<String> values, java.util.function.BiFunction<String, String, Ref> parser) {
            if (values == null) {
                return List.of();
            }
            check(path, values);
            List<Ref> refs = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Ref ref = parser.apply(path + "[" + i + "]", values.get(i));
                refs.add(ref);
                all.add(ref);
            }
            return refs;
        }

        private Ref byId(String path, String value, String expected, Target target) {
            var id = decode(path, value, expected);
            if (!id.type().equals(target.type)) {
                throw invalid(path, value, expected);
            }
            return new Ref(path, value, target, "id", id.key());
        }

        private GlobalId decode(String path, String value, String expected) {
            try {
                return GlobalId.decode(value, path);
            } catch (BadUserInputException e) {
                throw invalid(path, value, expected);
            }
        }

        private BadUserInputException invalid(String path, String value, String expected) {
            return new BadUserInputException("Argument '" + path + "' on the '" + connection + "' connection must be "
                    + expected + ", got '" + clip(value) + "'.");
        }

        /** Looks every reference up in one statement; the first that names nothing is an error. */
        void resolve() {
            if (all.isEmpty()) {
                return;
            }
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < all.size(); i++) {
                Ref ref = all.get(i);
                // Table and column names come from Target and the parsers above, never from the client.
                String match = ref.column.equals("code") ? "t.code = cast(:r" + i + " as char(2))" : "t." + ref.column + " = :r" + i;
                sql.append(i == 0 ? "" : " union all ").append("select ").append(i).append(" as i, (select t.id from ")
                        .append(ref.target.table).append(" t where ").append(match).append(") as k");
            }
            @SuppressWarnings("unchecked")
            NativeQuery<Object[]> query = em.createNativeQuery(sql.toString()).unwrap(NativeQuery.class);
            query.addScalar("i", StandardBasicTypes.INTEGER).addScalar("k", StandardBasicTypes.LONG).setReadOnly(true);
            for (int i = 0; i < all.size(); i++) {
                query.setParameter("r" + i, all.get(i).value);
            }
            Map<Integer, Long> keys = new HashMap<>();
            for (Object[] row : query.getResultList()) {
                keys.put((Integer) row[0], (Long) row[1]);
            }
            for (int i = 0; i < all.size(); i++) {
                Ref ref = all.get(i);
                ref.key = keys.get(i);
                if (ref.key == null) {
                    throw new BadUserInputException("Argument '" + ref.path + "' on the '" + connection
                            + "' connection names no " + ref.target.type + ": '" + clip(ref.given) + "'." + hint(ref));
                }
            }
        }
    }

    /**
     * Where a party is a subject slug or a nation code, "us" is read as a slug (codes are capitals, slugs
     * lower case); when no subject has it, the caller most likely meant the nation.
     */
    private static String hint(Ref ref) {
        return ref.target == Target.SUBJECT && ref.column.equals("slug") && LOWER_CASE_CODE.matcher(ref.given).matches()
                ? " A nation is named by its code in capitals: '" + ref.given.toUpperCase(Locale.ROOT) + "'."
                : "";
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
