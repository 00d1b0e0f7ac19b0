/** The doctor's report as an Adaptive Card: the problems first, one container each, then what is fine in a line. */
import type { DoctorReply } from '../../core/reply';
import { chatDoctorRows, describeDoctorTitle, describeRowFix, describeRowHeading } from '../doctor-lines';
import doctorTemplate from '../templates/doctor.json';
import { type AdaptiveCard, expandTemplate } from './adaptive-card';

const colors = { ok: 'Good', warn: 'Warning', fail: 'Attention' } as const;

export function renderDoctorCard(reply: DoctorReply): AdaptiveCard {
  const { shown, more } = chatDoctorRows(reply);
  const worst = reply.rows.some((row) => row.status === 'fail')
    ? 'fail'
    : reply.rows.some((row) => row.status === 'warn')
      ? 'warn'
      : 'ok';
  return expandTemplate(doctorTemplate, {
    title: describeDoctorTitle(reply),
    color: colors[worst],
    rows: shown.map((row) => ({
      heading: describeRowHeading(row),
      color: colors[row.status],
      sentence: row.sentence,
      fix: describeRowFix(row),
    })),
    more,
  });
}
