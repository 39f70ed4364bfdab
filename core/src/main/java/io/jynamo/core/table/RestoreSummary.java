package io.jynamo.core.table;

import java.time.Instant;

/**
 * How a restored table came to be, as DescribeTable shows it ({@code RestoreSummary}).
 *
 * @param sourceBackupArn the backup restored; null for a point-in-time restore
 * @param sourceTableArn  the table the data came from
 * @param restoreDateTime the instant restored: the backup's creation time, or the point in time
 * @param inProgress      whether the table is still being filled (it is CREATING meanwhile)
 */
public record RestoreSummary(String sourceBackupArn, String sourceTableArn, Instant restoreDateTime,
                             boolean inProgress) { }
