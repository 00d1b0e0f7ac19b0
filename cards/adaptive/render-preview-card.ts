/** `preview <command>` as an Adaptive Card: the outcome, the checks, each write with its request, the notes. */
import type { PreviewReply } from '../../core/preview/preview-view';
import { describeCheck, describePreviewHeading, describeWrites, describeWritesHeading } from '../preview-lines';
import previewTemplate from '../templates/preview.json';
import { type AdaptiveCard, expandTemplate } from './adaptive-card';

const colors = { run: 'Good', ask: 'Warning', refused: 'Attention', nothing: 'Default' } as const;

export function renderPreviewCard(reply: PreviewReply): AdaptiveCard {
  return expandTemplate(previewTemplate, {
    heading: describePreviewHeading(reply),
    color: colors[reply.outcome],
    summary: reply.summary,
    checks: reply.checks.map((check) => ({ text: describeCheck(check) })),
    writesHeading: describeWritesHeading(reply),
    writes: describeWrites(reply),
    notes: reply.notes.map((text) => ({ text })),
  });
}
