import { CircleCheckBig, MapPin, Navigation } from 'lucide-react';
import type { FieldAction } from '../lib/outbox';

interface JobNextActionProps {
  /** 0 open, 1 dispatched (travelling), 2 on site */
  stage: number;
  titleId: string;
  finishId: string;
  finishOpen: boolean;
  onAction: (action: FieldAction) => void;
  onToggleFinish: () => void;
}

/**
 * The one thing to do next, as the card's first and biggest button: start travel, then arrive, then
 * complete. Completing only opens the finish form (first-time fix, notes, confirm), so a stray tap
 * never closes a visit. Skipping ahead stays possible from the smaller buttons beside it.
 */
export function JobNextAction({ stage, titleId, finishId, finishOpen, onAction, onToggleFinish }: JobNextActionProps) {
  return (
    <div className="job-next" data-testid="job-next-action">
      {stage < 1 ? (
        <button type="button" className="button button--big button--primary job-next__main" aria-describedby={titleId} onClick={() => onAction('dispatch')}>
          <Navigation aria-hidden="true" size={20} />
          Start travel
        </button>
      ) : stage < 2 ? (
        <button type="button" className="button button--big button--primary job-next__main" aria-describedby={titleId} onClick={() => onAction('onSite')}>
          <MapPin aria-hidden="true" size={20} />
          Arrived on site
        </button>
      ) : (
        <button
          type="button"
          className="button button--big button--success job-next__main"
          aria-describedby={titleId}
          aria-expanded={finishOpen}
          aria-controls={finishId}
          onClick={onToggleFinish}
        >
          <CircleCheckBig aria-hidden="true" size={20} />
          Complete…
        </button>
      )}
      {stage < 2 && (
        <div className="job-next__more">
          {stage < 1 && (
            <button type="button" className="button button--secondary" aria-describedby={titleId} onClick={() => onAction('onSite')}>
              Already on site
            </button>
          )}
          <button type="button" className="button button--secondary" aria-describedby={titleId} aria-expanded={finishOpen} aria-controls={finishId} onClick={onToggleFinish}>
            Finish early…
          </button>
        </div>
      )}
    </div>
  );
}
