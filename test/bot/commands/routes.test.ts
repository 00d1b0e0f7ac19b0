import { routes } from '../../../bot/commands/routes';
import { commandCatalog, findCatalogEntry } from '../../../core/command-catalog';

describe('command routes', () => {
  it('has a route for every command that can be typed', () => {
    const typed = commandCatalog.filter((entry) => entry.words.length > 0).map((entry) => entry.name);
    expect(routes.map((route) => route.name).sort()).toEqual([...typed].sort());
  });

  it.each(routes.map((route) => [route.name, route]))('writes every option of %s into its usage', (_name, route) => {
    const usage = findCatalogEntry(route.name).usage;
    for (const option of route.options.filter((candidate) => candidate.word !== 'customer')) {
      expect(usage).toMatch(new RegExp(`\\b${option.word}\\b`));
    }
  });

  it.each(routes.map((route) => [route.name, route]))(
    'marks the optional arguments of %s in its usage',
    (_name, route) => {
      const usage = findCatalogEntry(route.name).usage;
      // `[<customer>|all]`: an optional argument that may also be a word.
      const optionalInUsage = (usage.match(/\[<[^>]+>(\|[a-z]+)?\]/g) ?? []).length;
      const optionalInRoute = route.arguments.filter((argument) => argument.optional).length;
      // The change-plan and remove-user form routes make the UPN optional to prefill the form: their usage shows no
      // arguments at all.
      if (route.name !== 'change-plan-form' && route.name !== 'remove-user-form')
        expect(optionalInRoute).toBe(optionalInUsage);
    },
  );
});
