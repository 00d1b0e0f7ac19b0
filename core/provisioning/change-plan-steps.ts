/**
 * The steps of a change-plan operation (core/steps): the licences (switched by change plan itself in one
 * assignLicense call before the operation starts, so recorded as done), then the groups the new plan names that the
 * user is not in yet (skipped when it names none). A group the plan names that the tenant lacks fails the step,
 * naming it and the groups there are.
 */
import type { TenantGroup } from '../../m365/types';
import { lookUpGroup, missingGroupSentence } from '../plan-groups';
import type { OperationSteps, StepOutcome, StepRun } from '../steps/step-types';
import { countOf, possessive } from '../words';

/** What the steps read from the operation's input. */
export interface ChangePlanInput {
  objectId: string;
  planId: string;
}

function inputOf(run: StepRun): ChangePlanInput {
  return run.operation.input as unknown as ChangePlanInput;
}

/** The tenant's groups a plan names (by object id or display name, any case); `unknown`: names it lacks. */
/** The plan's groups found in the tenant, and the sentence for each it names that is not one group there. */
function resolvePlanGroups(
  names: readonly string[],
  groups: readonly TenantGroup[],
  tenantName: string,
): { found: TenantGroup[]; problems: string[] } {
  const found: TenantGroup[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const lookup = lookUpGroup(name, groups);
    if ('group' in lookup) found.push(lookup.group);
    else problems.push(missingGroupSentence(name, groups, tenantName));
  }
  return { found, problems };
}

async function joinPlanGroups(run: StepRun): Promise<StepOutcome> {
  const { objectId, planId } = inputOf(run);
  const plan = await run.runtime.store.plans.get(planId);
  const names = plan?.groups ?? [];
  if (names.length === 0) return { state: 'skipped', detail: `The plan ${planId} names no groups.` };
  const tenant = run.runtime.gateway.forTenant(run.tenantId);
  const groups = await tenant.listGroups();
  const { found, problems } = resolvePlanGroups(names, groups, `${possessive(run.customer.name)} tenant`);
  if (problems.length > 0) return { state: 'failed', detail: `${problems.join(' ')} Nothing was joined.` };
  const member = new Set(await tenant.listUserGroupIds(objectId));
  const missing = found.filter((group) => !member.has(group.id));
  if (missing.length === 0) {
    return { state: 'skipped', detail: `Already in ${found.map((group) => group.displayName).join(', ')}.` };
  }
  for (const group of missing) await tenant.addGroupMember(group.id, objectId);
  const joined = missing.map((group) => group.displayName).join(', ');
  return { state: 'done', detail: `Joined ${countOf(missing.length, 'group')}: ${joined}.` };
}

export const changePlanSteps: OperationSteps = {
  kind: 'change-plan',
  effects: ['licence-change'],
  userOf: (operation) => (operation.input as unknown as ChangePlanInput).objectId,
  steps: {
    licences: {
      key: 'licences',
      label: 'Switch the licences',
      // Done by change plan before the operation starts; run again, it has nothing left to do.
      run: async () => ({ state: 'done' }),
    },
    groups: { key: 'groups', label: "Join the plan's groups", run: joinPlanGroups },
  },
};
