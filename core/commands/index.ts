/**
 * Every command's spec, by name (a missing one does not compile) and in help's order. A new command is a variant
 * of the Command union (core/request.ts), one spec here, and its handler in handlers/dispatch.ts.
 */
import type { CommandName } from '../request';
import { admins, extendAdmin, policyMaxAdmin, policyPermanentAdmin } from './admin-commands';
import { bulk, bulkRun, bulkTemplate } from './bulk-commands';
import { decide, decideAll, refreshForm, submitForm } from './card-commands';
import type { CommandSpec, CommandSpecs } from './command-spec';
import { access, customerAdd, customerPlan, notifyHere, planAdd, policyAuto } from './config-commands';
import { confirmConsent, consentLink, verifyConsent } from './consent-commands';
import { licences, policyLicenceDigest, reportLicences } from './licence-commands';
import { cancelOffboard, offboard, policyOffboard } from './offboard-commands';
import { planFormat, planGroups, planSharedMailbox, planShow } from './plan-commands';
import { preview } from './preview-commands';
import { discrepancies, doctor, help, plans, status, sync, users } from './read-commands';
import { approveRequest, audit, cancelRequest, denyRequest, policyApproval, requests } from './request-commands';
import { retrySteps } from './step-commands';
import { addUserLike, addUserNamedLike } from './template-commands';
import {
  addUser,
  addUserForm,
  addUserNamed,
  changePlan,
  changePlanForm,
  grantAdmin,
  removeUser,
  removeUserForm,
  resetPassword,
  restoreUser,
  revokeAdmin,
} from './user-commands';

export const commandSpecs: CommandSpecs = {
  help,
  'add-user-form': addUserForm,
  'add-user': addUser,
  'add-user-named': addUserNamed,
  'add-user-like': addUserLike,
  'add-user-named-like': addUserNamedLike,
  'change-plan-form': changePlanForm,
  'change-plan': changePlan,
  'revoke-admin': revokeAdmin,
  'grant-admin': grantAdmin,
  'remove-user-form': removeUserForm,
  'extend-admin': extendAdmin,
  admins,
  'remove-user': removeUser,
  'restore-user': restoreUser,
  'reset-password': resetPassword,
  offboard,
  'cancel-offboard': cancelOffboard,
  'consent-link': consentLink,
  'verify-consent': verifyConsent,
  'confirm-consent': confirmConsent,
  sync,
  users,
  status,
  plans,
  licences,
  'report-licences': reportLicences,
  bulk,
  'bulk-template': bulkTemplate,
  'bulk-run': bulkRun,
  discrepancies,
  'notify-here': notifyHere,
  'customer-add': customerAdd,
  'customer-plan': customerPlan,
  'plan-add': planAdd,
  'plan-show': planShow,
  'plan-groups': planGroups,
  'plan-format': planFormat,
  'plan-shared-mailbox': planSharedMailbox,
  access,
  'policy-auto': policyAuto,
  'policy-max-admin': policyMaxAdmin,
  'policy-permanent-admin': policyPermanentAdmin,
  'policy-approval': policyApproval,
  'policy-offboard': policyOffboard,
  'policy-licence-digest': policyLicenceDigest,
  requests,
  'approve-request': approveRequest,
  'deny-request': denyRequest,
  'cancel-request': cancelRequest,
  'retry-steps': retrySteps,
  preview,
  audit,
  doctor,
  decide,
  'decide-all': decideAll,
  'submit-form': submitForm,
  'refresh-form': refreshForm,
};

/** The specs in help's order (the order above). */
export const orderedSpecs: readonly CommandSpec[] = Object.values(commandSpecs);

export function specOf<N extends CommandName>(name: N): CommandSpec<N> {
  return commandSpecs[name] as CommandSpec<N>;
}

export type { CommandOf, CommandSpec, CommandSpecs, TextForm } from './command-spec';
