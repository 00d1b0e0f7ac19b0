/**
 * Every command spec is reachable: from text (its example parses to it), from help (listed for a person with the
 * role it needs, asked through the handlers), and, where it has one, from a button (its command survives the trip
 * through actionData and commandFromAction). The commands only cards send are reachable from their verbs.
 */
import { parseCommand } from '../../bot/commands';
import { actionData, commandFromAction } from '../../cards/actions';
import { commandCatalog } from '../../core/command-catalog';
import { orderedSpecs } from '../../core/commands';
import type { Command } from '../../core/request';
import type { Role } from '../../store/types';
import { admin, approver, type Harness, helpdesk, startHarness } from '../handlers/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const people: Record<Role, typeof helpdesk> = { helpdesk, approver, admin };
const typed = orderedSpecs.filter((spec) => spec.text);

it.each(typed.map((spec) => [spec.name, spec]))('parses the example of %s to it', (name, spec) => {
  const parsed = parseCommand(spec.example);
  expect(parsed).toMatchObject({ ok: true, command: { name } });
});

it.each(commandCatalog.filter((entry) => entry.listed).map((entry) => [entry.name, entry]))(
  'lists %s in help for a person with the role it needs',
  async (_name, entry) => {
    const reply = await h.run({ name: 'help' }, people[entry.role]);
    expect(reply).toMatchObject({ kind: 'help' });
    expect(reply.kind === 'help' && reply.commands.map((command) => command.usage)).toContain(entry.usage);
  },
);

/** A sample of the command a button carries: the spec's own example, parsed. */
function sample(example: string): Command {
  const parsed = parseCommand(example);
  if (!parsed.ok) throw new Error(`the example ${example} does not parse`);
  return parsed.command;
}

it.each(orderedSpecs.filter((spec) => spec.button).map((spec) => [spec.name, spec]))(
  'carries %s on a button and reads it back',
  (_name, spec) => {
    const command = sample(spec.example);
    const { verb, data } = actionData(command);
    expect(commandFromAction(verb, JSON.parse(JSON.stringify(data)))).toEqual(command);
  },
);

it('refuses to put a command no button may carry on one', () => {
  for (const spec of typed.filter((candidate) => !candidate.button)) {
    expect(() => actionData(sample(spec.example))).toThrow(spec.name);
  }
});

it.each<[string, Command]>([
  ['decide', { name: 'decide', discrepancyId: 'd-1', action: 'revoke' }],
  ['decide-all', { name: 'decide-all', customerId: 'contoso', kind: 'plan-changed', action: 'approve' }],
])('reaches %s, which only cards send, from its verb', (_name, command) => {
  const { verb, data } = actionData(command);
  expect(commandFromAction(verb, data)).toEqual(command);
});

it('reaches submit-form from its verb with the form it names', () => {
  const { verb, data } = actionData({ name: 'submit-form', form: 'change-plan', values: {} });
  const command = commandFromAction(verb, { ...data, upn: 'jane@contoso.com', planId: 'business-basic' });
  expect(command).toMatchObject({ name: 'submit-form', form: 'change-plan', values: { upn: 'jane@contoso.com' } });
});
