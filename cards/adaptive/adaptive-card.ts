/**
 * Adaptive Card building blocks shared by the renderers: the card type, template expansion and the one way a
 * button is made (Action.Execute for Teams Universal Actions, with an Action.Submit fallback for clients that
 * only submit, such as the local web chat).
 */
import { Template } from 'adaptivecards-templating';
import type { CardAction } from '../actions';
import { escapeCardText } from './plain-text';

export type CardElement = Record<string, unknown>;

/** A plain Adaptive Card 1.5 object, ready to send as an attachment or an invoke response. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  [property: string]: unknown;
}

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

/** A template parsed once (its `${…}` expressions compiled), expanded on every render. */
export interface CompiledTemplate {
  expand(data: object): AdaptiveCard;
}

const compiled = new WeakMap<object, CompiledTemplate>();

/**
 * The template's compiled form, made on first use and kept while the template is: parsing every expression of a
 * card on each render was a measurable share of a busy `status`. Expansion is synchronous, so one compiled
 * template serves every render in turn.
 */
export function compileTemplate(template: object): CompiledTemplate {
  let entry = compiled.get(template);
  if (!entry) {
    const parsed = new Template(template);
    entry = { expand: (data) => parsed.expand({ $root: data }) as AdaptiveCard };
    compiled.set(template, entry);
  }
  return entry;
}

/**
 * Expands a JSON template from cards/templates with the given data as `$root`. Its texts are then escaped
 * (plain-text.ts): whatever the data holds, Teams shows it as written, never as Markdown.
 */
export function expandTemplate(template: object, data: object): AdaptiveCard {
  return escapeCardText(compileTemplate(template).expand(data));
}

export interface ButtonOptions {
  style?: 'positive' | 'destructive';
  /** A button that must not validate or send the card's inputs (Cancel). */
  ignoreInputs?: boolean;
}

export function executeAction(title: string, action: CardAction, options: ButtonOptions = {}): CardElement {
  const common = {
    title,
    ...(options.style ? { style: options.style } : {}),
    ...(options.ignoreInputs ? { associatedInputs: 'none' } : {}),
  };
  return {
    type: 'Action.Execute',
    ...common,
    verb: action.verb,
    data: action.data,
    fallback: { type: 'Action.Submit', ...common, data: { ...action.data, verb: action.verb } },
  };
}

export function actionSet(actions: CardElement[]): CardElement {
  return { type: 'ActionSet', actions };
}
