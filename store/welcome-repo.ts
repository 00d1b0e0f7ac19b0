/**
 * Who has been welcomed, where a platform keeps no "first visit" of its own (Slack sends app_home_opened on every
 * visit to the messages tab): once per person, across restarts and replicas. Kept in the settings, like the
 * listings, whose `setIfAbsent` is atomic in both adapters.
 */
import { randomUUID } from 'node:crypto';

/** Who was welcomed where the platform keeps no first visit. */
export interface WelcomeRepo {
  /** Records that `person` is welcomed now: true for the first call for them only, whichever replica makes it. */
  claimFirst(person: string): Promise<boolean>;
}

/** The one call of the store's SettingRepo this needs (named here so the ports can name WelcomeRepo). */
interface Settings {
  setIfAbsent(key: string, value: string): Promise<string>;
}

export function createWelcomeRepo(settings: Settings): WelcomeRepo {
  return {
    async claimFirst(person) {
      const claim = randomUUID();
      return (await settings.setIfAbsent(`welcomed:${person}`, claim)) === claim;
    },
  };
}
