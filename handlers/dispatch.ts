/** Routes as data: every command name → its use case, and whether its refusals and failures are audited. */
import { addUser } from './add-user';
import { grantAdmin, revokeAdmin } from './admin-access';
import { changePlan } from './change-plan';
import { addCustomer, addPlan, changeAccess, notifyHere, setAutoApprove, setCustomerPlan } from './configure';
import { consentLink, verifyConsent } from './consent';
import { confirmConsent } from './consent-confirm';
import { runDoctor } from './doctor';
import { openAddUserForm, openChangePlanForm, submitForm } from './forms';
import { showHelp } from './help';
import { removeUser } from './remove-user';
import type { Reply } from './reply';
import type { Command, CommandName, ProgressListener } from './request';
import type { Invocation } from './runtime';
import { decideAll, decideDiscrepancy, runSyncCommand } from './sync-commands';
import { listPlans, listUsers, showStatus } from './views';

export interface Route<N extends CommandName> {
  run(invocation: Invocation, command: Extract<Command, { name: N }>, onProgress?: ProgressListener): Promise<Reply>;
  /** Changes a tenant or the configuration: refusals and failures are audited too. */
  changes: boolean;
}

type Routes = { [N in CommandName]: Route<N> };

const reads = <N extends CommandName>(run: Route<N>['run']): Route<N> => ({ run, changes: false });
const changes = <N extends CommandName>(run: Route<N>['run']): Route<N> => ({ run, changes: true });

export const routes: Routes = {
  help: reads(showHelp),
  'add-user-form': reads(openAddUserForm),
  'add-user': changes(addUser),
  'submit-form': changes(submitForm),
  'change-plan-form': reads(openChangePlanForm),
  'change-plan': changes(changePlan),
  'revoke-admin': changes(revokeAdmin),
  'grant-admin': changes(grantAdmin),
  'remove-user': changes(removeUser),
  'consent-link': changes(consentLink),
  'verify-consent': changes(verifyConsent),
  'confirm-consent': changes(confirmConsent),
  sync: reads((invocation, _command, onProgress) => runSyncCommand(invocation, onProgress)),
  users: reads(listUsers),
  status: reads(showStatus),
  plans: reads(listPlans),
  'notify-here': changes(notifyHere),
  'customer-add': changes(addCustomer),
  'customer-plan': changes(setCustomerPlan),
  'plan-add': changes(addPlan),
  access: changes(changeAccess),
  'policy-auto': changes(setAutoApprove),
  doctor: reads(runDoctor),
  decide: reads(decideDiscrepancy),
  'decide-all': reads(decideAll),
};

export function routeOf<N extends CommandName>(name: N): Route<N> {
  return routes[name] as Route<N>;
}
