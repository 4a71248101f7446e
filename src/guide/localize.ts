import type { Language, LocalizedText } from './model.js';

/** Pick the text in the wanted language, falling back to the other. Free of the schema library, for the screens. */
export function localize(text: LocalizedText, lang: Language): string {
  return text[lang] ?? text.en ?? text['zh-CN'] ?? '';
}
