import { useEffect, useState } from 'react';

/** The console's base path, e.g. `/console/`, from `<base href>`. */
export const basePath = new URL('.', document.baseURI).pathname;

/** The app path below the console: `''` (health), `sessions`, `sessions/<id>`. */
function currentRoute(): string {
  const path = window.location.pathname;
  return path.startsWith(basePath) ? decodeURIComponent(path.slice(basePath.length)) : '';
}

/** Goes to an app path without a reload; the back button works. */
export function navigate(route: string): void {
  window.history.pushState(null, '', basePath + route.split('/').map(encodeURIComponent).join('/'));
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current app path, updated on navigation. */
export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
