export type { ParseHints } from './check-values';
export {
  type CsvDownload,
  csvFileRefusal,
  downloadCsv,
  downloadRefusal,
  type FileFacts,
  isCsvFile,
  isOverLimit,
  notCsvRefusal,
  overLimitRefusal,
} from './csv-file';
export { type ParseResult, parseCommand } from './parse-command';
