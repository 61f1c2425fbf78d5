import { TrieRouter } from 'hono/router/trie-router';

/**
 * The methods an app serves at a path (`GET` with `HEAD`), from its routes; empty when no route has the path.
 * Asked only when no route matched, so the requests that do match pay nothing for it (Hono's `methodNotAllowed`
 * middleware wraps every request instead).
 */
export function allowedMethods(app: { readonly routes: readonly { method: string; path: string }[] }): (path: string) => string[] {
  let router: TrieRouter<string[]> | undefined;
  let known = -1;
  return (path) => {
    if (!router || known !== app.routes.length) {
      const byPath = new Map<string, Set<string>>();
      for (const route of app.routes) {
        if (route.method === 'ALL' || route.method === 'HEAD') continue;
        const methods = byPath.get(route.path) ?? new Set<string>();
        methods.add(route.method);
        if (route.method === 'GET') methods.add('HEAD');
        byPath.set(route.path, methods);
      }
      router = new TrieRouter<string[]>();
      for (const [routePath, methods] of byPath) router.add('ALL', routePath, [...methods]);
      known = app.routes.length;
    }
    return [...new Set(router.match('ALL', path)[0].flatMap(([methods]) => methods))];
  };
}
