/** `licences` as an Adaptive Card: a container per SKU (or per customer), its facts in a FactSet. */
import type { LicencesReply } from '../../core/reply';
import { describeLicenceNotes, describeLicenceSections, describeLicencesHeading } from '../licence-lines';
import licencesTemplate from '../templates/licences.json';
import { type AdaptiveCard, expandTemplate } from './adaptive-card';

export function renderLicencesCard(reply: LicencesReply): AdaptiveCard {
  return expandTemplate(licencesTemplate, {
    heading: describeLicencesHeading(reply),
    sections: describeLicenceSections(reply).map((entry) => ({
      title: entry.title,
      color: entry.warning ? 'Attention' : 'Default',
      facts: entry.facts.map((fact) => ({ title: fact.label, value: fact.value })),
    })),
    notes: describeLicenceNotes(reply).map((text) => ({ text })),
  });
}
