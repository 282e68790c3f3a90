package io.communique.graphql;

import io.communique.model.Dialogue;
import io.communique.relay.GlobalId;
import io.communique.service.DialogueExporter;
import io.communique.service.DialogueImporter;
import io.communique.service.DialogueImporter.Summary;
import io.communique.service.GraphReader;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Whole dialogues in and out, as documents of the exchange format (README, "Import and export"). */
@GraphQLApi
public class DialogueExchangeApi {

    private final DialogueExporter exporter;
    private final DialogueImporter importer;
    private final GraphReader reader;

    public DialogueExchangeApi(DialogueExporter exporter, DialogueImporter importer, GraphReader reader) {
        this.exporter = exporter;
        this.importer = importer;
        this.reader = reader;
    }

    /**
     * What one export counts against the cost limit: about the objects the export of a large dialogue holds
     * (the benchmark's have 500 statements and 100 commitments with their parties and history), so that one
     * operation carries at most ten at the default limit.
     */
    public static final int EXPORT_COST = 5_000;

    @Query("exportDialogue")
    @Description("One dialogue with everything it references (nations, officials, documents, statements, commitments and their status history) as a JSON document of the exchange format; its JSON Schema is `src/main/resources/schema/dialogue.schema.json` in the repository (draft 2020-12). Rows are named by natural keys and lists are sorted, so equal data exports identically. Counts 5,000 against the cost limit, as a whole dialogue. `NOT_FOUND` for an unknown id.")
    public @NonNull JsonObject exportDialogue(@NonNull @Id @Name("id") @Description("Global ID of a Dialogue.") String id) {
        long key = GlobalId.decodeKey(id, DialogueNode.TYPE, "id");
        String text = DialogueExporter.canonical(exporter.export(key));
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Mutation("importDialogue")
    @Description("Loads a dialogue document of the exchange format (editor role): creates and updates rows found by their natural keys so that the database holds what the document says. Idempotent: importing the same document again writes nothing. Atomic: a document that fails the schema, a span check, a reference or the append-only history is refused with `BAD_USER_INPUT` naming the offending part as a JSON pointer, and nothing is written.")
    @Transactional
    public ImportDialoguePayload importDialogue(
            @NonNull @Name("input") @Description("The document to load.") ImportDialogueInput input) {
        // One transaction for the import and this read of its dialogue, committed as this method returns. Read
        // after the import had committed, a connection lost here was answered "nothing was written" of an
        // import that was: ErrorMapper takes a failure at a mutation's root field as one that rolled it back.
        Summary summary = importer.importDocument(input.document().toString());
        Dialogue dialogue = reader.find(Dialogue.class, summary.dialogueKey()).orElseThrow();
        return new ImportDialoguePayload(new DialogueNode(dialogue), summary.created(), summary.updated(), summary.unchanged(),
                summary.counts().stream().map(c -> new ImportCount(c.kind(), c.created(), c.updated(), c.unchanged())).toList(),
                input.clientMutationId());
    }
}
