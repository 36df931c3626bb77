import { useId, type Ref } from 'react';
import { ChevronDown, SlidersHorizontal } from 'lucide-react';
import { SEVERITIES } from '@opsquest/contracts';
import { isFiltered, NO_FILTER, toggleSeverity, type AlarmFilter } from './alarm-filter';
import { activeFilterCount } from './alarm-filter-count';
import { SeverityLabel } from './severity-label';

interface AlarmFiltersProps {
  filter: AlarmFilter;
  onChange: (filter: AlarmFilter) => void;
  regions: string[];
  sites: string[];
  searchRef: Ref<HTMLInputElement>;
  /** on a phone the filters fold behind one button; on wider screens they are always shown */
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

const ACK_OPTIONS: { value: AlarmFilter['ack']; label: string }[] = [
  { value: 'all', label: 'Any state' },
  { value: 'unacknowledged', label: 'Unacknowledged' },
  { value: 'acknowledged', label: 'Acknowledged' },
];

const ASSIGNMENT_OPTIONS: { value: AlarmFilter['assignment']; label: string }[] = [
  { value: 'all', label: 'Everyone' },
  { value: 'mine', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
];

function pickOption<T extends string>(options: { value: T }[], raw: string, fallback: T): T {
  return options.find((o) => o.value === raw)?.value ?? fallback;
}

/**
 * Search, severity toggles and the state / place / owner selects of the alarm board. On a phone they
 * fold behind one "Filters (n)" button, so the first alarm is on the first screen.
 */
export function AlarmFilters({ filter, onChange, regions, sites, searchRef, open, onOpenChange }: AlarmFiltersProps) {
  const ids = { search: useId(), ack: useId(), region: useId(), site: useId(), assignment: useId(), body: useId() };
  const set = (patch: Partial<AlarmFilter>): void => onChange({ ...filter, ...patch });
  const active = activeFilterCount(filter);
  return (
    <div className="alarm-filters" role="search" aria-label="Filter alarms" data-testid="alarm-filters">
      <button
        type="button"
        className={`alarm-filters__toggle-all${active > 0 ? ' alarm-filters__toggle-all--active' : ''}`}
        aria-expanded={open}
        aria-controls={ids.body}
        onClick={() => onOpenChange(!open)}
        data-testid="alarm-filters-toggle"
      >
        <SlidersHorizontal aria-hidden="true" focusable="false" size={16} />
        {active > 0 ? `Filters (${active})` : 'Filters'}
        <ChevronDown aria-hidden="true" focusable="false" size={16} className="alarm-filters__chevron" />
      </button>
      <div id={ids.body} className={`alarm-filters__body${open ? ' alarm-filters__body--open' : ''}`} data-testid="alarm-filters-body">
        <div className="alarm-filters__search">
          <label className="alarm-filters__label" htmlFor={ids.search}>
            Search <kbd>/</kbd>
          </label>
          <input
            id={ids.search}
            ref={searchRef}
            type="search"
            className="alarm-filters__input"
            placeholder="Title, object, cause, site"
            value={filter.search}
            onChange={(e) => set({ search: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && filter.search !== '') set({ search: '' });
            }}
            data-testid="alarm-search"
          />
        </div>
        <div className="alarm-filters__selects">
          <label className="alarm-filters__field" htmlFor={ids.ack}>
            <span className="alarm-filters__label">State</span>
            <select id={ids.ack} value={filter.ack} onChange={(e) => set({ ack: pickOption(ACK_OPTIONS, e.target.value, 'all') })} data-testid="ack-filter">
              {ACK_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label className="alarm-filters__field" htmlFor={ids.region}>
            <span className="alarm-filters__label">Region</span>
            <select id={ids.region} value={filter.region} onChange={(e) => set({ region: e.target.value, site: '' })} data-testid="region-filter">
              <option value="">All regions</option>
              {regions.map((region) => (
                <option key={region} value={region}>
                  {region}
                </option>
              ))}
            </select>
          </label>
          <label className="alarm-filters__field" htmlFor={ids.site}>
            <span className="alarm-filters__label">Site</span>
            <select id={ids.site} value={filter.site} onChange={(e) => set({ site: e.target.value })} data-testid="site-filter">
              <option value="">All sites</option>
              {sites.map((site) => (
                <option key={site} value={site}>
                  {site}
                </option>
              ))}
            </select>
          </label>
          <label className="alarm-filters__field" htmlFor={ids.assignment}>
            <span className="alarm-filters__label">Owner</span>
            <select
              id={ids.assignment}
              value={filter.assignment}
              onChange={(e) => set({ assignment: pickOption(ASSIGNMENT_OPTIONS, e.target.value, 'all') })}
              data-testid="assignment-filter"
            >
              {ASSIGNMENT_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="alarm-filters__row">
          <fieldset className="alarm-filters__severities">
            <legend className="alarm-filters__label">Severity</legend>
            {SEVERITIES.map((severity) => {
              const pressed = filter.severities.includes(severity);
              return (
                <button
                  key={severity}
                  type="button"
                  className={`alarm-filters__toggle${pressed ? ' alarm-filters__toggle--on' : ''}`}
                  aria-pressed={pressed}
                  data-testid={`severity-filter-${severity}`}
                  onClick={() => set({ severities: toggleSeverity(filter.severities, severity) })}
                >
                  <SeverityLabel severity={severity} />
                </button>
              );
            })}
          </fieldset>
          {isFiltered(filter) && (
            <button type="button" className="button button--ghost button--small alarm-filters__reset" onClick={() => onChange(NO_FILTER)}>
              Reset filters
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
