import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { postJson } from './api.js';
import { Link } from './link.js';
import { ApprovalsPage } from './pages/approvals-page.js';
import { ChatPage } from './pages/chat-page.js';
import { HealthPage } from './pages/health-page.js';
import { PluginsPage } from './pages/plugins-page.js';
import { MemoryPage } from './pages/memory-page.js';
import { SessionPage } from './pages/session-page.js';
import { SessionsPage } from './pages/sessions-page.js';
import { TaskPage } from './pages/task-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { useRoute } from './router.js';

function Page(props: { route: string }) {
  if (props.route === 'approvals') return <ApprovalsPage />;
  if (props.route === 'chat') return <ChatPage />;
  if (props.route === 'plugins') return <PluginsPage />;
  if (props.route === 'memory') return <MemoryPage />;
  if (props.route === 'sessions') return <SessionsPage />;
  if (props.route.startsWith('sessions/')) return <SessionPage sessionId={props.route.slice('sessions/'.length)} />;
  if (props.route === 'tasks') return <TasksPage />;
  if (props.route.startsWith('tasks/')) return <TaskPage taskId={props.route.slice('tasks/'.length)} />;
  return <HealthPage />;
}

/** The navigation: each section's first path segment and its name. */
const SECTIONS: readonly (readonly [string, string])[] = [
  ['', 'Health'],
  ['chat', 'Chat'],
  ['sessions', 'Sessions'],
  ['approvals', 'Approvals'],
  ['tasks', 'Tasks'],
  ['plugins', 'Plugins'],
  ['memory', 'Memory'],
];

/** Shown once the server refused the cookie (expired or signed out). */
function SignedOut() {
  return (
    <main id="main" tabIndex={-1}>
      <h1>Signed out</h1>
      <p>
        Run <code>downcity console</code> in the project folder for a new sign-in link.
      </p>
    </main>
  );
}

/** The console: navigation, sign-out and the current page. */
export function App() {
  const route = useRoute();
  const [signedOut, setSignedOut] = useState(false);
  const signOut = useMutation({ mutationFn: () => postJson('sign-out'), onSuccess: () => setSignedOut(true) });
  useEffect(() => {
    const onSignedOut = () => setSignedOut(true);
    window.addEventListener('console:signed-out', onSignedOut);
    return () => window.removeEventListener('console:signed-out', onSignedOut);
  }, []);
  // After navigating (not on the first load), move focus to the new page, as a full page load would.
  const firstLoad = useRef(true);
  useEffect(() => {
    if (!firstLoad.current) document.getElementById('main')?.focus();
    firstLoad.current = false;
  }, [route]);
  if (signedOut) return <SignedOut />;
  // The first path segment names the section: `sessions/<id>` belongs to Sessions, `` to Health.
  const section = route.split('/')[0] || 'health';
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span className="brand">Downcity console</span>
        <nav aria-label="Console">
          {SECTIONS.map(([to, label]) => (
            <Link key={label} to={to} current={section === (to || 'health')}>
              {label}
            </Link>
          ))}
        </nav>
        <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}
