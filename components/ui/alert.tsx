import type { ReactNode } from 'react';

type Tone = 'error' | 'success' | 'info' | 'warning';

/**
 * A message box. Errors use role="alert" so assistive tech reads them at once; everything else
 * is a polite status. Each tone also carries a text title, so colour is never the only cue.
 */
export function Alert({
  tone = 'info',
  title,
  children,
  id,
  urgent = tone === 'error',
}: {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
  id?: string;
  /** Announce at once (role="alert") even when the tone is not an error. */
  urgent?: boolean;
}) {
  return (
    <div id={id} className={`alert alert-${tone}`} role={urgent ? 'alert' : 'status'}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children ? <div className="alert-body">{children}</div> : null}
    </div>
  );
}
