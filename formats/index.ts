/**
 * Export and import formats for clippings and backups. Pure functions over data: no
 * browser APIs, no database.
 */
export { dedupeKeys, sameSelection, selectionKeys, type EntityNames, type ImportOptions, type ImportResult } from './common';
export { formatProblem, formatProblems, type Problem } from './problems';
export { exportFileName, safeFileName, uniqueFileNames, type ExportKind, type ExportScope } from './filenames';
export { toMarkdown, obsidianTag, wikiLink, type ExportFile, type MarkdownContext, type MarkdownOptions } from './markdown';
export {
  toBackup,
  parseBackup,
  BackupSchema,
  UserEntitySchema,
  EntityPrefSchema,
  BACKUP_FORMAT,
  BACKUP_SCHEMA_VERSION,
  type Backup,
  type BackupData,
  type BackupParseOptions,
  type BackupParseResult,
  type RejectedRecord,
} from './backup';
export { toReadwiseCsv, fromReadwiseCsv, READWISE_COLUMNS } from './readwise';
export { parseCsv, writeCsv, neutralizeFormula, restoreFormula, type ParsedCsv, type WriteCsvOptions } from './csv';
export { toW3C, toAnnotationCollection, toAnnotation, fromW3C, entityIri, ANNO_CONTEXT, type W3CContext } from './w3c';
