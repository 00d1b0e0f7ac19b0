/** Finds things inside rendered cards and Slack blocks, for the tests in this folder. */
export type JsonObject = Record<string, unknown>;

/** Every object in a JSON tree whose `type` is one of `types`. */
export function findByType(tree: unknown, ...types: string[]): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (typeof node === 'object' && node !== null) {
      const object = node as JsonObject;
      if (typeof object.type === 'string' && types.includes(object.type)) found.push(object);
      for (const value of Object.values(object)) visit(value);
    }
  };
  visit(tree);
  return found;
}

/** The Action.Execute buttons of a card (their fallbacks are found separately as Action.Submit). */
export function executeActions(card: unknown): JsonObject[] {
  return findByType(card, 'Action.Execute');
}

/** A card's buttons as a test clicks them: title, verb and the data they send. */
export interface CardButton {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

export function cardButtons(card: unknown): CardButton[] {
  return executeActions(card) as unknown as CardButton[];
}
