/** The doctor's report as the CLI prints it and as chat draws it (problems first, the rest counted). */
import { renderReplyCard } from '../../cards/adaptive/render-reply-card';
import { chatDoctorRows, maxChatRows } from '../../cards/doctor-lines';
import { renderReplyText } from '../../cards/render-text';
import type { DoctorRow } from '../../core/doctor/doctor-row';
import type { DoctorReply } from '../../core/reply';
import { doctorReport } from '../support/sample-replies';
import { validateAdaptiveCard } from '../support/validate-adaptive-card';

const report = doctorReport as DoctorReply;

it('prints every row with the sentences in one column and each fix under its sentence', () => {
  const lines = renderReplyText(report).split('\n');
  expect(lines[0]).toBe('m365ops doctor: 2 problems, 1 warning');
  // Each icon takes two columns: every sentence starts in column 27, and so does every fix.
  const pad = ' '.repeat(27);
  expect(lines).toContain(`✅ Store${' '.repeat(19)}The embedded store (DATA_DIR) answers.`);
  expect(lines).toContain(`⚠️ Teams${' '.repeat(19)}Dev mode: /api/messages takes anyone without authentication.`);
  expect(lines).toContain(`${pad}Fix: Set MicrosoftAppId.`);
  expect(lines).toContain(`❌ Consent · northwind${' '.repeat(5)}Northwind Traders has not consented yet.`);
});

it('draws the problems first in chat and counts what is fine', () => {
  const { shown, more } = chatDoctorRows(report);
  expect(shown.map((row) => row.status)).toEqual(['fail', 'fail', 'warn']);
  expect(more).toBe('✅ 1 check fine.');
  const card = renderReplyCard(report);
  expect(validateAdaptiveCard(card)).toEqual([]);
  expect(JSON.stringify(card)).toContain('❌ Permissions · fabrikam');
});

it('keeps a long report within a chat message, pointing at the CLI for every row', () => {
  const many: DoctorRow[] = Array.from({ length: maxChatRows + 5 }, (_, i) => ({
    status: 'fail',
    check: 'Consent',
    subject: `customer${i}`,
    sentence: 'Not consented.',
    fix: 'Send a link.',
  }));
  const { shown, more } = chatDoctorRows({ kind: 'doctor', summary: '30 problems', rows: many });
  expect(shown).toHaveLength(maxChatRows);
  expect(more).toBe('5 more problems. `npx m365ops doctor` prints every row.');
});
