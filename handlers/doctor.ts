/** `doctor` (admins): runs every check the composition root gave the handlers and answers the table of rows. */
import { summarizeRows } from '../core/doctor/doctor-row';
import { fail } from '../core/errors';
import type { DoctorReply } from '../core/reply';
import type { Invocation } from '../core/runtime';

export async function runDoctor(invocation: Invocation): Promise<DoctorReply> {
  const doctor = invocation.runtime.doctor;
  if (!doctor) throw fail('not-available', 'The doctor is not available in this m365ops; run `npx m365ops doctor`.');
  const rows = await doctor();
  return { kind: 'doctor', summary: summarizeRows(rows), rows };
}
