/**
 * What can go wrong with a backup that the operator can fix, each with a code the CLI prints:
 * - BAD_BACKUP_FILE: the file is not a backup this build can load (all problems are listed);
 * - STORE_NOT_EMPTY: the import would overwrite data (`--force` wipes it first);
 * - BAD_CHECKPOINT: a checkpoint that does not belong to this file or this store;
 * - STORE_CHANGED: the finished import does not hold exactly the file's counts (written meanwhile);
 * - UNSUPPORTED_VALUE: the export met a label, type or value the format cannot carry.
 */
export type BackupErrorCode = 'BAD_BACKUP_FILE' | 'STORE_NOT_EMPTY' | 'BAD_CHECKPOINT' | 'STORE_CHANGED' | 'UNSUPPORTED_VALUE';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    /** One line per problem, each naming the entry (line number and key). */
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${message}\n${problems.map((problem) => `  - ${problem}`).join('\n')}` : message);
    this.name = 'BackupError';
  }
}
