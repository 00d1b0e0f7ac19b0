/**
 * Every command name → its use case (the one part of a command its spec in core/commands cannot hold). The record
 * is typed over every command name, so a spec without a handler, or a handler without a spec, does not compile.
 * Whether refusals and failures are audited follows from the spec's effects (core/commands/effects.ts).
 */

import { grantAdmin, revokeAdmin } from '../core/admin-access';
import { catalogEntryOf } from '../core/command-catalog';
import type { CommandOf } from '../core/commands';
import { effectRules } from '../core/commands/effects';
import { extendAdmin } from '../core/extend-admin';
import type { Reply } from '../core/reply';
import type { CommandName, ProgressListener } from '../core/request';
import type { Invocation } from '../core/runtime';
import { addUser } from './add-user';
import { addUserLike } from './add-user-like';
import { addUserNamed } from './add-user-named';
import { addUserNamedLike } from './add-user-named-like';
import { listAdmins, setMaxAdmin, setPermanentAdmin } from './admin-access';
import { showAudit } from './audit-log';
import { bulkTemplate, previewBulk } from './bulk';
import { runBulk } from './bulk-run';
import { changePlan } from './change-plan';
import { addCustomer, addPlan, changeAccess, setAutoApprove, setCustomerPlan } from './configure';
import { consentLink, verifyConsent } from './consent';
import { confirmConsent } from './consent-confirm';
import { listDiscrepancies } from './discrepancy-list';
import { runDoctor } from './doctor';
import { submitForm } from './form-submit';
import { openAddUserForm, openChangePlanForm, openRemoveUserForm, refreshForm } from './forms';
import { showHelp } from './help';
import { reportLicences, setLicenceDigest, showLicences } from './licences';
import { notifyHere } from './notify-here';
import { offboard } from './offboard';
import { cancelOffboard, setOffboardDefaults } from './offboard-admin';
import { setPlanFormat, setPlanGroups, setPlanSharedMailbox, showPlan } from './plan-template';
import { previewCommand } from './preview';
import { removeUser } from './remove-user';
import {
  approveRequestCommand,
  cancelRequestCommand,
  denyRequestCommand,
  listRequests,
  setApprovalPolicy,
} from './requests';
import { resetPassword } from './reset-password';
import { restoreUser } from './restore-user';
import { retryFailedSteps } from './retry-steps';
import { decideAll, decideDiscrepancy, runSyncCommand } from './sync-commands';
import { listPlans, listUsers, showStatus } from './views';

export type Handler<N extends CommandName> = (
  invocation: Invocation,
  command: CommandOf<N>,
  onProgress?: ProgressListener,
) => Promise<Reply>;

export interface Route<N extends CommandName> {
  run: Handler<N>;
  /** Changes a tenant or the configuration: refusals and failures are audited too. */
  changes: boolean;
}

type HandlerOf = { [N in CommandName]: Handler<N> };

const handlerOf: HandlerOf = {
  help: showHelp,
  'add-user-form': openAddUserForm,
  'add-user': (invocation, command) => addUser(invocation, command),
  'add-user-named': addUserNamed,
  'add-user-like': addUserLike,
  'add-user-named-like': addUserNamedLike,
  'submit-form': submitForm,
  'refresh-form': refreshForm,
  'change-plan-form': openChangePlanForm,
  'change-plan': changePlan,
  'revoke-admin': revokeAdmin,
  'grant-admin': grantAdmin,
  'remove-user-form': openRemoveUserForm,
  'extend-admin': extendAdmin,
  admins: listAdmins,
  'remove-user': removeUser,
  'restore-user': restoreUser,
  'reset-password': resetPassword,
  offboard,
  'cancel-offboard': cancelOffboard,
  'policy-offboard': setOffboardDefaults,
  'policy-licence-digest': setLicenceDigest,
  'consent-link': consentLink,
  'verify-consent': verifyConsent,
  'confirm-consent': confirmConsent,
  sync: (invocation, _command, onProgress) => runSyncCommand(invocation, onProgress),
  users: listUsers,
  status: showStatus,
  plans: listPlans,
  licences: showLicences,
  'report-licences': reportLicences,
  bulk: previewBulk,
  'bulk-template': bulkTemplate,
  'bulk-run': runBulk,
  discrepancies: listDiscrepancies,
  'notify-here': notifyHere,
  'customer-add': addCustomer,
  'customer-plan': setCustomerPlan,
  'plan-add': addPlan,
  'plan-show': showPlan,
  'plan-groups': setPlanGroups,
  'plan-format': setPlanFormat,
  'plan-shared-mailbox': setPlanSharedMailbox,
  access: changeAccess,
  'policy-auto': setAutoApprove,
  'policy-max-admin': setMaxAdmin,
  'policy-permanent-admin': setPermanentAdmin,
  doctor: runDoctor,
  decide: decideDiscrepancy,
  'decide-all': decideAll,
  'approve-request': approveRequestCommand,
  'deny-request': denyRequestCommand,
  'cancel-request': cancelRequestCommand,
  'retry-steps': retryFailedSteps,
  preview: previewCommand,
  requests: listRequests,
  'policy-approval': setApprovalPolicy,
  audit: showAudit,
};

/** The use case of `command`, and whether it changes something (its spec's effects say so). */
export function routeOf<N extends CommandName>(command: CommandOf<N>): Route<N> {
  const changes = catalogEntryOf(command).effects.some((effect) => effectRules[effect].auditsFailures);
  return { run: handlerOf[command.name as N] as Handler<N>, changes };
}
