package io.jynamo.ejb.backup;

/** Work a backup call left for a job, fired in its transaction: the job starts once the call has committed. */
enum BackupWork {
    /** A backup to copy (the backup-create job). */
    BACKUP,
    /** A table to fill (the table-restore job). */
    RESTORE
}
