/** What a package asks for, one permission per line; anything beyond "none" / "no" is marked. */
export function PermissionList(props: { lines: string[]; label: string; id?: string }) {
  return (
    <ul className="plain permissions" aria-label={props.label} id={props.id}>
      {props.lines.map((line) => {
        const quiet = /: (none|no)$/.test(line);
        return (
          <li key={line} className={quiet ? 'muted' : 'asks'}>
            {line}
          </li>
        );
      })}
    </ul>
  );
}
