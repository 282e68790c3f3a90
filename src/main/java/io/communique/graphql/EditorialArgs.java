package io.communique.graphql;

/** Descriptions shared by the editorial mutations' inputs and payloads, so they read the same everywhere. */
final class EditorialArgs {
    static final String CLIENT_MUTATION_ID = "Echoed back in the payload, for the client's own bookkeeping.";
    static final String CLIENT_MUTATION_ID_ECHO = "The `clientMutationId` of the input, if any.";
    static final String EXPECTED_VERSION = "The node's `version` you read. If it has changed since, nothing is written and the error is `CONFLICT`.";

    private EditorialArgs() {
    }
}
