/**
 * Licences as people know them. Graph names a subscription by its skuPartNumber (`O365_BUSINESS_ESSENTIALS`);
 * Microsoft's "Product names and service plan identifiers for licensing" table gives the name people buy it under
 * ("Microsoft 365 Business Basic"). The common SKUs of an MSP's customers are here; any other keeps its part number.
 */

const productNames: Readonly<Record<string, string>> = {
  SPB: 'Microsoft 365 Business Premium',
  O365_BUSINESS_PREMIUM: 'Microsoft 365 Business Standard',
  O365_BUSINESS_ESSENTIALS: 'Microsoft 365 Business Basic',
  O365_BUSINESS: 'Microsoft 365 Apps for business',
  SMB_BUSINESS: 'Microsoft 365 Apps for business',
  OFFICESUBSCRIPTION: 'Microsoft 365 Apps for enterprise',
  SPE_E3: 'Microsoft 365 E3',
  SPE_E5: 'Microsoft 365 E5',
  SPE_F1: 'Microsoft 365 F3',
  M365_F1: 'Microsoft 365 F1',
  STANDARDPACK: 'Office 365 E1',
  ENTERPRISEPACK: 'Office 365 E3',
  ENTERPRISEPREMIUM: 'Office 365 E5',
  DESKLESSPACK: 'Office 365 F3',
  DEVELOPERPACK_E5: 'Microsoft 365 E5 Developer',
  EXCHANGESTANDARD: 'Exchange Online (Plan 1)',
  EXCHANGEENTERPRISE: 'Exchange Online (Plan 2)',
  EXCHANGEDESKLESS: 'Exchange Online Kiosk',
  EXCHANGEARCHIVE_ADDON: 'Exchange Online Archiving for Exchange Online',
  EMS: 'Enterprise Mobility + Security E3',
  EMSPREMIUM: 'Enterprise Mobility + Security E5',
  AAD_PREMIUM: 'Microsoft Entra ID P1',
  AAD_PREMIUM_P2: 'Microsoft Entra ID P2',
  INTUNE_A: 'Microsoft Intune Plan 1',
  ATP_ENTERPRISE: 'Microsoft Defender for Office 365 (Plan 1)',
  THREAT_INTELLIGENCE: 'Microsoft Defender for Office 365 (Plan 2)',
  POWER_BI_PRO: 'Power BI Pro',
  POWER_BI_STANDARD: 'Power BI (free)',
  FLOW_FREE: 'Microsoft Power Automate Free',
  PROJECTPROFESSIONAL: 'Project Plan 3',
  PROJECTPREMIUM: 'Project Plan 5',
  VISIOCLIENT: 'Visio Plan 2',
  MCOEV: 'Microsoft Teams Phone Standard',
  MCOMEETADV: 'Microsoft 365 Audio Conferencing',
  MCOPSTN1: 'Microsoft 365 Domestic Calling Plan',
  TEAMS_EXPLORATORY: 'Microsoft Teams Exploratory',
  Microsoft_Teams_Exploratory_Dept: 'Microsoft Teams Exploratory',
  WIN10_VDA_E3: 'Windows 10/11 Enterprise E3',
};

const byUpperCase = new Map(Object.entries(productNames).map(([part, name]) => [part.toUpperCase(), name]));

/** "Microsoft 365 Business Basic" for O365_BUSINESS_ESSENTIALS; a part number not in the table as it is. */
export function licenceName(partNumber: string): string {
  return byUpperCase.get(partNumber.toUpperCase()) ?? partNumber;
}

/** "Microsoft 365 Business Premium + Exchange Online (Plan 1)", or "no licences". */
export function describeLicences(partNumbers: readonly string[]): string {
  return partNumbers.length === 0 ? 'no licences' : partNumbers.map(licenceName).join(' + ');
}

/**
 * A plan with what it licenses, each named once: "Microsoft 365 Business Premium" when the plan is named after its
 * one licence, "Sales (Microsoft 365 Business Premium + Power BI Pro)" otherwise.
 */
export function describePlanLicences(plan: { name: string; skus: readonly string[] }): string {
  const licences = describeLicences(plan.skus);
  return licences.toLowerCase() === plan.name.toLowerCase() || plan.skus.length === 0
    ? plan.name
    : `${plan.name} (${licences})`;
}
