/** Bulk work from a CSV: `bulk` (a file or pasted CSV, previewed), `bulk template`, and `bulk run <id>` (its Confirm). */
import type { CommandSpec } from './command-spec';
import { optionalText, text, withDefined } from './grammar';

export const bulk: CommandSpec<'bulk'> = {
  name: 'bulk',
  words: ['bulk'],
  usage: 'bulk (with a CSV file, or the CSV pasted on the lines after it)',
  description:
    'Reads a CSV of users to add, change, remove, offboard or make admins (columns: `bulk template`), checks every row against the tenants without changing anything, and shows what each row would do with a Confirm button.',
  example: 'bulk\naction,upn,plan\nadd,jane@contoso.com,business-premium',
  listed: true,
  action: 'Reading customers, users and plans',
  // The preview only reads; each row is authorised by its own command's effects when the batch runs.
  effects: ['read'],
  text: {
    arguments: [
      {
        key: 'csv',
        kind: 'rest',
        // Enter sends in Teams and Slack: a new line within the message is Shift+Enter (or send the file instead).
        label:
          'the CSV, on the lines after `bulk` in the same message (Shift+Enter starts a line), or the CSV file itself',
      },
    ],
    options: [],
    build: (v) => withDefined({ name: 'bulk', csv: text(v.csv), fileName: optionalText(v.fileName) }),
  },
};

export const bulkTemplate: CommandSpec<'bulk-template'> = {
  name: 'bulk-template',
  words: ['bulk', 'template'],
  usage: 'bulk template',
  description: 'A CSV file with the columns `bulk` reads and two example rows, to fill in and send back.',
  example: 'bulk template',
  listed: true,
  action: 'Reading customers, users and plans',
  effects: ['read'],
  button: true,
  text: { arguments: [], options: [], build: () => ({ name: 'bulk-template' }) },
};

export const bulkRun: CommandSpec<'bulk-run'> = {
  name: 'bulk-run',
  words: ['bulk', 'run'],
  usage: 'bulk run <id>',
  description:
    "Runs a previewed batch (its Confirm button): each row as its own command, authorised by that command's role (a row needing an approver becomes a request); rows already done are never run again.",
  example: 'bulk run K7M2QX',
  listed: true,
  action: 'Running a bulk batch',
  effects: ['read'],
  button: true,
  confirms: true,
  text: {
    arguments: [{ key: 'batchId', kind: 'operation-id', label: 'the batch id its preview shows (such as K7M2QX)' }],
    options: [],
    build: (v) => ({ name: 'bulk-run', batchId: text(v.batchId) }),
  },
};
