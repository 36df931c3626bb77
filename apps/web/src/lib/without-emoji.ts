/** Pictographs (not the © ® ™ signs) with their variation selectors, joiners and skin tones, and the space after them. */
const PICTOGRAPHS = /(?:(?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0E|\uFE0F|\u200D|\u20E3)+\s?/gu;

/**
 * A text without emoji: feed lines written by earlier versions carry a badge's emoji ("Eve earned
 * 🚨 First Responder"), which machines without a colour-emoji font draw as an empty box.
 */
export function withoutEmoji(text: string): string {
  return text.replace(PICTOGRAPHS, '').replace(/ {2,}/g, ' ').trim();
}
