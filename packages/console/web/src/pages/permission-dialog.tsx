import { useLayoutEffect, useRef } from 'react';
import type { ListingDetailsView } from '../types.js';
import { PermissionList } from './permission-list.js';

/**
 * The web permission prompt, like `downcity plugins add` asks on a terminal: a modal dialog (focus kept inside,
 * Escape cancels) naming the package, version and what it asks for. Cancel has the focus first, as the terminal's
 * default answer is no. Confirming sends exactly these permissions; the server refuses if the package asks for others.
 */
export function PermissionDialog(props: { details: ListingDetailsView; adding: boolean; error?: string; onConfirm: () => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const { details } = props;
  const label = `${details.name}@${details.version}`;
  // Layout effects: the page behind stops being inert before the dialog leaves the DOM, so the focus can go back.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    cancelButton.current?.focus();
    return () => element.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-what confirm-permissions"
      onCancel={(event) => {
        // Escape: cancel, unless the install is running (it cannot be taken back halfway).
        event.preventDefault();
        if (!props.adding) props.onCancel();
      }}
    >
      <h2 id="confirm-title">Add {label}?</h2>
      <p id="confirm-what">
        It is installed into the project with {details.packageManager}, added to <code>use</code> in <code>{details.configFile}</code>, and loaded when
        the agent restarts. Allow it only if you trust what it asks for:
      </p>
      <PermissionList id="confirm-permissions" lines={details.permissionLines} label={`Permissions ${label} asks for`} />
      {details.warnings.length > 0 ? (
        <ul className="plain">
          {details.warnings.map((warning) => (
            <li key={warning}>! {warning}</li>
          ))}
        </ul>
      ) : null}
      {props.adding ? <p role="status">Installing {label} and checking it loads… this can take a minute.</p> : null}
      {props.error ? (
        <p role="alert" className="error">
          Not added: {props.error}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" ref={cancelButton} onClick={props.onCancel} disabled={props.adding}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={props.onConfirm} disabled={props.adding}>
          Allow and add
        </button>
      </div>
    </dialog>
  );
}
