import { KeyRound, Phone, User } from 'lucide-react';
import type { WorkItemView } from '@opsquest/contracts';
import { telHref } from '../lib/job-links';

interface JobContactProps {
  contact: WorkItemView['contact'];
  customer: string | undefined;
  vip: boolean;
  accessNotes: string | undefined;
}

/** Whom to meet and call (a tel: link), for which customer, and how to get in. */
export function JobContact({ contact, customer, vip, accessNotes }: JobContactProps) {
  return (
    <>
      {(contact !== undefined || customer !== undefined) && (
        <section className="job-block" aria-label="Contact" data-testid="job-contact">
          <User aria-hidden="true" size={18} className="job-block__icon" />
          <div className="job-block__body">
            {contact?.name !== undefined && <p className="job-block__lead">{contact.name}</p>}
            {customer !== undefined && (
              <p className="job-block__meta">
                {customer}
                {vip && <span className="tag tag--small">VIP</span>}
              </p>
            )}
            {contact?.phone !== undefined && (
              <p className="job-links">
                <a className="job-link" href={telHref(contact.phone)} data-testid="job-tel-link" aria-label={`Call ${contact.name ?? 'the contact'} on ${contact.phone}`}>
                  <Phone aria-hidden="true" size={16} />
                  {contact.phone}
                </a>
              </p>
            )}
          </div>
        </section>
      )}
      {accessNotes !== undefined && (
        <section className="job-block job-block--notes" aria-label="Access notes" data-testid="job-access-notes">
          <KeyRound aria-hidden="true" size={18} className="job-block__icon" />
          <div className="job-block__body">
            <p className="job-block__label">Access</p>
            <p className="job-access">{accessNotes}</p>
          </div>
        </section>
      )}
    </>
  );
}
