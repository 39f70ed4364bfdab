/**
 * On-demand backups and restores: the backup operations ({@link io.jynamo.ejb.backup.BackupService}), and the jobs
 * that copy a backup's items ({@link io.jynamo.ejb.backup.BackupCreation}) and fill a restored table
 * ({@link io.jynamo.ejb.backup.TableRestore}) in steps that survive a crash.
 */
package io.jynamo.ejb.backup;
