import { badRequest } from '../state/graph-fault';

/**
 * The small part of OData `$filter` the simulator honours: `prop eq 'value'` / `prop eq true` and
 * `startswith(prop,'value')`, joined by `and` or `or` (no parentheses), on properties a resource allows.
 */

type Clause = { property: string; test: (value: unknown) => boolean };

const stringLiteral = /^'((?:[^']|'')*)'$/;

function literalOf(text: string): string | boolean | null {
  const trimmed = text.trim();
  const quoted = stringLiteral.exec(trimmed);
  if (quoted) return (quoted[1] as string).replace(/''/g, "'");
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed === 'null') return null;
  throw badRequest(`Invalid filter clause: syntax error at '${trimmed}'.`);
}

function equalsIgnoringCase(left: unknown, right: unknown): boolean {
  if (typeof left === 'string' && typeof right === 'string') return left.toLowerCase() === right.toLowerCase();
  return left === right;
}

function parseClause(text: string, allowed: ReadonlySet<string>, resource: string): Clause {
  const clause = text.trim();
  const startsWith = /^startswith\(\s*([A-Za-z]+)\s*,\s*('(?:[^']|'')*')\s*\)$/i.exec(clause);
  const equals = /^([A-Za-z]+)\s+eq\s+(.+)$/i.exec(clause);
  const property = startsWith?.[1] ?? equals?.[1];
  if (!property) throw badRequest(`Invalid filter clause: '${clause}' is not supported.`);
  if (!allowed.has(property)) {
    throw badRequest(
      `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`,
    );
  }
  if (startsWith) {
    const prefix = String(literalOf(startsWith[2] as string)).toLowerCase();
    return { property, test: (value) => typeof value === 'string' && value.toLowerCase().startsWith(prefix) };
  }
  const expected = literalOf(equals?.[2] as string);
  return { property, test: (value) => equalsIgnoringCase(value, expected) };
}

/** A predicate over an object's properties; undefined when there is no filter. */
export function parseFilter(
  filter: string | null,
  allowed: ReadonlySet<string>,
  resource: string,
): ((item: Record<string, unknown>) => boolean) | undefined {
  if (filter === null || filter.trim() === '') return undefined;
  const alternatives = filter
    .split(/\s+or\s+/i)
    .map((alternative) => alternative.split(/\s+and\s+/i).map((clause) => parseClause(clause, allowed, resource)));
  return (item) => alternatives.some((clauses) => clauses.every((clause) => clause.test(item[clause.property])));
}

/** `prop eq 'text'` alone (no and/or): what an index can answer without walking every item. */
export function singleEquality(filter: string | null): { property: string; value: string } | undefined {
  if (filter === null || /\s(?:and|or)\s/i.test(filter)) return undefined;
  const equals = /^\s*([A-Za-z]+)\s+eq\s+('(?:[^']|'')*')\s*$/i.exec(filter);
  if (!equals) return undefined;
  return { property: equals[1] as string, value: (equals[2] as string).slice(1, -1).replace(/''/g, "'") };
}
