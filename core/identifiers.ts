/**
 * The shapes of m365ops' own ids and Microsoft's: one pattern each, read by the config file, the text parser and
 * the configuration commands alike.
 */

/** A customer or plan id: lower-case letters, digits and inner dashes, at most 64 characters. */
export const idPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A directory (tenant) id: a GUID. */
export const tenantIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A skuPartNumber such as SPB or O365_BUSINESS_ESSENTIALS. */
export const skuPattern = /^[A-Z0-9][A-Z0-9_]{1,63}$/;
