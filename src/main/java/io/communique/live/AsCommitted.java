package io.communique.live;

import io.communique.model.CommitmentStatus;
import java.time.OffsetDateTime;

/**
 * A commitment as the transaction that appended a status entry left it, stated by the database at
 * that commit (V14): the rows a listener reads afterwards may already carry later writes.
 *
 * @param lastEntry the newest status entry of the commitment then; its history is cut there
 */
public record AsCommitted(int version, CommitmentStatus status, OffsetDateTime updatedAt, long lastEntry) {
}
