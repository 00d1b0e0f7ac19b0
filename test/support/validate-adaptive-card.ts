/**
 * Checks an Adaptive Card the way Teams would: the official `adaptivecards` parser targeting 1.5 (parse events and
 * validateProperties) and the official 1.5 JSON schema (test/fixtures), which also catches what the parser lets
 * through (a missing version, Teams-only top-level properties). Returns the problems; empty means valid.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

interface ValidationEventLike {
  event: number;
  message: string;
}

interface AdaptiveCardsModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: ValidationEventLike[] };
  };
  SerializationContext: new (
    version: unknown,
  ) => { eventCount: number; getEventAt(index: number): ValidationEventLike };
  Versions: { v1_5: unknown };
  ValidationEvent: Record<number, string>;
}

// The package's ESM build does not load in Node; its UMD bundle does, without a DOM.
const adaptiveCards = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

const schemaPath = path.join(__dirname, '..', 'fixtures', 'adaptive-card-1.5.schema.json');
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
// The schema names itself with draft-06's `id`; Ajv 8 only accepts `$id`.
const { id: schemaId, ...schemaBody } = JSON.parse(readFileSync(schemaPath, 'utf8'));
const validateSchema = ajv.compile({ $id: schemaId, ...schemaBody });

export function validateAdaptiveCard(card: unknown): string[] {
  const problems: string[] = [];
  const checked = withoutTeamsTypeahead(card, problems);
  return [...checkVersion(card), ...problems, ...parserProblems(checked), ...schemaProblems(checked)];
}

/**
 * Teams' dynamic typeahead on Input.ChoiceSet (`style: "filtered"`, `choices.data` a Data.Query; Teams docs
 * "Typeahead search in Adaptive Cards", shown there on 1.5 cards) is newer than the 1.5 schema and parser: its shape
 * is checked here, then it is taken out (an empty list of static choices gets a stand-in) for the 1.5 checks.
 */
function withoutTeamsTypeahead(node: unknown, problems: string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutTeamsTypeahead(item, problems));
  if (typeof node !== 'object' || node === null) return node;
  const record = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withoutTeamsTypeahead(value, problems)]),
  );
  if (record.type !== 'Input.ChoiceSet' || record['choices.data'] === undefined) return record;
  const { 'choices.data': query, ...rest } = record as Record<string, unknown>;
  const { type, dataset, associatedInputs, ...others } = (query ?? {}) as Record<string, unknown>;
  if (type !== 'Data.Query' || typeof dataset !== 'string' || dataset === '') {
    problems.push(`typeahead: ${String(record.id)} choices.data must be a Data.Query naming its dataset`);
  }
  if (associatedInputs !== undefined && associatedInputs !== 'auto' && associatedInputs !== 'none') {
    problems.push(`typeahead: ${String(record.id)} associatedInputs must be auto or none`);
  }
  if (Object.keys(others).some((key) => !['count', 'skip', 'value'].includes(key))) {
    problems.push(`typeahead: ${String(record.id)} choices.data has properties a Data.Query has not`);
  }
  const choices = Array.isArray(rest.choices) && rest.choices.length > 0 ? rest.choices : [{ title: '-', value: '-' }];
  return { ...rest, choices, style: rest.style === 'filtered' ? 'compact' : rest.style };
}

function checkVersion(card: unknown): string[] {
  const version = (card as { version?: unknown } | null)?.version;
  if (typeof version !== 'string') return ['version: missing (Teams needs "1.5")'];
  const [major, minor] = version.split('.').map(Number);
  if (!(major < 1 || (major === 1 && minor <= 5))) return [`version: ${version} is newer than Teams renders (1.5)`];
  return [];
}

function parserProblems(card: unknown): string[] {
  const parsed = new adaptiveCards.AdaptiveCard();
  const context = new adaptiveCards.SerializationContext(adaptiveCards.Versions.v1_5);
  parsed.parse(card, context);
  const events: ValidationEventLike[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  return events.map((event) => `parser: ${adaptiveCards.ValidationEvent[event.event]}: ${event.message}`);
}

function schemaProblems(card: unknown): string[] {
  if (validateSchema(card)) return [];
  return (validateSchema.errors ?? []).map((error) => `schema: ${error.instancePath || '/'} ${error.message}`);
}
