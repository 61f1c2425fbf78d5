import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { getJson, postJson } from '../api.js';
import { QueryState } from '../query-state.js';
import type { AddedView, ListingDetailsView } from '../types.js';
import { PermissionDialog } from './permission-dialog.js';
import { PermissionList } from './permission-list.js';

function Checks(props: { details: ListingDetailsView }) {
  const { listing, problems, warnings } = props.details;
  return (
    <ul className="plain checks" aria-label="Checks">
      {problems.length === 0 ? (
        <li className="good">
          ✓ Manifest valid{listing.kind === 'channel' ? ' (a chat channel needs none)' : ''}, marketplace keyword present, works with @downcity/core {listing.coreVersion} (it needs{' '}
          {listing.coreRange})
        </li>
      ) : (
        problems.map((problem) => (
          <li key={problem.message} className="bad">
            ✗ {problem.message}
          </li>
        ))
      )}
      {warnings.map((warning) => (
        <li key={warning}>! {warning}</li>
      ))}
    </ul>
  );
}

function Added(props: { added: AddedView }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { added } = props;
  return (
    <div className="notice" role="status">
      <h4 ref={heading} tabIndex={-1}>
        {added.changed ? `Added ${added.name}@${added.version}` : `${added.name}@${added.version} was already added; nothing changed`}
      </h4>
      {added.changed ? (
        <p>
          Installed with {added.packageManager}. Changed: {added.files.map((file) => <code key={file}>{file} </code>)}
        </p>
      ) : null}
      {added.restartNeeded ? <p>Restart needed: the running agent loads it when it restarts.</p> : null}
      {added.warnings.length > 0 ? (
        <ul className="plain">
          {added.warnings.map((warning) => (
            <li key={warning}>! {warning}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** One market package: what an add would install, its checks and permissions, and the add behind a permission dialog. */
export function PluginListing(props: { name: string; onClose: () => void }) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['plugins-listing', props.name], queryFn: () => getJson<ListingDetailsView>(`plugins/listing?name=${encodeURIComponent(props.name)}`) });
  const [confirming, setConfirming] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const add = useMutation({
    mutationFn: (details: ListingDetailsView) =>
      postJson<AddedView>('plugins/add', { name: details.name, version: details.version, acceptedPermissions: details.listing.permissions?.permissions ?? null }),
    onSuccess: () => setConfirming(false),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['plugins'] }),
        client.invalidateQueries({ queryKey: ['plugins-market'] }),
        client.invalidateQueries({ queryKey: ['plugins-listing', props.name] }),
      ]),
  });
  // Opening a package moves the focus to it, so keyboard and screen reader users land on what they asked for.
  useEffect(() => heading.current?.focus(), []);
  const cancel = () => {
    setConfirming(false);
    add.reset();
  };
  // A closed dialog gives the focus back to the button that opened it (after an add, the outcome takes it).
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (wasConfirming.current && !confirming && !add.isSuccess) addButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming, add.isSuccess]);
  return (
    <section className="listing" aria-labelledby="listing-heading">
      <h3 id="listing-heading" ref={heading} tabIndex={-1}>
        {props.name}
      </h3>
      <QueryState query={query} what={`${props.name}`}>
        {(details) => (
          <>
            {details.listing.description ? <p>{details.listing.description}</p> : null}
            <dl className="facts">
              <dt>Version an add installs</dt>
              <dd>{details.version}</dd>
              <dt>Kind</dt>
              <dd>
                {details.listing.kind ?? 'unknown'}
                {details.listing.id ? ` "${details.listing.id}"` : ''}
              </dd>
              <dt>Extension points</dt>
              <dd>{details.listing.extensionPoints.map((point) => `${point.role} ${point.point} (${point.kind})`).join(', ') || '—'}</dd>
              <dt>Requires</dt>
              <dd>{Object.entries(details.listing.requires).map(([id, range]) => `${id} ${range}`).join(', ') || '—'}</dd>
              <dt>Integrity</dt>
              <dd>{details.integrity ? <code className="wrap">{details.integrity}</code> : 'the registry publishes none'} (the package manager checks the download against it)</dd>
              <dt>Installed here</dt>
              <dd>{details.installedVersion ?? 'no'}</dd>
            </dl>
            <h4>Checks</h4>
            <Checks details={details} />
            <h4 id="listing-permissions">It asks for</h4>
            <PermissionList lines={details.permissionLines} label={`What ${details.name}@${details.version} asks for`} />
            {add.isSuccess ? <Added added={add.data} /> : null}
            <div className="actions">
              {details.alreadyAdded || add.isSuccess ? null : (
                <button type="button" ref={addButton} onClick={() => setConfirming(true)} disabled={!details.ok} aria-describedby={details.ok ? undefined : 'add-refused'}>
                  Add {details.name}@{details.version}…
                </button>
              )}
              {details.ok ? null : (
                <span id="add-refused" className="bad">
                  It cannot be added: see the checks.
                </span>
              )}
              {details.alreadyAdded && !add.isSuccess ? <span>Already added to this project.</span> : null}
              <button type="button" onClick={props.onClose}>
                Close
              </button>
            </div>
            {confirming ? (
              <PermissionDialog
                details={details}
                adding={add.isPending}
                error={add.isError ? add.error.message : undefined}
                onConfirm={() => add.mutate(details)}
                onCancel={cancel}
              />
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}
