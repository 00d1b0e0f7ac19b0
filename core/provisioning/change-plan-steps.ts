/**
 * The steps of a change-plan operation (core/steps): the licences (switched by change plan itself in one
 * assignLicense call before the operation starts, so recorded as done), then the groups the new plan names that the
 * user is not in yet (skipped when it names none). A group the plan names that the tenant lacks fails the step,
 * naming it and the groups there are.
 */
import type { TenantGroup } from '../../m365/types';
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
export function resolvePlanGroups(
  names: readonly string[],
  groups: readonly TenantGroup[],
): { found: TenantGroup[]; unknown: string[] } {
  const found: TenantGroup[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const wanted = name.trim().toLowerCase();
    const group = groups.find(
      (candidate) => candidate.id.toLowerCase() === wanted || candidate.displayName.toLowerCase() === wanted,
    );
    if (group) found.push(group);
    else unknown.push(name);
  }
  return { found, unknown };
}

async function joinPlanGroups(run: StepRun): Promise<StepOutcome> {
  const { objectId, planId } = inputOf(run);
  const plan = await run.runtime.store.plans.get(planId);
  const names = plan?.groups ?? [];
  if (names.length === 0) return { state: 'skipped', detail: `The plan ${planId} names no groups.` };
  const tenant = run.runtime.gateway.forTenant(run.tenantId);
  const groups = await tenant.listGroups();
  const { found, unknown } = resolvePlanGroups(names, groups);
  if (unknown.length > 0) {
    const known = groups.map((group) => group.displayName).join(', ') || 'none';
    return {
      state: 'failed',
      detail: `The plan names ${unknown.map((name) => `"${name}"`).join(', ')}, which ${possessive(run.customer.name)} tenant does not have (its groups: ${known}); nothing was joined.`,
    };
  }
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
