package io.communique.live;

import io.communique.errors.BadUserInputException;
import io.communique.query.Filters;
import io.communique.relay.GlobalId;
import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the ids, codes and slugs a subscription filters on, all in one statement, when it starts:
 * one that names nothing is a {@code BAD_USER_INPUT} error naming the argument path, as in list filters.
 * Runs on a worker thread (subscriptions start on the WebSocket's event loop), with a pooled JDBC
 * connection of its own: subscriptions of one socket start concurrently and share its request context,
 * which a Hibernate session must not be shared across.
 */
@ApplicationScoped
public class EventFilters {

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final AgroalDataSource dataSource;

    public EventFilters(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A value of the filter: the table and column that must hold it, and where it was given. */
    private record Ref(String path, String given, String table, String type, String column, Object value) {
    }

    public EventFilter statusChanges(String field, List<String> commitments, List<String> nations, List<String> topics) {
        List<Ref> commitmentRefs = parse(field, "filter.commitment", commitments,
                (path, v) -> byId(field, path, v, "commitment", "Commitment", "a Commitment id"));
        List<Ref> nationRefs = parse(field, "filter.nation", nations, (path, v) -> CODE.matcher(v).matches()
                ? new Ref(path, v, "nation", "Nation", "code", v)
                : byId(field, path, v, "nation", "Nation", "an ISO 3166-1 alpha-2 code or a Nation id"));
        List<Ref> topicRefs = parse(field, "filter.topic", topics, (path, v) -> SLUG.matcher(v).matches()
                ? new Ref(path, v, "topic", "Topic", "slug", v)
                : byId(field, path, v, "topic", "Topic", "a topic slug or a Topic id"));
        List<Ref> all = new ArrayList<>(commitmentRefs);
        all.addAll(nationRefs);
        all.addAll(topicRefs);
        Map<Ref, Long> keys = resolve(field, all);
        return new EventFilter(keys(commitmentRefs, keys), keys(nationRefs, keys), keys(topicRefs, keys));
    }

    /** The key of a dialogue given by id, checked to exist. */
    public long dialogue(String field, String argument, String id) {
        Ref ref = byId(field, argument, id, "dialogue", "Dialogue", "a Dialogue id");
        return resolve(field, List.of(ref)).get(ref);
    }

    private static Set<Long> keys(List<Ref> refs, Map<Ref, Long> keys) {
        Set<Long> set = new LinkedHashSet<>();
        refs.forEach(r -> set.add(keys.get(r)));
        return Set.copyOf(set);
    }

    private static List<Ref> parse(String field, String path, List<String> values,
            java.util.function.BiFunction<String, String, Ref> parser) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > Filters.MAX_VALUES) {
            throw new BadUserInputException("Argument '" + path + "' on the '" + field + "' subscription holds "
                    + values.size() + " values, which exceeds the limit of " + Filters.MAX_VALUES + ".");
        }
        List<Ref> refs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            refs.add(parser.apply(path + "[" + i + "]", values.get(i)));
        }
        return refs;
    }

    private static Ref byId(String field, String path, String value, String table, String type, String expected) {
        GlobalId id;
        try {
            id = GlobalId.decode(value, path);
        } catch (BadUserInputException e) {
            throw invalid(field, path, value, expected);
        }
        if (!id.type().equals(type)) {
            throw invalid(field, path, value, expected);
        }
        return new Ref(path, value, table, type, "id", id.key());
    }

    private static BadUserInputException invalid(String field, String path, String value, String expected) {
        return new BadUserInputException("Argument '" + path + "' on the '" + field + "' subscription must be "
                + expected + ", got '" + clip(value) + "'.");
    }

    private Map<Ref, Long> resolve(String field, List<Ref> refs) {
        Map<Ref, Long> keys = new HashMap<>();
        if (refs.isEmpty()) {
            return keys;
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < refs.size(); i++) {
            Ref ref = refs.get(i);
            // Table and column names come from this class, never from the client.
            String match = ref.column().equals("code") ? "t.code = cast(? as char(2))" : "t." + ref.column() + " = ?";
            sql.append(i == 0 ? "" : " union all ").append("select ").append(i).append(" as i, (select t.id from ")
                    .append(ref.table()).append(" t where ").append(match).append(") as k");
        }
        Map<Integer, Long> found = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < refs.size(); i++) {
                q.setObject(i + 1, refs.get(i).value());
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long key = rs.getLong(2);
                    if (!rs.wasNull()) {
                        found.put(rs.getInt(1), key);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the subscription's filter", e);
        }
        for (int i = 0; i < refs.size(); i++) {
            Ref ref = refs.get(i);
            Long key = found.get(i);
            if (key == null) {
                throw new BadUserInputException("Argument '" + ref.path() + "' on the '" + field
                        + "' subscription names no " + ref.type() + ": '" + clip(ref.given()) + "'.");
            }
            keys.put(ref, key);
        }
        return keys;
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
