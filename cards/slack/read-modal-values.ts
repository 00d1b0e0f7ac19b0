/**
 * Reads a submitted modal's `view.state.values` (block_id -> action_id -> element state) into the form values
 * the handlers take: text inputs as strings, selects as the chosen value, checkboxes as a boolean.
 */
export function readModalValues(
  stateValues: Record<string, Record<string, unknown>>,
): Record<string, string | boolean | undefined> {
  const values: Record<string, string | boolean | undefined> = {};
  for (const [blockId, elements] of Object.entries(stateValues ?? {})) {
    const state = Object.values(elements ?? {})[0];
    values[blockId] = readElementState(state);
  }
  return values;
}

function readElementState(state: unknown): string | boolean | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const element = state as {
    type?: string;
    value?: unknown;
    selected_option?: { value?: unknown } | null;
    selected_options?: unknown[];
  };
  switch (element.type) {
    case 'checkboxes':
      return Array.isArray(element.selected_options) && element.selected_options.length > 0;
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return typeof element.selected_option?.value === 'string' ? element.selected_option.value : undefined;
    default:
      return typeof element.value === 'string' ? element.value : undefined;
  }
}
