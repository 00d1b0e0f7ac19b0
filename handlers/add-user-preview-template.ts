/**
 * The template's writes for a preview of add user (the plan's, or those copied from a user): each group the plan names, found in the tenant by name or
 * id (one the tenant lacks or m365ops cannot join is said, as its step would fail alone), then each shared mailbox.
 */

import { lookUpGroup, missingGroupSentence } from '../core/plan-groups';
import { type PreviewPlan, wouldWrite } from '../core/preview/preview-plan';
import { cmdletWrite, joinGroupWrite } from '../core/preview/tenant-writes';
import { isJoinable, whyNotJoinable } from '../core/provisioning/plan-groups';
import type { ProvisioningTemplate } from '../core/provisioning/template-steps';
import type { TenantClient } from '../m365/types';

export async function previewTemplateWrites(
  tenant: TenantClient,
  plan: PreviewPlan,
  template: ProvisioningTemplate,
  target: { user: string; upn: string },
): Promise<void> {
  const { groups, sharedMailboxes } = template;
  const tenantGroups = groups.length > 0 ? await tenant.listGroups() : [];
  for (const { reference } of groups) {
    const lookup = lookUpGroup(reference, tenantGroups);
    const group = 'group' in lookup ? lookup.group : undefined;
    if (!group) {
      plan.notes.push(`That step would fail alone: ${missingGroupSentence(reference, tenantGroups, 'the tenant')}`);
    } else if (!isJoinable(group)) plan.notes.push(`That step would fail alone: ${whyNotJoinable(group, target.upn)}`);
    else wouldWrite(plan, joinGroupWrite(group.id, target.user, group.displayName));
  }
  for (const grant of sharedMailboxes) {
    for (const access of grant.access) {
      const write =
        access === 'FullAccess'
          ? cmdletWrite(
              'Add-MailboxPermission',
              { Identity: grant.mailbox, User: target.upn, AccessRights: 'FullAccess' },
              `Give Full Access on ${grant.mailbox}`,
            )
          : cmdletWrite(
              'Add-RecipientPermission',
              { Identity: grant.mailbox, Trustee: target.upn, AccessRights: 'SendAs' },
              `Give Send As on ${grant.mailbox}`,
            );
      wouldWrite(plan, write);
    }
  }
}
