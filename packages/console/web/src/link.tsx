import type { MouseEvent, ReactNode } from 'react';
import { basePath, navigate } from './router.js';

/** A real link (works with a middle click, a keyboard and a screen reader) that navigates in the app. */
export function Link(props: { to: string; children: ReactNode; current?: boolean }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={basePath + props.to.split('/').map(encodeURIComponent).join('/')} onClick={onClick} aria-current={props.current ? 'page' : undefined}>
      {props.children}
    </a>
  );
}
