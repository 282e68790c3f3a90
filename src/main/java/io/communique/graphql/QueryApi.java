package io.communique.graphql;

import io.communique.errors.BadUserInputException;
import io.communique.errors.NotFoundException;
import io.communique.errors.Wording;
import io.communique.model.Commitment;
import io.communique.model.Dialogue;
import io.communique.model.Nation;
import io.communique.model.Official;
import io.communique.model.SourceDocument;
import io.communique.model.Statement;
import io.communique.model.Topic;
import io.communique.query.CommitmentFilter;
import io.communique.query.CommitmentOrder;
import io.communique.query.DialogueFilter;
import io.communique.query.DialogueOrder;
import io.communique.query.NationFilter;
import io.communique.query.NationOrder;
import io.communique.query.OfficialFilter;
import io.communique.query.OfficialOrder;
import io.communique.query.SourceDocumentFilter;
import io.communique.query.SourceDocumentOrder;
import io.communique.query.StatementFilter;
import io.communique.query.StatementOrder;
import io.communique.query.SubjectFilter;
import io.communique.query.SubjectOrder;
import io.communique.query.TopicFilter;
import io.communique.query.TopicOrder;
import io.communique.query.Filters;
import io.communique.query.Orderings;
import io.communique.relay.GlobalId;
import io.communique.relay.Page;
import io.communique.relay.PageRequest;
import io.communique.relay.Relation;
import io.communique.service.GraphReader;
import io.communique.service.Relations;
import io.smallrye.graphql.api.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Root query fields: entry points into the dialogue graph. */
@GraphQLApi
public class QueryApi {

    /** Most ids {@code nodes(ids:)} takes; the cost counts a list of that many at most. */
    public static final int MAX_NODES = 100;

    private final GraphReader reader;
    private final Context context;
    private final Filters filters;

    public QueryApi(GraphReader reader, Context context, Filters filters) {
        this.reader = reader;
        this.context = context;
        this.filters = filters;
    }

    @Query("node")
    @Description("Fetches any object by its global ID. An unknown ID gives null and a `NOT_FOUND` error; a malformed one a `BAD_USER_INPUT` error.")
    public Node node(@NonNull @Id @Name("id") @Description("Global ID of the object.") String id) {
        var gid = GlobalId.decode(id, "id");
        var type = NodeTypes.BY_NAME.get(gid.type());
        if (type == null) {
            throw new BadUserInputException("Argument 'id' is not a valid node id.");
        }
        return reader.find(type.entity(), gid.key()).map(type::wrap)
                .orElseThrow(() -> new NotFoundException("Could not resolve to a node with the global id of '" + id + "'."));
    }

