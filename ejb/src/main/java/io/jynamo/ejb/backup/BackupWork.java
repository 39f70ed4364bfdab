package io.jynamo.ejb.backup;

/** Work a call left for a job, fired in its transaction: the job starts once the call has committed. */
public enum BackupWork {
    /** A backup to copy, or a table's state at an instant to make (the backup-create job). */
    BACKUP,
    /** A table to fill (the table-restore job). */
    RESTORE,
    /** A table's state at an instant is made: the restores and exports waiting for one go on. */
    STATE,
    /** An import's objects to read (the table-import job). */
    IMPORT
}
