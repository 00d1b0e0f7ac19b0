export type { ParseHints } from './check-values';
export { type ParseResult, parseCommand } from './parse-command';
