import { describe, expect, it } from 'vitest';
import { boardKeyAction, type KeyLike } from './board-key-action';

const on = (tagName: string, extra: Record<string, unknown> = {}): EventTarget => ({ tagName, ...extra }) as unknown as EventTarget;
const press = (key: string, init: Partial<KeyLike> = {}): KeyLike => ({ key, ctrlKey: false, metaKey: false, altKey: false, target: on('LI'), ...init });

describe('boardKeyAction', () => {
  it('maps the board keys', () => {
    expect(boardKeyAction(press('j'))).toBe('next');
    expect(boardKeyAction(press('k'))).toBe('previous');
    expect(boardKeyAction(press('a'))).toBe('acknowledge');
    expect(boardKeyAction(press('c'))).toBe('clear');
    expect(boardKeyAction(press('x'))).toBe('toggle');
    expect(boardKeyAction(press('Enter'))).toBe('open');
    expect(boardKeyAction(press('/'))).toBe('search');
    expect(boardKeyAction(press('?'))).toBe('help');
    expect(boardKeyAction(press('q'))).toBeUndefined();
  });

  it('ignores keys with modifiers', () => {
    expect(boardKeyAction(press('c', { ctrlKey: true }))).toBeUndefined();
    expect(boardKeyAction(press('a', { metaKey: true }))).toBeUndefined();
    expect(boardKeyAction(press('j', { altKey: true }))).toBeUndefined();
  });

  it('ignores keys typed into fields', () => {
    expect(boardKeyAction(press('j', { target: on('INPUT', { type: 'search' }) }))).toBeUndefined();
    expect(boardKeyAction(press('a', { target: on('TEXTAREA') }))).toBeUndefined();
    expect(boardKeyAction(press('c', { target: on('SELECT') }))).toBeUndefined();
    expect(boardKeyAction(press('c', { target: on('DIV', { isContentEditable: true }) }))).toBeUndefined();
  });

  it('still works from a row checkbox, but leaves Enter on buttons and links alone', () => {
    expect(boardKeyAction(press('x', { target: on('INPUT', { type: 'checkbox' }) }))).toBe('toggle');
    expect(boardKeyAction(press('Enter', { target: on('BUTTON') }))).toBeUndefined();
    expect(boardKeyAction(press('Enter', { target: on('A') }))).toBeUndefined();
  });
});
