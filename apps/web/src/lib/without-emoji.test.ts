import { describe, expect, it } from 'vitest';
import { withoutEmoji } from './without-emoji';

describe('withoutEmoji', () => {
  it('drops the badge emoji that older feed lines carry', () => {
    expect(withoutEmoji('Eve Engineer earned 🚨 First Responder')).toBe('Eve Engineer earned First Responder');
    expect(withoutEmoji('Eve Engineer earned 🛡️ Customer Shield')).toBe('Eve Engineer earned Customer Shield');
    expect(withoutEmoji('Ana earned ⛈️ Storm Chaser')).toBe('Ana earned Storm Chaser');
    expect(withoutEmoji('Tia got kudos 👏🏽 from Ed')).toBe('Tia got kudos from Ed');
  });

  it('keeps ordinary text, numbers, arrows and punctuation', () => {
    const text = 'Ed Engineer acknowledged major alarm LinkDown at SITE-12 (MTTA 4 min → 3 min) #1, 2 × faster';
    expect(withoutEmoji(text)).toBe(text);
    expect(withoutEmoji('Zoë’s order 42 was completed')).toBe('Zoë’s order 42 was completed');
    expect(withoutEmoji('Acme® Fibre™ order done')).toBe('Acme® Fibre™ order done');
  });
});