    @Query("nodes")
    @Description("Fetches up to 100 objects by global ID, in the order given; entries for unknown IDs are null. One query per type, whatever the number of IDs.")
    public @NonNull List<Node> nodes(
            // A String list, not [ID!]!: SmallRye 2.17 fails to coerce the elements of an @Id list argument.
            @NonNull @Name("ids") @Description("Global IDs of the objects, at most 100. (Typed `[String!]!`, not `[ID!]!`: declare list variables as `[String!]!`.)") List<@NonNull String> ids) {
        if (ids.size() > MAX_NODES) {
            throw new BadUserInputException("Argument 'ids' holds " + ids.size() + " ids, which exceeds the limit of "
                    + MAX_NODES + ".");
        }
        List<GlobalId> decoded = new ArrayList<>();
        Map<String, List<Long>> keysByType = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            var gid = GlobalId.decode(ids.get(i), "ids[" + i + "]");
            if (!NodeTypes.BY_NAME.containsKey(gid.type())) {
                throw new BadUserInputException("Argument 'ids[" + i + "]' is not a valid node id.");
            }
            decoded.add(gid);
            keysByType.computeIfAbsent(gid.type(), t -> new ArrayList<>()).add(gid.key());
        }
        Map<GlobalId, Node> found = new HashMap<>();
        keysByType.forEach((typeName, keys) -> {
            var type = NodeTypes.BY_NAME.get(typeName);
            for (Object entity : reader.findAll(type.entity(), keys)) {
                Node node = type.wrap(entity);
                found.put(GlobalId.decode(node.getId(), "id"), node);
            }
        });
        return decoded.stream().map(found::get).toList();
    }

    @Query("nations")
    @Description("Nations, in the order they were added unless `orderBy` says otherwise.")
    public @NonNull NationConnection nations(
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) NationFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) NationOrder orderBy) {
        var request = PageRequest.of("nations", first, after, last, before, Orderings.of(orderBy),
                filters.nations(filter, "nations"));
        return root(Relations.NATIONS, request,
                NationNode::new, NationConnection::new);
    }

    @Query("nation")
    @Description("A nation by its ISO 3166-1 alpha-2 code, e.g. `IN`; null if there is none.")
    public NationNode nation(@NonNull @Name("code") @Description("ISO 3166-1 alpha-2 code, two upper-case letters.") String code) {
        if (!code.matches("[A-Z]{2}")) {
            throw new BadUserInputException("Argument 'code' must be an ISO 3166-1 alpha-2 code (two upper-case letters), got '"
                    + (code.length() > 10 ? code.substring(0, 10) + "…" : code) + "'.");
        }
        return Nation.<Nation>find("code", code).firstResultOptional().map(NationNode::new).orElse(null);
    }

    @Query("dialogues")
    @Description("Dialogues, in the order they were added unless `orderBy` says otherwise.")
    public @NonNull DialogueConnection dialogues(
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) DialogueFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) DialogueOrder orderBy) {
        var request = PageRequest.of("dialogues", first, after, last, before, Orderings.of(orderBy),
                filters.dialogues(filter, "dialogues"));
        return root(Relations.DIALOGUES, request,
                DialogueNode::new, DialogueConnection::new);
    }

    @Query("dialogue")
    @Description("A dialogue by global ID.")
    public DialogueNode dialogue(@NonNull @Id @Name("id") @Description("Global ID of a Dialogue.") String id) {
        return byId(id, DialogueNode.TYPE, Dialogue.class, DialogueNode::new);
    }

    @Query("officials")
    @Description("Officials, in the order they were added unless `orderBy` says otherwise.")
    public @NonNull OfficialConnection officials(
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) OfficialFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) OfficialOrder orderBy) {
        var request = PageRequest.of("officials", first, after, last, before, Orderings.of(orderBy),
                filters.officials(filter, "officials"));
        return root(Relations.OFFICIALS, request,
                OfficialNode::new, OfficialConnection::new);
    }

    @Query("official")
    @Description("An official by global ID.")
    public OfficialNode official(@NonNull @Id @Name("id") @Description("Global ID of an Official.") String id) {
        return byId(id, OfficialNode.TYPE, Official.class, OfficialNode::new);
    }

    @Query("statements")
    @Description("Statements, in the order they were added (document order for each source document) unless `orderBy` says otherwise.")
    public @NonNull StatementConnection statements(
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) StatementFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) StatementOrder orderBy) {
        var request = PageRequest.of("statements", first, after, last, before, Orderings.of(orderBy),
                filters.statements(filter, "statements"));
        return root(Relations.STATEMENTS, request,
                StatementNode::new, StatementConnection::new);
    }

    @Query("statement")
    @Description("A statement by global ID.")
    public StatementNode statement(@NonNull @Id @Name("id") @Description("Global ID of a Statement.") String id) {
        return byId(id, StatementNode.TYPE, Statement.class, StatementNode::new);
    }

    @Query("commitments")
    @Description("Commitments, in the order they were added unless `orderBy` says otherwise.")
    public @NonNull CommitmentConnection commitments(
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) CommitmentFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) CommitmentOrder orderBy) {
        var request = PageRequest.of("commitments", first, after, last, before, Orderings.of(orderBy),
                filters.commitments(filter, "commitments"));
        return root(Relations.COMMITMENTS, request,
                CommitmentNode::new, CommitmentConnection::new);
    }

    @Query("commitment")
    @Description("A commitment by global ID.")
    public CommitmentNode commitment(@NonNull @Id @Name("id") @Description("Global ID of a Commitment.") String id) {
        return byId(id, CommitmentNode.TYPE, Commitment.class, CommitmentNode::new);
    }

    @Query("topics")
    @Description("Topics, in the order they were added unless `orderBy` says otherwise.")
    public @NonNull TopicConnection topics(
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) TopicFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) TopicOrder orderBy) {
        var request = PageRequest.of("topics", first, after, last, before, Orderings.of(orderBy),
                filters.topics(filter, "topics"));
        return root(Relations.TOPICS, request,
                TopicNode::new, TopicConnection::new);
    }

    @Query("subjects")
    @Description("Subjects (countries, regions, organisations, companies, systems, events), in the order they were added unless `orderBy` says otherwise.")
    public @NonNull SubjectConnection subjects(
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) SubjectFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) SubjectOrder orderBy) {
        var request = PageRequest.of("subjects", first, after, last, before, Orderings.of(orderBy),
                filters.subjects(filter, "subjects"));
        return root(Relations.SUBJECTS, request,
                SubjectNode::new, SubjectConnection::new);
    }

    @Query("sourceDocuments")
    @Description("Source documents, in the order they were added unless `orderBy` says otherwise.")
    public @NonNull SourceDocumentConnection sourceDocuments(
            @Description(Args.FIRST) Integer first, @Description(Args.AFTER) String after,
            @Description(Args.LAST) Integer last, @Description(Args.BEFORE) String before,
            @Name("filter") @Description(Args.FILTER) SourceDocumentFilter filter,
            @Name("orderBy") @Description(Args.ORDER_BY) SourceDocumentOrder orderBy) {
        var request = PageRequest.of("sourceDocuments", first, after, last, before, Orderings.of(orderBy),
                filters.sourceDocuments(filter, "sourceDocuments"));
        return root(Relations.SOURCE_DOCUMENTS, request,
                SourceDocumentNode::new, SourceDocumentConnection::new);
    }

    private <E, N, C> C root(Relation<E> relation, PageRequest request, Function<E, N> node,
            Function<Page<N>, C> connection) {
        boolean wantsTotal = Selections.wantsTotal(context);
        return connection.apply(reader.page(relation, request, wantsTotal).map(node));
    }

    private <E, N> N byId(String id, String type, Class<E> entity, Function<E, N> node) {
        long key = GlobalId.decodeKey(id, type, "id");
        return reader.find(entity, key).map(node)
                .orElseThrow(() -> new NotFoundException("Could not resolve to " + Wording.a(type) + " with the global id of '" + id + "'."));
    }
}
