package io.communique.limits;

import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;
import io.communique.graphql.DialogueExchangeApi;
import io.communique.graphql.QueryApi;
import io.communique.model.CommitmentStatus;
import io.communique.relay.PageRequest;
import io.communique.service.CommitmentStatistics;
import io.communique.sync.ChangeFeed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimated cost of an operation, after GitHub's GraphQL resource limits: the number of objects
 * the response can hold if every connection returns a full page.
 *
 * <ul>
 * <li>A field whose value is an object costs 1 per parent object; a scalar or enum costs nothing.</li>
 * <li>The {@code edges} and {@code nodes} of a connection hold {@code first} or {@code last} items
 * (20 when neither is given, clamped to 0..100), so they and everything below them count that many
 * times per connection; a page of 0 holds nothing. A {@code ChangeSet}'s {@code nodes} and
 * {@code tombstones} are pages of {@code changes(first:)} alike (100 when not given).</li>
 * <li>{@code nodes(ids:)} holds one item per id, at most 100; {@code commitmentStats} at most
 * {@link CommitmentStatistics#maxGroups} groups, and each group's {@code byStatus} one count per status.</li>
 * <li>Any other list of objects counts as {@link LimitsConfig#listSizeEstimate()} items: those are
 * short and bounded by the data (a statement's speakers).</li>
 * <li>{@code exportDialogue} counts {@link DialogueExchangeApi#EXPORT_COST}: its one JSON value holds the
 * whole dialogue.</li>
 * <li>Introspection ({@code __schema}, {@code __type}) is free: it reads no database.</li>
 * <li>Where fragments select different fields per concrete type, the dearest type counts.</li>
 * </ul>
 *
 * It runs on graphql-java's normalized operation, so variables are already resolved, skipped
 * fields are gone and repeated selections of one field are merged.
 */
public final class QueryCost {

    private static final long CAP = Long.MAX_VALUE / 4;

    /** The {@code page} of a parent whose lists are not pages: 0 is a page, an empty one. */
    private static final int NOT_A_PAGE = -1;

    private final GraphQLSchema schema;
    private final int listEstimate;

    public QueryCost(GraphQLSchema schema, int listEstimate) {
        this.schema = schema;
        this.listEstimate = listEstimate;
    }

    public long of(ExecutableNormalizedOperation operation) {
        return children(operation.getTopLevelFields(), 1, NOT_A_PAGE);
    }

    /** Cost of sibling fields for {@code parents} parent objects; {@code page} is the page size when the parent is a connection, else {@link #NOT_A_PAGE}. */
    private long children(List<ExecutableNormalizedField> fields, long parents, int page) {
        // Fields may belong to different concrete types of an abstract parent: take the dearest type.
        Map<String, Long> byType = new HashMap<>();
        long shared = 0;
        for (var field : fields) {
            long cost = field(field, parents, page);
            if (cost == 0) {
                continue;
            }
            var types = field.getObjectTypeNames();
            if (types.isEmpty()) {
                shared = add(shared, cost);
            } else {
                for (var type : types) {
                    byType.merge(type, cost, QueryCost::add);
                }
            }
        }
        long dearest = byType.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return add(shared, dearest);
    }

    private long field(ExecutableNormalizedField field, long parents, int page) {
        if (field.getName().startsWith("__")) {
            return 0;
        }
        GraphQLOutputType type = field.getType(schema);
        GraphQLType nullable = GraphQLTypeUtil.unwrapNonNull(type);
        GraphQLUnmodifiedType named = GraphQLTypeUtil.unwrapAll(type);
        if (GraphQLTypeUtil.isLeaf(named)) {
            return isExport(field) ? multiply(parents, DialogueExchangeApi.EXPORT_COST) : 0;
        }
        long width = 1;
        if (nullable instanceof GraphQLList) {
            width = page != NOT_A_PAGE ? page : listSize(field);
        }
        long count = multiply(parents, width);
        return add(count, children(field.getChildren(), count, pageOf(field, named)));
    }

    /**
     * {@code exportDialogue}: a scalar that holds a whole dialogue. Priced as a scalar it cost nothing, and
     * fifty of them (a megabyte, a second of the server's time on the seed) passed any limit.
     */
    private boolean isExport(ExecutableNormalizedField field) {
        return field.getParent() == null && field.getName().equals("exportDialogue")
                && field.getObjectTypeNames().contains(schema.getQueryType().getName());
    }

    /** How many items the lists of {@code field}'s value hold, when its value is a page. */
    private static int pageOf(ExecutableNormalizedField field, GraphQLUnmodifiedType named) {
        if (isConnection(named)) {
            return pageSize(field.getResolvedArguments());
        }
        if (named.getName().equals("ChangeSet")) {
            return changesPageSize(field.getResolvedArguments());
        }
        return NOT_A_PAGE;
    }

    /**
     * Items of a list that is not a page. The root lists whose length the client chooses, or the data
     * grows, are bounded by what the field returns at most; the estimate would under-count them.
     */
    private long listSize(ExecutableNormalizedField field) {
        if (field.getName().equals("byStatus") && field.getObjectTypeNames().contains("CommitmentStatsGroup")) {
            return CommitmentStatus.values().length; // one count per status, zeros included
        }
        if (field.getParent() == null && field.getObjectTypeNames().contains(schema.getQueryType().getName())) {
            var arguments = field.getResolvedArguments();
            switch (field.getName()) {
                case "nodes":
                    // One item per id; over the maximum the field refuses the whole list.
                    return Math.min(QueryApi.MAX_NODES, items(arguments.get("ids")));
                case "commitmentStats":
                    return CommitmentStatistics.maxGroups(dimensions(arguments.get("groupBy")));
                default:
                    break;
            }
        }
        return listEstimate;
    }

    /** Values of a list argument; graphql-java has already coerced a single value to a list of one. */
    private static int items(Object value) {
        if (value instanceof Collection<?> list) {
            return list.size();
        }
        return value == null ? 0 : 1;
    }

    private static List<CommitmentStatistics.Dimension> dimensions(Object groupBy) {
        if (!(groupBy instanceof Collection<?> values)) {
            return groupBy == null ? List.of() : dimensions(List.of(groupBy));
        }
        List<CommitmentStatistics.Dimension> dimensions = new ArrayList<>();
        for (Object value : values) {
            String name = value instanceof Enum<?> e ? e.name() : String.valueOf(value);
            dimensions.add(CommitmentStatistics.Dimension.valueOf(name));
        }
        return dimensions;
    }

    private static boolean isConnection(GraphQLUnmodifiedType type) {
        return type instanceof GraphQLObjectType o && o.getName().endsWith("Connection")
                && o.getFieldDefinition("pageInfo") != null;
    }

    private static int pageSize(Map<String, Object> arguments) {
        Object n = arguments.get("first");
        if (n == null) {
            n = arguments.get("last");
        }
        if (!(n instanceof Number number)) {
            return PageRequest.DEFAULT_PAGE_SIZE;
        }
        // Out-of-range sizes are refused by the field itself with BAD_USER_INPUT; estimate the largest valid page.
        return (int) Math.max(0, Math.min(PageRequest.MAX_PAGE_SIZE, number.longValue()));
    }

    private static int changesPageSize(Map<String, Object> arguments) {
        if (!(arguments.get("first") instanceof Number number)) {
            return ChangeFeed.MAX_PAGE;
        }
        return (int) Math.max(0, Math.min(ChangeFeed.MAX_PAGE, number.longValue()));
    }

    static long add(long a, long b) {
        return Math.min(CAP, a + b);
    }

    static long multiply(long a, long b) {
        if (a != 0 && b > CAP / a) {
            return CAP;
        }
        return Math.min(CAP, a * b);
    }
}
