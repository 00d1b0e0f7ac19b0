/** Tracked operations (core/steps): running the failed steps of one again. */
import type { CommandSpec } from './command-spec';
import { text } from './grammar';

export const retrySteps: CommandSpec<'retry-steps'> = {
  name: 'retry-steps',
  words: ['retry', 'steps'],
  usage: 'retry steps <id>',
  description:
    'Runs the failed steps of an operation again (its card’s Retry failed steps button); the others are left as they are.',
  example: 'retry steps K7M2QX',
  listed: true,
  action: 'Retrying failed steps',
  effects: ['steps-retry'],
  button: true,
  text: {
    arguments: [
      { key: 'operationId', kind: 'operation-id', label: 'the operation id its card shows (such as K7M2QX)' },
    ],
    options: [],
    build: (v) => ({ name: 'retry-steps', operationId: text(v.operationId) }),
  },
};
