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
  return [...checkVersion(card), ...parserProblems(card), ...schemaProblems(card)];
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
