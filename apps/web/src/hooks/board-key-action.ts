/** What a key press on the alarm board means; pure so it can be tested without a browser. */
export type BoardKeyAction = 'next' | 'previous' | 'acknowledge' | 'clear' | 'toggle' | 'open' | 'search' | 'help';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** the element the key was pressed on */
  target: EventTarget | null;
}

const ACTIONS: Record<string, BoardKeyAction> = {
  j: 'next',
  k: 'previous',
  a: 'acknowledge',
  c: 'clear',
  x: 'toggle',
  Enter: 'open',
  '/': 'search',
  '?': 'help',
};

interface ElementLike {
  tagName?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
}

function asElement(target: EventTarget | null): ElementLike | null {
  return typeof target === 'object' && target !== null ? (target as ElementLike) : null;
}

/** Typing somewhere: text fields, selects, editable content, or inside an open dialog. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = asElement(target);
  if (!element) return false;
  const tag = element.tagName?.toUpperCase();
  if (tag === 'INPUT') {
    const type = (target as { type?: string }).type;
    return type !== 'checkbox' && type !== 'radio' && type !== 'button';
  }
  return tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable === true;
}

/** Enter on a button or link keeps its own meaning. */
function isActivatable(target: EventTarget | null): boolean {
  const tag = asElement(target)?.tagName?.toUpperCase();
  return tag === 'BUTTON' || tag === 'A' || tag === 'INPUT' || tag === 'SUMMARY';
}

/** The board action for a key press, or undefined when the board must ignore it. */
export function boardKeyAction(event: KeyLike): BoardKeyAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (isTypingTarget(event.target)) return undefined;
  const action = ACTIONS[event.key];
  if (action === 'open' && isActivatable(event.target)) return undefined;
  return action;
}
