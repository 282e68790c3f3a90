package io.communique.graphql;

import io.communique.model.Commitment;
import io.communique.model.Dialogue;
import io.communique.model.Nation;
import io.communique.model.Official;
import io.communique.model.SourceDocument;
import io.communique.model.Statement;
import io.communique.model.StatusEntry;
import io.communique.model.Subject;
import io.communique.model.Topic;
import java.util.Map;
import java.util.function.Function;

/** Which entity backs each Node type, and how an entity becomes its node: what {@code node(id:)} dispatches on. */
final class NodeTypes {

    record NodeType<E>(Class<E> entity, Function<E, Node> node) {
        Node wrap(Object entity) {
            return node.apply(this.entity.cast(entity));
        }
    }

    static final Map<String, NodeType<?>> BY_NAME = Map.of(
            NationNode.TYPE, new NodeType<>(Nation.class, NationNode::new),
            OfficialNode.TYPE, new NodeType<>(Official.class, OfficialNode::new),
            DialogueNode.TYPE, new NodeType<>(Dialogue.class, DialogueNode::new),
            SourceDocumentNode.TYPE, new NodeType<>(SourceDocument.class, SourceDocumentNode::new),
            StatementNode.TYPE, new NodeType<>(Statement.class, StatementNode::new),
            CommitmentNode.TYPE, new NodeType<>(Commitment.class, CommitmentNode::new),
            StatusChangeNode.TYPE, new NodeType<>(StatusEntry.class, StatusChangeNode::new),
            TopicNode.TYPE, new NodeType<>(Topic.class, TopicNode::new),
            SubjectNode.TYPE, new NodeType<>(Subject.class, SubjectNode::new));

    private NodeTypes() {
    }
}
